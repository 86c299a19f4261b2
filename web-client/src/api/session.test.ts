import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signIn } from '../features/auth/api/auth';
import { json } from '../test/fixtures';
import { api, unwrap } from './client';
import {
  SESSION_CHANNEL,
  SESSION_LOCK,
  endSession,
  getSession,
  getSessionStatus,
  initSession,
  refreshSession,
  restoreSession,
  sessionExpired,
  signOut,
  startSession,
} from './session';

/** What the server answers at sign-in (with the refresh token in the body, for API clients). */
const loginTokens = (n: number, expiresIn = 900) => ({
  access_token: `access-${n}`,
  token_type: 'Bearer',
  expires_in: expiresIn,
  role: 'facility' as const,
  refresh_token: `refresh-${n}`,
  refresh_expires_in: 1209600,
});

/** What the server answers a cookie refresh: no refresh token in the body. */
const refreshed = (n: number, role: 'facility' | 'jobseeker' = 'facility') => ({
  access_token: `access-${n}`,
  token_type: 'Bearer',
  expires_in: 900,
  role,
  refresh_expires_in: 1209600,
});

const me = (loginId = 'G-0001', role: 'facility' | 'jobseeker' = 'facility') => ({
  account_id: 7,
  role,
  login_id: loginId,
  email: 'jinji@example.jp',
});

const unauthorized = () => json({ error: { code: 'unauthorized', message: 'ログインが必要です。', fields: [] } }, 401);

type Call = { path: string; method: string; auth: string | null; lang: string | null; credentials: string; body?: unknown };

function stubServer(handler: (path: string, auth: string | null) => Response | Promise<Response>) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request | URL, init?: RequestInit) => {
      const req = input instanceof Request ? input : new Request(input, init);
      const path = new URL(req.url).pathname;
      const text = req.method === 'POST' ? await req.clone().text() : '';
      calls.push({
        path,
        method: req.method,
        auth: req.headers.get('Authorization'),
        lang: req.headers.get('Accept-Language'),
        credentials: init?.credentials ?? req.credentials,
        body: text ? JSON.parse(text) : undefined,
      });
      return handler(path, req.headers.get('Authorization'));
    }),
  );
  return calls;
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Every value in localStorage and sessionStorage. */
function stored(): string {
  const out: string[] = [];
  for (const s of [localStorage, sessionStorage]) {
    for (let i = 0; i < s.length; i++) {
      const k = s.key(i) ?? '';
      out.push(`${k}=${s.getItem(k)}`);
    }
  }
  return out.join('\n');
}

const list = () => unwrap(api.GET('/api/v1/facility/postings', { params: { query: {} } }));
const refreshCalls = (calls: Call[]) => calls.filter((c) => c.path === '/api/v1/auth/refresh');

beforeEach(() => endSession());
afterEach(() => endSession());

