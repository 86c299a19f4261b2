import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { endSession, startSession } from '../../../api/session';
import { json } from '../../../test/fixtures';
import ContactPanel from './ContactPanel';

const summary = {
  id: 8,
  kind: 'inquiry',
  stage: 'inquiry',
  posting: { id: 42, occupation: 'nurse', prefecture_name: '東京都', municipality: '千代田区', facility_name: '千代田中央病院' },
  jobseeker_name: null,
  last_message_at: '2026-11-24T01:00:00Z',
  last_message_by: 'jobseeker',
  awaiting: 'facility',
  created_at: '2026-11-24T01:00:00Z',
};

const sent: { path: string; body: unknown }[] = [];

function serve(threads: unknown[]) {
  sent.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const path = new URL(req.url).pathname;
      if (req.method === 'POST') {
        sent.push({ path, body: await req.json() });
        return json({ id: 8, kind: 'application' }, 200);
      }
      if (path === '/api/v1/threads') return json({ items: threads });
      return json({ items: [] });
    }),
  );
}

function renderPanel(url = '/postings/42') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path="/postings/:id" element={<ContactPanel postingId={42} />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

function signInJobseeker() {
  startSession({ access_token: 'a', token_type: 'Bearer', expires_in: 900, refresh_token: 'r', refresh_expires_in: 9000, role: 'jobseeker' }, 'hanako@example.jp');
}

beforeEach(() => endSession());
afterEach(() => endSession());

describe('ContactPanel', () => {
  it('sends a visitor to sign in and back, with the chosen box to open', () => {
    serve([]);
    renderPanel();
    expect(screen.getByRole('link', { name: '問い合わせる' }).getAttribute('href')).toBe(`/login?next=${encodeURIComponent('/postings/42?contact=inquiry')}`);
    expect(screen.getByRole('link', { name: '応募する' }).getAttribute('href')).toBe(`/login?next=${encodeURIComponent('/postings/42?contact=application')}`);
    expect(screen.getByRole('link', { name: /新規登録/ }).getAttribute('href')).toBe(`/signup?next=${encodeURIComponent('/postings/42')}`);
  });

  it('opens the box the visitor chose once they are back, signed in', async () => {
    signInJobseeker();
    serve([]);
    renderPanel('/postings/42?contact=application');
    expect(await screen.findByLabelText(/応募のメッセージ/)).toBeTruthy();
  });

  it('after an inquiry, offers only to apply, and sends the application', async () => {
    signInJobseeker();
    serve([summary]);
    renderPanel();
    expect(await screen.findByRole('heading', { name: 'この募集に応募する' })).toBeTruthy();
    expect(screen.getByText(/この募集には問い合わせ済みです（問い合わせ中）/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: '問い合わせる' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '応募する' }));
    // An empty message is refused before sending.
    fireEvent.click(screen.getByRole('button', { name: '応募する' }));
    expect(await screen.findByText('メッセージを入力してください。')).toBeTruthy();
    expect(sent).toEqual([]);
    fireEvent.change(screen.getByLabelText(/応募のメッセージ/), { target: { value: ' 応募します。 ' } });
    fireEvent.click(screen.getByRole('button', { name: '応募する' }));
    await waitFor(() => expect(sent).toEqual([{ path: '/api/v1/postings/42/applications', body: { message: '応募します。' } }]));
    expect(await screen.findByRole('heading', { name: '応募しました。' })).toBeTruthy();
  });
});
