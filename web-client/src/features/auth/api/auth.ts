import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api, unwrap } from '../../../api/client';
import { fetchAccount, signOut, startSession, useSession, withSessionLock } from '../../../api/session';
import type { components } from '../../../api/schema';

type LoginRequest = components['schemas']['LoginRequest'];
type ActivateRequest = components['schemas']['ActivateRequest'];

/** Everything but the reference lists (which are the same for everyone). */
export function forgetPrivateData(queryClient: QueryClient) {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'reference' });
}

/**
 * Signs in and starts the session. The answer sets the HttpOnly refresh cookie; its body's
 * `refresh_token` is ignored. The sign-in holds the cross-tab session lock, so that it cannot
 * interleave with another tab's refresh of the previous cookie.
 */
export async function signIn(body: LoginRequest): Promise<components['schemas']['TokenResponse']> {
  const tokens = await withSessionLock(() => unwrap(api.POST('/api/v1/auth/login', { body })));
  // The login ID as the server spells it (the same as `/auth/me` gives after a refresh).
  const account = await fetchAccount(tokens.access_token).catch(() => null);
  startSession(tokens, account?.login_id ?? body.login_id);
  return tokens;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: () => forgetPrivateData(queryClient),
  });
}

export function useActivate() {
  return useMutation({
    mutationFn: (body: ActivateRequest) => unwrap(api.POST('/api/v1/auth/activate', { body })),
  });
}

/** Sets a new password with the token from a reset mail (every session ends). */
export function useResetPassword() {
  return useMutation({
    mutationFn: (body: ActivateRequest) => unwrap(api.POST('/api/v1/auth/password-reset/confirm', { body })),
  });
}

/** Asks for a reset link: the answer is the same whether or not the account exists. */
export function useRequestReset() {
  return useMutation({
    mutationFn: (login_id: string) => unwrap(api.POST('/api/v1/auth/password-reset', { body: { login_id } })),
  });
}

/** Changes the signed-in account's password (its other sessions end). */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: components['schemas']['ChangePasswordRequest']) => unwrap(api.POST('/api/v1/auth/password', { body })),
  });
}

/**
 * Signs out: the session ends here and in the other tabs, everything private is forgotten,
 * and the server ends the session and clears the cookie (best effort).
 */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const done = signOut();
      forgetPrivateData(queryClient);
      await done;
    },
  });
}

/**
 * Forgets everything private when the account changes without this tab's doing: signed out
 * in another tab, the session expired, or another tab signed in with another account.
 */
export function useForgetPrivateDataOnAccountChange() {
  const queryClient = useQueryClient();
  const account = useSession()?.login_id ?? null;
  const previous = useRef(account);
  useEffect(() => {
    if (previous.current !== null && previous.current !== account) forgetPrivateData(queryClient);
    previous.current = account;
  }, [account, queryClient]);
}

/** The signed-in account (with its facility, for a facility account). */
export function useMe() {
  const session = useSession();
  return useQuery({
    queryKey: ['me', session?.login_id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/auth/me', { signal })),
    enabled: session !== null,
    staleTime: 5 * 60_000,
  });
}
