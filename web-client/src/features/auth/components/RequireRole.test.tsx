import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { endSession, restoreSession } from '../../../api/session';
import { json } from '../../../test/fixtures';
import { RequireRole } from './RequireRole';

function LoginStub() {
  const { search } = useLocation();
  return <p>login page {search}</p>;
}

function renderArea() {
  return render(
    <MemoryRouter initialEntries={['/facility?status=all']}>
      <Routes>
        <Route
          path="/facility"
          element={
            <RequireRole roles={['facility']}>
              <p>facility postings</p>
            </RequireRole>
          }
        />
        <Route path="/login" element={<LoginStub />} />
      </Routes>
    </MemoryRouter>,
  );
}

/** The refresh answers when told; /auth/me answers at once. */
function serveRefresh() {
  let answer!: (r: Response) => void;
  const refresh = new Promise<Response>((r) => {
    answer = r;
  });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request | URL) => {
      const path = new URL(input instanceof Request ? input.url : input).pathname;
      if (path === '/api/v1/auth/refresh') return refresh;
      return json({ account_id: 1, role: 'facility', login_id: 'G-0001', email: 'a@example.jp' });
    }),
  );
  return answer;
}

beforeEach(() => endSession());
afterEach(() => endSession());

describe('RequireRole after a reload', () => {
  it('waits while the session is restored instead of sending a signed-in user to sign in', async () => {
    const answer = serveRefresh();
    const restored = restoreSession();
    renderArea();
    expect(screen.getByRole('status').textContent).toContain('ログインの状態を確認しています');
    expect(screen.queryByText(/login page/)).toBeNull();
    answer(json({ access_token: 'a', token_type: 'Bearer', expires_in: 900, role: 'facility', refresh_expires_in: 1209600 }));
    await restored;
    expect(await screen.findByText('facility postings')).toBeTruthy();
    expect(screen.queryByText(/login page/)).toBeNull();
  });

  it('sends the visitor to sign in once it is clear there is no session', async () => {
    const answer = serveRefresh();
    const restored = restoreSession();
    renderArea();
    expect(screen.queryByText(/login page/)).toBeNull();
    answer(json({ error: { code: 'unauthorized', message: 'x', fields: [] } }, 401));
    await restored;
    expect((await screen.findByText(/login page/)).textContent).toContain(`?next=${encodeURIComponent('/facility?status=all')}`);
  });
});
