import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { endSession, startSession } from '../../../api/session';
import { fullPosting, identity, json, publicPosting } from '../../../test/fixtures';
import type { ThreadDetail } from '../utils/types';
import { ThreadPage } from './ThreadPage';

const profile = {
  account_id: 9,
  email: 'hanako@example.jp',
  name: '看護 花子',
  name_kana: 'カンゴ ハナコ',
  phone: '090-1234-5678',
  prefecture_code: '13',
  availability: '平日の日中',
  experience: null,
  years_away: 3,
  licences: [{ occupation: 'nurse' as const, licence_number: '123456', licence_year: 2008 }],
};

function thread(overrides: Partial<ThreadDetail> = {}): ThreadDetail {
  return {
    id: 5,
    kind: 'application',
    stage: 'interview',
    version: 4,
    posting: fullPosting(),
    jobseeker: profile,
    messages: [
      { id: 1, sender: 'jobseeker', body: '応募します。', created_at: '2026-11-24T01:00:00Z' },
      { id: 2, sender: 'facility', body: '面接をお願いします。', created_at: '2026-11-24T02:00:00Z' },
    ],
    interviews: [{ id: 3, starts_at: '2026-12-03T14:00:00+09:00', duration_minutes: 30, video_url: 'https://meet.example.jp/x', note: '', status: 'proposed' }],
    decision: null,
    training_report: null,
    first_response_at: '2026-11-24T02:00:00Z',
    created_at: '2026-11-24T01:00:00Z',
    ...overrides,
  };
}

function serve(detail: ThreadDetail) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const path = new URL(req.url).pathname;
      if (path === `/api/v1/threads/${detail.id}`) return json(detail);
      if (path === '/api/v1/reference/occupations') return json({ items: [{ code: 'nurse', name_ja: '看護師', name_en: 'Nurse' }] });
      if (path === '/api/v1/reference/prefectures') {
        return json({ items: [{ code: '13', name_ja: '東京都', name_en: 'Tokyo', region: { code: 'kanto', name_ja: '関東', name_en: 'Kanto' } }] });
      }
      if (path.startsWith('/api/v1/reference/')) return json({ items: [] });
      return json({ error: { code: 'not_found', message: 'no', fields: [] } }, 404);
    }),
  );
}

function signIn(role: 'facility' | 'jobseeker') {
  startSession({ access_token: 'a', token_type: 'Bearer', expires_in: 900, refresh_token: 'r', refresh_expires_in: 9000, role }, role === 'facility' ? 'G-0001' : 'hanako@example.jp');
}

function renderThread(id = 5) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[`/threads/${id}`]}>
        <Routes>
          <Route path="/threads/:id" element={<ThreadPage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

beforeEach(() => endSession());
afterEach(() => endSession());

describe('ThreadPage, for the facility', () => {
  it('shows the applicant, the interview in Japan time, the conversation, and the result form', async () => {
    signIn('facility');
    serve(thread());
    renderThread();
    expect(await screen.findByRole('heading', { level: 1, name: '看護 花子さんからの応募' })).toBeTruthy();
    expect(document.title).toBe('看護 花子さんからの応募 | 医療のお仕事 Key-Net');
    const applicant = screen.getByRole('region', { name: '求職者のプロフィール' });
    // Labels arrive with the reference lists.
    await within(applicant).findByText('看護師（登録番号 123456、平成20年（2008年）取得）');
    expect(applicant.textContent).toContain('3年');
    expect(applicant.textContent).toContain('東京都');
    expect(screen.getByRole('heading', { name: '令和8年12月3日（木）14:00〜14:30' })).toBeTruthy();
    // The facility does not answer its own proposal.
    expect(screen.queryByRole('button', { name: 'この日時で受ける' })).toBeNull();
    expect(screen.getByText('面接をお願いします。').closest('li')?.className).toContain('message-mine');
    expect(screen.getByRole('heading', { name: '結果の通知' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'オンライン面接の日時を提案する' })).toBeTruthy();
    // At the interview step, only the decision moves it on.
    expect(screen.queryByRole('button', { name: '面接に進める' })).toBeNull();
  });

  it('says when the jobseeker has left, and offers no result form', async () => {
    signIn('facility');
    serve(thread({ stage: 'withdrawn', jobseeker: null, interviews: [] }));
    renderThread();
    expect(await screen.findByText('この求職者は退会したため、プロフィールは表示できません。')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'このやりとりは終了しました' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: '結果の通知' })).toBeNull();
    expect(screen.queryByLabelText(/返信する/)).toBeNull();
  });

  it('asks for the training report once hired', async () => {
    signIn('facility');
    serve(thread({ stage: 'hired', decision: { result: 'hired', message: 'ようこそ', decided_at: '2026-11-25T00:00:00Z' } }));
    renderThread();
    expect(await screen.findByRole('heading', { name: '採用を通知しました' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: '研修修了の報告' })).toBeTruthy();
  });
});

describe('ThreadPage, for the jobseeker', () => {
  it('lets them answer the interview and shows the disclosed contact', async () => {
    signIn('jobseeker');
    serve(thread({ posting: { ...publicPosting(false), view: 'jobseeker', masked: true, disclosed: true, identity } as ThreadDetail['posting'], jobseeker: null }));
    renderThread();
    expect(await screen.findByRole('heading', { level: 1, name: '千代田中央病院への応募' })).toBeTruthy();
    const card = screen.getByRole('heading', { name: '令和8年12月3日（木）14:00〜14:30' }).closest('li') as HTMLElement;
    expect(within(card).getByRole('button', { name: 'この日時で受ける' })).toBeTruthy();
    expect(within(card).getByRole('button', { name: '辞退する' })).toBeTruthy();
    const contact = screen.getByRole('region', { name: '募集と連絡先' });
    expect(contact.textContent).toContain('jinji@example.jp');
    expect(screen.queryByRole('heading', { name: '結果の通知' })).toBeNull();
  });

  it('tells them kindly when the posting closed, with similar postings one click away', async () => {
    signIn('jobseeker');
    serve(thread({ stage: 'posting_closed', interviews: [], jobseeker: null, posting: { ...publicPosting(false), view: 'jobseeker', masked: false, disclosed: false } as ThreadDetail['posting'] }));
    renderThread();
    expect(await screen.findByRole('heading', { name: 'この募集は締め切られました' })).toBeTruthy();
    expect(screen.getByText(/ご応募いただき、ありがとうございました/)).toBeTruthy();
    expect(screen.getByRole('link', { name: '同じ職種・地域のほかの募集を見る' }).getAttribute('href')).toBe('/?occupation=nurse&prefecture=13');
  });
});
