// The signed-in session, in memory only: the access token, its expiry, the role and the login
// ID. No token is ever written to localStorage or sessionStorage. The refresh token never
// reaches script at all: the server keeps it in the `keynet_refresh` cookie (HttpOnly,
// SameSite=Strict, Path=/api/v1/auth), and `POST /auth/refresh {}` exchanges it for a new
// access token while rotating the cookie (the body's `refresh_token`, which sign-in still
// returns for API clients, is ignored).
//
// On start (`initSession`) the session is restored that way; until that first attempt settles
// the status is 'restoring' and the pages that depend on who is signed in wait. After that:
// a silent refresh shortly before the access token expires or after a 401, and `sessionFetch`,
// the fetch the API client uses to attach the token.
//
// Refresh tokens are single-use and presenting a spent one ends the whole session, so every
// exchange that changes the cookie (refresh, sign-in, sign-out) runs under the Web Lock
// 'keynet-refresh', one tab at a time, and within a tab a refresh is single-flight. Tabs tell
// each other about sign-in and sign-out on the BroadcastChannel 'keynet-session'; a tab that
// misses the message finds out at its next refresh.

import { useSyncExternalStore } from 'react';
import { getLang } from '../lib/i18n';
import type { components } from './schema';
import { ApiError, NetworkError } from './errors';

type TokenResponse = components['schemas']['TokenResponse'];
type MeResponse = components['schemas']['MeResponse'];
export type Role = components['schemas']['Role'];

export interface Session {
  access_token: string;
  /** Epoch milliseconds. */
  access_expires_at: number;
  role: Role;
  login_id: string;
}

/** 'restoring' while the first refresh after the page loaded is in flight. */
export type SessionStatus = 'restoring' | 'signed-in' | 'signed-out';

/** The Web Lock that serializes every exchange that changes the refresh cookie. */
export const SESSION_LOCK = 'keynet-refresh';
/** The BroadcastChannel on which tabs announce sign-in and sign-out. */
export const SESSION_CHANNEL = 'keynet-session';

type Message = { type: 'signin'; login_id: string } | { type: 'signout' };

/** Refresh this long before the access token runs out. */
const MARGIN_MS = 60_000;
const listeners = new Set<() => void>();

let current: Session | null = null;
let status: SessionStatus = 'signed-out';
let endedBecauseExpired = false;
/** Bumped by every sign-in and sign-out, so a refresh begun before one cannot undo it. */
let epoch = 0;
/** The first refresh after the page loaded, while it is in flight. */
let restoring: Promise<void> | null = null;
let refreshing: Promise<string | null> | null = null;
let channel: BroadcastChannel | null = null;

function set(next: Session | null, nextStatus: SessionStatus = next ? 'signed-in' : 'signed-out') {
  current = next;
  status = nextStatus;
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function getSession(): Session | null {
  return current;
}

export function getSessionStatus(): SessionStatus {
  return status;
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession, getSession);
}

export function useSessionStatus(): SessionStatus {
  return useSyncExternalStore(subscribe, getSessionStatus, getSessionStatus);
}

function fromTokens(tokens: Pick<TokenResponse, 'access_token' | 'expires_in' | 'role'>, loginId: string): Session {
  // Deliberately not `tokens.refresh_token`: that one stays in the HttpOnly cookie.
  return {
    access_token: tokens.access_token,
    access_expires_at: Date.now() + tokens.expires_in * 1000,
    role: tokens.role,
    login_id: loginId,
  };
}

function announce(message: Message) {
  try {
    channel?.postMessage(message);
  } catch {
    // The channel is closed: other tabs find out at their next refresh.
  }
}

/** Starts the session of a sign-in (whose answer set the refresh cookie) and tells the other tabs. */
export function startSession(tokens: TokenResponse, loginId: string) {
  epoch++;
  endedBecauseExpired = false;
  set(fromTokens(tokens, loginId));
  announce({ type: 'signin', login_id: loginId });
}

