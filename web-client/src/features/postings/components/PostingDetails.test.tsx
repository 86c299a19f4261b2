import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fullPosting, labels, publicPosting } from '../../../test/fixtures';
import { PostingDetails } from './PostingDetails';

const SECRETS = ['千代田中央病院', '1000001', '100-0001', '千代田1-1', '本館3階', '山田花子', '03-0000-0000', 'jinji@example.jp'];

describe('PostingDetails', () => {
  it('says which details a masked posting withholds, and shows none of them', () => {
    const { container } = render(<PostingDetails posting={publicPosting(true)} labels={labels} />);
    expect(screen.getByText(/施設名・所在地の詳細・連絡先は問い合わせ・応募後に開示されます/)).toBeTruthy();
    for (const s of SECRETS) expect(container.innerHTML).not.toContain(s);
    // What stays public.
    expect(container.textContent).toContain('東京都千代田区');
    expect(container.textContent).toContain('時給 2,500円');
    expect(container.textContent).toContain('令和8年12月1日（2026年12月1日）');
    expect(screen.queryByRole('heading', { name: /⑫ 連絡先/ })).toBeNull();
  });

  it('shows the identity and contact of an unmasked posting', () => {
    const { container } = render(<PostingDetails posting={publicPosting(false)} labels={labels} />);
    expect(screen.queryByText(/問い合わせ・応募後に開示されます/)).toBeNull();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('千代田中央病院');
    expect(container.textContent).toContain('〒100-0001');
    expect(container.textContent).toContain('山田花子');
    expect(container.textContent).not.toContain('G-0001');
  });

  it('shows the facility ID only in the full (owner/admin) view', () => {
    const { container } = render(<PostingDetails posting={fullPosting()} labels={labels} />);
    expect(container.textContent).toContain('G-0001');
    expect(container.textContent).toContain('施設名・所在地の詳細・連絡先を非公開にして公開');
  });
});
