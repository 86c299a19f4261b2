import { beforeEach, describe, expect, it, vi } from 'vitest';
import { json } from '../test/fixtures';
import { api, unwrap } from './client';
import { getSession, sessionExpired, startSession } from './session';

const tokens = (n: number, expiresIn = 900) => ({
  access_token: `access-${n}`,
  token_type: 'Bearer',
  expires_in: expiresIn,
  role: 'facility' as const,
  refresh_token: `refresh-${n}`,
  refresh_expires_in: 1209600,
});

type Call = { path: string; auth: string | null; lang: string | null; body?: unknown };

function stubServer(handler: (path: string, auth: string | null) => Response) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request | URL, init?: RequestInit) => {
      const req = input instanceof Request ? input : new Request(input, init);
      const path = new URL(req.url).pathname;
      const body = req.method === 'POST' ? await req.clone().json() : undefined;
      calls.push({ path, auth: req.headers.get('Authorization'), lang: req.headers.get('Accept-Language'), body });
      return handler(path, req.headers.get('Authorization'));
    }),
  );
  return calls;
}

const list = () => unwrap(api.GET('/api/v1/facility/postings', { params: { query: {} } }));

describe('session', () => {
  beforeEach(() => startSession(tokens(1), 'G-0001'));

  it('sends the token and the UI language', async () => {
    const calls = stubServer(() => json({ items: [] }));
    await list();
    expect(calls).toEqual([{ path: '/api/v1/facility/postings', auth: 'Bearer access-1', lang: 'ja', body: undefined }]);
  });

  it('after a 401 refreshes once and retries', async () => {
    const calls = stubServer((path, auth) => {
      if (path === '/api/v1/auth/refresh') return json(tokens(2));
      return auth === 'Bearer access-2' ? json({ items: [] }) : json({ error: { code: 'unauthorized', message: 'x', fields: [] } }, 401);
    });
    await expect(list()).resolves.toEqual({ items: [] });
    expect(calls.map((c) => [c.path, c.auth])).toEqual([
      ['/api/v1/facility/postings', 'Bearer access-1'],
      ['/api/v1/auth/refresh', null],
      ['/api/v1/facility/postings', 'Bearer access-2'],
    ]);
    expect(calls[1]?.body).toEqual({ refresh_token: 'refresh-1' });
    expect(getSession()?.refresh_token).toBe('refresh-2');
  });

  it('refreshes before a token that is about to expire, once for parallel calls', async () => {
    startSession(tokens(1, 30), 'G-0001');
    const calls = stubServer((path) => (path === '/api/v1/auth/refresh' ? json(tokens(2)) : json({ items: [] })));
    await Promise.all([list(), list()]);
    expect(calls.filter((c) => c.path === '/api/v1/auth/refresh')).toHaveLength(1);
    expect(calls.filter((c) => c.path !== '/api/v1/auth/refresh').map((c) => c.auth)).toEqual(['Bearer access-2', 'Bearer access-2']);
  });

  it('ends the session when it cannot be renewed, and says it expired', async () => {
    stubServer(() => json({ error: { code: 'unauthorized', message: 'ログインが必要です。', fields: [] } }, 401));
    await expect(list()).rejects.toMatchObject({ status: 401, message: 'ログインが必要です。' });
    expect(getSession()).toBeNull();
    expect(sessionExpired()).toBe(true);
  });

  it('turns a dropped connection into a NetworkError', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(list()).rejects.toMatchObject({ name: 'NetworkError' });
    expect(getSession()).not.toBeNull();
  });
});