/**
 * Forgets the session in this tab; `expired` when it could not be renewed (the sign-in page
 * says so). The server is not told: see `signOut`.
 */
export function endSession(reason: 'signout' | 'expired' = 'signout') {
  epoch++;
  endedBecauseExpired = reason === 'expired';
  set(null);
}

/** Whether the last session ended because it expired rather than by signing out. */
export function sessionExpired(): boolean {
  return endedBecauseExpired;
}

/**
 * Runs `task` while holding the lock 'keynet-refresh' (Web Locks, shared by every tab of this
 * origin), or, without Web Locks, after the tasks queued before it in this tab.
 */
let queue: Promise<unknown> = Promise.resolve();
export function withSessionLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = globalThis.navigator?.locks;
  if (locks) return locks.request(SESSION_LOCK, () => task()) as Promise<T>;
  const run = queue.then(
    () => task(),
    () => task(),
  );
  queue = run.catch(() => undefined);
  return run;
}

export function baseUrl(): string {
  return globalThis.location?.origin ?? 'http://localhost';
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  return { 'Content-Type': 'application/json', 'Accept-Language': getLang(), ...extra };
}

/**
 * Reads an answer's body to the end when nothing in it is needed. A fetch whose body is left
 * unread stays open in the browser (its request never finishes) until the response is garbage
 * collected, which keeps the page from ever going network-idle.
 */
export async function discardBody(res: Response): Promise<void> {
  try {
    await res.arrayBuffer();
  } catch {
    // Already read, or the connection dropped: either way the request is over.
  }
}

async function post(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(new URL(path, baseUrl()), { method: 'POST', credentials: 'same-origin', ...init });
  } catch (e) {
    throw new NetworkError(e);
  }
}

/**
 * `POST /auth/refresh {}`: the cookie is exchanged for a new access token (and a new cookie).
 * Null when there is no live session (400/401/403); a dropped connection or a server error
 * throws.
 */
async function exchangeCookie(): Promise<TokenResponse | null> {
  const res = await post('/api/v1/auth/refresh', { headers: headers(), body: '{}' });
  if (res.ok) return (await res.json()) as TokenResponse;
  if (res.status === 400 || res.status === 401 || res.status === 403) {
    await discardBody(res);
    return null;
  }
  throw ApiError.from(res, await res.json().catch(() => null));
}

