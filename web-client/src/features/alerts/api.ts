// Saved searches and their alert mails; confirming the e-mail address they go to.

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { components } from '../../api/schema';
import { useSession } from '../../api/session';

export type SavedSearch = components['schemas']['SavedSearch'];
export type Frequency = components['schemas']['Frequency'];

export function useSavedSearches() {
  const session = useSession();
  return useQuery({
    queryKey: ['saved-searches'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/saved-searches', { signal })),
    enabled: session?.role === 'jobseeker',
  });
}

export function useSaveSearch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['SavedSearchInput']) => unwrap(api.POST('/api/v1/saved-searches', { body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['saved-searches'] }),
  });
}

export function useDeleteSavedSearch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => {
      const { response, error } = await api.DELETE('/api/v1/saved-searches/{id}', { params: { path: { id } } });
      if (!response.ok) throw ApiError.from(response, error);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['saved-searches'] }),
  });
}

export function useResendConfirmation() {
  return useMutation({
    mutationFn: async () => {
      const { response, error } = await api.POST('/api/v1/auth/email-confirmation/resend', {});
      if (!response.ok) throw ApiError.from(response, error);
      return response.status;
    },
  });
}

export function useConfirmEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (token: string) => {
      const { response, error } = await api.POST('/api/v1/auth/email-confirmation', { body: { token } });
      if (!response.ok) throw ApiError.from(response, error);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['saved-searches'] }),
  });
}

export function useUnsubscribe() {
  return useMutation({
    mutationFn: (token: string) => unwrap(api.POST('/api/v1/alerts/unsubscribe', { params: { query: { token } } })),
  });
}
