// The jobseeker's account: sign-up (then signed in at once), the profile, and erasure.

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, type RequestOf, type ResponseOf, unwrap } from '../../../api/client';
import { signOut, useSession } from '../../../api/session';
import { forgetPrivateData, signIn } from '../../auth/api/auth';

export type Profile = ResponseOf<'/api/v1/jobseekers/me', 'get'>;
export type ProfileUpdate = RequestOf<'/api/v1/jobseekers/me', 'put'>;
export type Licence = Profile['licences'][number];
type Signup = RequestOf<'/api/v1/jobseekers', 'post'>;

/** Creates the account and signs in with it. */
export function useSignup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: Signup) => {
      await unwrap(api.POST('/api/v1/jobseekers', { body }));
      return signIn({ login_id: body.email, password: body.password });
    },
    onSuccess: () => forgetPrivateData(queryClient),
  });
}

export function useProfile() {
  const session = useSession();
  return useQuery({
    queryKey: ['profile', session?.login_id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/jobseekers/me', { signal })),
    enabled: session?.role === 'jobseeker',
  });
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  const session = useSession();
  return useMutation({
    mutationFn: (body: ProfileUpdate) => unwrap(api.PUT('/api/v1/jobseekers/me', { body })),
    onSuccess: (profile) => queryClient.setQueryData(['profile', session?.login_id], profile),
  });
}

/** Erases the account and its personal data. */
export function useDeleteAccount() {
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/jobseekers/me')),
  });
}

/**
 * Signs out (here, in the other tabs, and on the server, which clears the refresh cookie) and
 * forgets everything private, once the account is gone. Called from the page shown
 * afterwards: the signed-in page would otherwise send the user to sign in first.
 */
export function useForgetAccount() {
  const queryClient = useQueryClient();
  return useCallback(() => {
    void signOut();
    forgetPrivateData(queryClient);
  }, [queryClient]);
}