describe('session', () => {
  beforeEach(() => startSession(loginTokens(1), 'G-0001'));

  it('sends the token and the UI language', async () => {
    const calls = stubServer(() => json({ items: [] }));
    await list();
    expect(calls.map(({ path, auth, lang }) => ({ path, auth, lang }))).toEqual([
      { path: '/api/v1/facility/postings', auth: 'Bearer access-1', lang: 'ja' },
    ]);
  });

  it('keeps the token in memory only, without the refresh token the sign-in answered with', () => {
    expect(getSession()).toMatchObject({ access_token: 'access-1', role: 'facility', login_id: 'G-0001' });
    expect(JSON.stringify(getSession())).not.toContain('refresh-1');
    expect(getSessionStatus()).toBe('signed-in');
  });

  it('after a 401 refreshes once with the cookie, and retries with the new token', async () => {
    const calls = stubServer((path, auth) => {
      if (path === '/api/v1/auth/refresh') return json(refreshed(2));
      if (path === '/api/v1/auth/me') return auth === 'Bearer access-2' ? json(me()) : unauthorized();
      return auth === 'Bearer access-2' ? json({ items: [] }) : unauthorized();
    });
    await expect(list()).resolves.toEqual({ items: [] });
    expect(calls.map((c) => [c.path, c.auth])).toEqual([
      ['/api/v1/facility/postings', 'Bearer access-1'],
      ['/api/v1/auth/refresh', null],
      ['/api/v1/auth/me', 'Bearer access-2'],
      ['/api/v1/facility/postings', 'Bearer access-2'],
    ]);
    // No refresh token in the body: the HttpOnly cookie carries it, so the request must send cookies.
    expect(calls[1]).toMatchObject({ method: 'POST', body: {}, credentials: 'same-origin' });
    expect(getSession()).toMatchObject({ access_token: 'access-2', login_id: 'G-0001' });
  });

  it('refreshes before a token that is about to expire, once for parallel calls', async () => {
    startSession(loginTokens(1, 30), 'G-0001');
    const calls = stubServer((path) =>
      path === '/api/v1/auth/refresh' ? json(refreshed(2)) : path === '/api/v1/auth/me' ? json(me()) : json({ items: [] }),
    );
    await Promise.all([list(), list(), refreshSession(), refreshSession()]);
    expect(refreshCalls(calls)).toHaveLength(1);
    expect(calls.filter((c) => c.path === '/api/v1/facility/postings').map((c) => c.auth)).toEqual(['Bearer access-2', 'Bearer access-2']);
  });

  it('refreshes once when parallel calls meet a 401', async () => {
    const calls = stubServer((path, auth) => {
      if (path === '/api/v1/auth/refresh') return json(refreshed(2));
      if (path === '/api/v1/auth/me') return json(me());
      return auth === 'Bearer access-2' ? json({ items: [] }) : unauthorized();
    });
    await Promise.all([list(), list(), list()]);
    expect(refreshCalls(calls)).toHaveLength(1);
  });

  it('ends the session when it cannot be renewed, and says it expired', async () => {
    const calls = stubServer(() => unauthorized());
    await expect(list()).rejects.toMatchObject({ status: 401, message: 'ログインが必要です。' });
    expect(refreshCalls(calls)).toHaveLength(1);
    expect(getSession()).toBeNull();
    expect(getSessionStatus()).toBe('signed-out');
    expect(sessionExpired()).toBe(true);
  });

  it('turns a dropped connection into a NetworkError and keeps the session', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(list()).rejects.toMatchObject({ name: 'NetworkError' });
    await expect(refreshSession()).rejects.toMatchObject({ name: 'NetworkError' });
    expect(getSession()).not.toBeNull();
  });

  it('does not bring back a session that was signed out while its refresh was under way', async () => {
    const answer = deferred<Response>();
    stubServer((path) => (path === '/api/v1/auth/refresh' ? answer.promise : json(me())));
    const refresh = refreshSession();
    endSession();
    answer.resolve(json(refreshed(2)));
    await expect(refresh).resolves.toBeNull();
    expect(getSession()).toBeNull();
  });

  it('signs out on the server with the cookie (and the token), and forgets the session', async () => {
    const calls = stubServer(() => new Response(null, { status: 204 }));
    await signOut();
    expect(calls).toEqual([
      { path: '/api/v1/auth/logout', method: 'POST', auth: 'Bearer access-1', lang: 'ja', credentials: 'same-origin', body: {} },
    ]);
    expect(getSession()).toBeNull();
    expect(sessionExpired()).toBe(false);
  });
});

describe('restoring the session after a reload', () => {
  it('without a refresh cookie: signed out (not "expired")', async () => {
    const answer = deferred<Response>();
    const calls = stubServer(() => answer.promise);
    const restored = restoreSession();
    expect(getSessionStatus()).toBe('restoring');
    answer.resolve(unauthorized());
    await restored;
    expect(getSessionStatus()).toBe('signed-out');
    expect(getSession()).toBeNull();
    expect(sessionExpired()).toBe(false);
    expect(calls).toEqual([
      { path: '/api/v1/auth/refresh', method: 'POST', auth: null, lang: 'ja', credentials: 'same-origin', body: {} },
    ]);
  });

  it('with a live cookie: signed in, the login ID read from /auth/me; requests made meanwhile wait and carry the token', async () => {
    const answer = deferred<Response>();
    const calls = stubServer((path, auth) => {
      if (path === '/api/v1/auth/refresh') return answer.promise;
      if (path === '/api/v1/auth/me') return auth === 'Bearer access-5' ? json(me('hanako@example.jp', 'jobseeker')) : unauthorized();
      return json({ items: [] });
    });
    const restored = restoreSession();
    const early = list();
    expect(getSessionStatus()).toBe('restoring');
    answer.resolve(json(refreshed(5, 'jobseeker')));
    await restored;
    await early;
    expect(getSessionStatus()).toBe('signed-in');
    expect(getSession()).toMatchObject({ access_token: 'access-5', role: 'jobseeker', login_id: 'hanako@example.jp' });
    expect(calls.map((c) => [c.path, c.auth])).toEqual([
      ['/api/v1/auth/refresh', null],
      ['/api/v1/auth/me', 'Bearer access-5'],
      ['/api/v1/facility/postings', 'Bearer access-5'],
    ]);
  });

  it('when the server cannot be reached: signed out, and requests still go out', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await restoreSession();
    expect(getSessionStatus()).toBe('signed-out');
    await expect(list()).rejects.toMatchObject({ name: 'NetworkError' });
  });
});

describe('answers it does not use', () => {
  // A fetch whose body is never read keeps its request open in the browser until the response is
  // garbage collected (the page never goes network-idle): every answer is read to the end.
  it('are read to the end: a refresh refused, a 401 before the retry, the sign-out', async () => {
    const answers: Response[] = [];
    const keep = (res: Response) => {
      answers.push(res);
      return res;
    };
    stubServer((path, auth) => {
      if (path === '/api/v1/auth/refresh') return keep(answers.length === 0 ? unauthorized() : json(refreshed(2)));
      if (path === '/api/v1/auth/me') return json(me());
      if (path === '/api/v1/auth/logout') return keep(json({ ok: true }));
      return auth === 'Bearer access-2' ? json({ items: [] }) : keep(unauthorized());
    });
    await restoreSession(); // no cookie: 401
    startSession(loginTokens(1), 'G-0001');
    await list(); // 401, refresh, retry
    await signOut();
    expect(answers.map((r) => r.status)).toEqual([401, 401, 200, 200]);
    expect(answers.filter((r) => !r.bodyUsed).map((r) => r.status)).toEqual([]);
  });
});

