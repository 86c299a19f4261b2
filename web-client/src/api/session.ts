// The signed-in session: tokens kept in localStorage (so a reload or a second tab stays
// signed in), a silent refresh shortly before the access token expires or after a 401, and
// `sessionFetch`, the fetch the API client uses to attach the token.

import { useSyncExternalStore } from 'react';
import { getLang } from '../lib/i18n';
import type { components } from './schema';
import { NetworkError } from './errors';

type TokenResponse = components['schemas']['TokenResponse'];
export type Role = components['schemas']['Role'];

export interface Session {
  access_token: string;
  /** Epoch milliseconds. */
  access_expires_at: number;
  refresh_token: string;
  role: Role;
  login_id: string;
}

const KEY = 'keynet.session';
/** Refresh this long before the access token runs out. */
const MARGIN_MS = 60_000;
const listeners = new Set<() => void>();

function load(): Session | null {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

let current: Session | null = load();

function store(next: Session | null) {
  current = next;
  try {
    if (next) localStorage.setItem(KEY, JSON.stringify(next));
    else localStorage.removeItem(KEY);
  } catch {
    // Storage unavailable: the session lasts for this page only.
  }
  listeners.forEach((l) => l());
}

if (typeof window !== 'undefined') {
  // Another tab signed in, refreshed or signed out.
  window.addEventListener('storage', (e) => {
    if (e.key === KEY) {
      current = load();
      listeners.forEach((l) => l());
    }
  });
}

export function getSession(): Session | null {
  return current;
}

export function useSession(): Session | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    getSession,
    getSession,
  );
}

export function startSession(tokens: TokenResponse, loginId: string) {
  endedBecauseExpired = false;
  store({
    access_token: tokens.access_token,
    access_expires_at: Date.now() + tokens.expires_in * 1000,
    refresh_token: tokens.refresh_token,
    role: tokens.role,
    login_id: loginId,
  });
}

let endedBecauseExpired = false;

/** Ends the session; `expired` when it could not be renewed (the sign-in page says so). */
export function endSession(reason: 'signout' | 'expired' = 'signout') {
  endedBecauseExpired = reason === 'expired';
  store(null);
}

/** Whether the last session ended because it expired rather than by signing out. */
export function sessionExpired(): boolean {
  return endedBecauseExpired;
}

let refreshing: Promise<string | null> | null = null;

/**
 * Exchanges the refresh token for a new pair, once at a time. Resolves to the new access
 * token, or null when the session is over (it is then cleared). A network failure rejects
 * and keeps the session.
 */
export function refreshSession(): Promise<string | null> {
  refreshing ??= (async () => {
    const spent = current;
    if (!spent) return null;
    let res: Response;
    try {
      res = await fetch(new URL('/api/v1/auth/refresh', baseUrl()), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': getLang() },
        body: JSON.stringify({ refresh_token: spent.refresh_token }),
      });
    } catch (e) {
      throw new NetworkError(e);
    }
    if (res.ok) {
      const tokens = (await res.json()) as TokenResponse;
      startSession(tokens, spent.login_id);
      return tokens.access_token;
    }
    // Another tab may have spent the same refresh token a moment ago and stored the result.
    const stored = load();
    if (stored && stored.refresh_token !== spent.refresh_token) {
      current = stored;
      return stored.access_token;
    }
    endSession('expired');
    return null;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function validAccessToken(): Promise<string | null> {
  if (!current) return null;
  if (current.access_expires_at - Date.now() > MARGIN_MS) return current.access_token;
  return refreshSession();
}

export function baseUrl(): string {
  return globalThis.location?.origin ?? 'http://localhost';
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
 * (refreshing it first when it is about to expire), and after a 401 refreshes once and
 * retries; if the session cannot be renewed the request is retried without it.
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

  const fresh = await refreshSession();
  if (fresh) retry.headers.set('Authorization', `Bearer ${fresh}`);
  return send(retry);
}