/** `GET /auth/me` with this access token: who the session belongs to. */
export async function fetchAccount(accessToken: string): Promise<MeResponse> {
  let res: Response;
  try {
    res = await fetch(new URL('/api/v1/auth/me', baseUrl()), {
      headers: { Accept: 'application/json', 'Accept-Language': getLang(), Authorization: `Bearer ${accessToken}` },
    });
  } catch (e) {
    throw new NetworkError(e);
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw ApiError.from(res, body);
  return body as MeResponse;
}

/**
 * Exchanges the refresh cookie for a new access token, once at a time in this tab and under
 * the cross-tab lock. Resolves to the new access token, or null when the session is over (it
 * is then cleared here, and other tabs are told). A dropped connection rejects and keeps the
 * session. The account is read again from `/auth/me`, since the cookie may have changed hands
 * (a sign-in in another tab).
 */
export function refreshSession(): Promise<string | null> {
  refreshing ??= renew().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function renew(): Promise<string | null> {
  const started = epoch;
  const had = current;
  // Waiting for the lock may take a while if another tab is refreshing; the cookie it leaves
  // behind is the one this exchange sends.
  const tokens = await withSessionLock(exchangeCookie);
  if (epoch !== started) return current?.access_token ?? null;
  if (!tokens) {
    if (had) {
      endSession('expired');
      announce({ type: 'signout' });
    } else {
      set(null);
    }
    return null;
  }
  let loginId = had?.login_id ?? '';
  let role = tokens.role;
  try {
    const me = await fetchAccount(tokens.access_token);
    loginId = me.login_id;
    role = me.role;
  } catch {
    // Keep what we knew; the token itself is good.
  }
  if (epoch !== started) return current?.access_token ?? null;
  set(fromTokens({ ...tokens, role }, loginId));
  return tokens.access_token;
}

function onMessage(event: MessageEvent<unknown>) {
  const message = event.data as Partial<Message> | null;
  if (message?.type === 'signout') {
    if (current || status === 'restoring') endSession('signout');
  } else if (message?.type === 'signin' && typeof message.login_id === 'string') {
    const loginId = message.login_id;
    // Another tab signed in: the cookie is now that session's. Take it up (after any refresh
    // already under way, which may have used the cookie from before).
    void Promise.resolve(refreshing)
      .catch(() => null)
      .then(() => (current?.login_id === loginId ? null : refreshSession()))
      .catch(() => null);
  }
}

/**
 * Restores the session from the refresh cookie (status 'restoring' until it settles). A
 * dropped connection leaves the visitor signed out.
 */
export function restoreSession(): Promise<void> {
  if (restoring) return restoring;
  set(current, 'restoring');
  const attempt: Promise<void> = refreshSession().then(
    () => undefined,
    () => undefined,
  );
  restoring = attempt.finally(() => {
    restoring = null;
    if (status === 'restoring') set(current);
  });
  return restoring;
}

/** Starts listening to the other tabs and restores the session. Returns a function that stops listening. */
export function initSession(): () => void {
  if (!channel && typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel(SESSION_CHANNEL);
    channel.onmessage = onMessage;
  }
  void restoreSession();
  return () => {
    channel?.close();
    channel = null;
  };
}

/**
 * Signs out: forgets the session here and in the other tabs, and asks the server to end it
 * (`POST /auth/logout {}`: the cookie's session and this access token stop working, the
 * cookie is cleared). Best effort: a failed request leaves this tab signed out anyway.
 */
export async function signOut(): Promise<void> {
  const token = current?.access_token;
  endSession('signout');
  announce({ type: 'signout' });
  try {
    await withSessionLock(async () => {
      const res = await post('/api/v1/auth/logout', {
        headers: headers(token ? { Authorization: `Bearer ${token}` } : {}),
        body: '{}',
      });
      await discardBody(res);
    });
  } catch {
    // Offline: the cookie outlives this tab's session until its next refresh or sign-out.
  }
}

async function validAccessToken(): Promise<string | null> {
  if (restoring) await restoring;
  if (!current) return null;
  if (current.access_expires_at - Date.now() > MARGIN_MS) return current.access_token;
  return refreshSession();
}

const AUTH_PATHS = /\/api\/v1\/auth\/(login|refresh|logout|activate)$/;

async function send(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (e) {
    throw new NetworkError(e);
  }
}

/**
 * The fetch behind the API client: sends the UI language, attaches the access token
 * (waiting for the session to be restored, refreshing it first when it is about to expire),
 * and after a 401 refreshes once and retries; if the session cannot be renewed the request is
 * retried without it.
 */
export async function sessionFetch(input: Request): Promise<Response> {
  input.headers.set('Accept-Language', getLang());
  if (AUTH_PATHS.test(new URL(input.url).pathname)) return send(input);

  const token = await validAccessToken();
  if (!token) return send(input);
  const retry = input.clone();
  input.headers.set('Authorization', `Bearer ${token}`);
  const res = await send(input);
  if (res.status !== 401) return res;
  // This answer is replaced by the retry's: read it to the end so that its request finishes.
  await discardBody(res);

  // Another request may have renewed the token meanwhile; otherwise renew it now.
  const fresh = current && current.access_token !== token ? current.access_token : await refreshSession();
  if (fresh) retry.headers.set('Authorization', `Bearer ${fresh}`);
  return send(retry);
}
