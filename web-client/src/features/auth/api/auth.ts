import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { endSession, getSession, startSession, useSession } from '../../../api/session';
import type { components } from '../../../api/schema';

type LoginRequest = components['schemas']['LoginRequest'];
type ActivateRequest = components['schemas']['ActivateRequest'];

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: LoginRequest) => {
      const tokens = await unwrap(api.POST('/api/v1/auth/login', { body }));
      startSession(tokens, body.login_id);
      return tokens;
    },
    onSuccess: () => queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'reference' }),
  });
}

export function useActivate() {
  return useMutation({
    mutationFn: (body: ActivateRequest) => unwrap(api.POST('/api/v1/auth/activate', { body })),
  });
}

/** Signs out: the refresh token is revoked (best effort) and everything private is forgotten. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const session = getSession();
      endSession();
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'reference' });
      if (session) {
        await api.POST('/api/v1/auth/logout', { body: { refresh_token: session.refresh_token } }).catch(() => undefined);
      }
    },
  });
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