describe('tokens never reach web storage', () => {
  it('through sign-in, refresh, restore and sign-out', async () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    stubServer((path, auth) => {
      if (path === '/api/v1/auth/login') return json(loginTokens(1, 30));
      if (path === '/api/v1/auth/refresh') return json(refreshed(2));
      if (path === '/api/v1/auth/me') return json(me());
      if (path === '/api/v1/auth/logout') return new Response(null, { status: 204 });
      return auth ? json({ items: [] }) : unauthorized();
    });
    await signIn({ login_id: 'G-0001', password: 'secret-pass-1' });
    expect(getSession()).toMatchObject({ access_token: 'access-1', login_id: 'G-0001' });
    await list(); // about to expire: refreshed first
    expect(getSession()?.access_token).toBe('access-2');
    endSession();
    await restoreSession();
    expect(getSession()?.access_token).toBe('access-2');
    await signOut();

    const everything = stored();
    for (const token of ['access-1', 'refresh-1', 'access-2']) expect(everything).not.toContain(token);
    for (const [, value] of setItem.mock.calls) {
      expect(value).not.toMatch(/access-|refresh-/);
    }
    expect(localStorage.getItem('keynet.session')).toBeNull();
  });
});

describe('across tabs', () => {
  let dispose: (() => void) | null = null;
  let other: BroadcastChannel | null = null;

  afterEach(() => {
    dispose?.();
    dispose = null;
    other?.close();
    other = null;
    Reflect.deleteProperty(navigator, 'locks');
  });

  /** A second tab's end of the channel, and the messages it received. */
  function otherTab() {
    const received: unknown[] = [];
    other = new BroadcastChannel(SESSION_CHANNEL);
    other.onmessage = (e: MessageEvent) => received.push(e.data);
    return received;
  }

  async function started(handler: Parameters<typeof stubServer>[0]) {
    const calls = stubServer(handler);
    dispose = initSession();
    await vi.waitFor(() => expect(getSessionStatus()).not.toBe('restoring'));
    return calls;
  }

  it('serializes refreshes with the Web Lock "keynet-refresh" when the browser has Web Locks', async () => {
    const names: string[] = [];
    let held = false;
    let overlapped = false;
    let chain = Promise.resolve();
    const locks = {
      request: (name: string, task: () => Promise<unknown>) => {
        names.push(name);
        const run = chain.then(async () => {
          overlapped ||= held;
          held = true;
          try {
            return await task();
          } finally {
            held = false;
          }
        });
        chain = run.then(
          () => undefined,
          () => undefined,
        );
        return run;
      },
    };
    Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
    stubServer((path) => (path === '/api/v1/auth/refresh' ? json(refreshed(2)) : path === '/api/v1/auth/me' ? json(me()) : json({})));
    startSession(loginTokens(1), 'G-0001');
    await refreshSession();
    await signOut();
    expect(names).toEqual([SESSION_LOCK, SESSION_LOCK]);
    expect(overlapped).toBe(false);
  });

  it('a sign-out in another tab signs this one out', async () => {
    await started((path) => (path === '/api/v1/auth/refresh' ? json(refreshed(3)) : json(me())));
    expect(getSession()?.access_token).toBe('access-3');
    otherTab();
    other?.postMessage({ type: 'signout' });
    await vi.waitFor(() => expect(getSession()).toBeNull());
    expect(sessionExpired()).toBe(false);
  });

  it('signing in and out here is told to the other tabs', async () => {
    await started(() => unauthorized());
    const received = otherTab();
    startSession(loginTokens(1), 'G-0001');
    stubServer(() => new Response(null, { status: 204 }));
    await signOut();
    await vi.waitFor(() =>
      expect(received).toEqual([
        { type: 'signin', login_id: 'G-0001' },
        { type: 'signout' },
      ]),
    );
  });

  it('a sign-in in another tab is taken up here through the cookie', async () => {
    await started(() => unauthorized());
    expect(getSession()).toBeNull();
    const calls = stubServer((path) => (path === '/api/v1/auth/refresh' ? json(refreshed(9, 'jobseeker')) : json(me('hanako@example.jp', 'jobseeker'))));
    otherTab();
    other?.postMessage({ type: 'signin', login_id: 'hanako@example.jp' });
    await vi.waitFor(() => expect(getSession()).toMatchObject({ access_token: 'access-9', login_id: 'hanako@example.jp' }));
    expect(refreshCalls(calls)).toHaveLength(1);
  });
});
