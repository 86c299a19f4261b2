// Partner organisations: what admins manage (scopes, keys, users) and what a signed-in
// partner user sees (its scope, counts, postings, keys, webhooks and deliveries).

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type RequestOf, unwrap } from '../../../api/client';
import { ApiError } from '../../../api/errors';
import { saveBlob } from '../../../lib/download';

export function useOrganisations() {
  return useQuery({
    queryKey: ['admin', 'organisations'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/organisations', { signal })),
  });
}

export function useOrganisation(id: number) {
  return useQuery({
    queryKey: ['admin', 'organisations', id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/organisations/{id}', { params: { path: { id } }, signal })),
  });
}

export function useOrganisationDeliveries(id: number) {
  return useQuery({
    queryKey: ['admin', 'organisations', id, 'deliveries'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/organisations/{id}/deliveries', { params: { path: { id } }, signal })),
  });
}

export function useCreateOrganisation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RequestOf<'/api/v1/admin/organisations', 'post'>) => unwrap(api.POST('/api/v1/admin/organisations', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'organisations'] }),
  });
}

export function useUpdateScope(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RequestOf<'/api/v1/admin/organisations/{id}/scope', 'put'>) =>
      unwrap(api.PUT('/api/v1/admin/organisations/{id}/scope', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'organisations'] }),
  });
}

export function useIssueKey(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/admin/organisations/{id}/api-keys', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'organisations', id] }),
  });
}

export function useRevokeKey(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (keyId: number) => {
      const { error, response } = await api.DELETE('/api/v1/admin/organisations/{id}/api-keys/{key_id}', {
        params: { path: { id, key_id: keyId } },
      });
      if (!response.ok) throw ApiError.from(response, error);
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'organisations', id] }),
  });
}

export function useAddUser(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (email: string) => unwrap(api.POST('/api/v1/admin/organisations/{id}/users', { params: { path: { id } }, body: { email } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'organisations', id] }),
  });
}

export function usePartnerMe() {
  return useQuery({ queryKey: ['partner', 'me'], queryFn: ({ signal }) => unwrap(api.GET('/api/v1/partner/me', { signal })) });
}

export function usePartnerCounts() {
  return useQuery({ queryKey: ['partner', 'counts'], queryFn: ({ signal }) => unwrap(api.GET('/api/v1/partner/counts', { signal })) });
}

export function usePartnerPostings(after: number, enabled: boolean) {
  return useQuery({
    queryKey: ['partner', 'postings', after],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/partner/postings', { params: { query: { after } }, signal })),
    enabled,
  });
}

export function usePartnerKeys() {
  return useQuery({ queryKey: ['partner', 'api-keys'], queryFn: ({ signal }) => unwrap(api.GET('/api/v1/partner/api-keys', { signal })) });
}

export function useWebhooks() {
  return useQuery({ queryKey: ['partner', 'webhooks'], queryFn: ({ signal }) => unwrap(api.GET('/api/v1/partner/webhooks', { signal })) });
}

export function useCreateWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (url: string) => unwrap(api.POST('/api/v1/partner/webhooks', { body: { url } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['partner', 'webhooks'] }),
  });
}

export function useDeliveries(id: number | null) {
  return useQuery({
    queryKey: ['partner', 'deliveries', id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/partner/webhooks/{id}/deliveries', { params: { path: { id: id ?? 0 } }, signal })),
    enabled: id !== null,
  });
}

export function useReplay(endpoint: number | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.POST('/api/v1/partner/deliveries/{id}/replay', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['partner', 'deliveries', endpoint] }),
  });
}

/** Downloads the CSV of the postings in scope (with the session's token) as a file. */
export async function downloadCsv(encoding: 'utf-8' | 'cp932') {
  const { data, error, response } = await api.GET('/api/v1/partner/postings.csv', {
    params: { query: { encoding } },
    parseAs: 'blob',
  });
  if (!response.ok || !data) throw ApiError.from(response, error);
  saveBlob(data as Blob, encoding === 'cp932' ? 'keynet-postings-sjis.csv' : 'keynet-postings.csv');
  return response.headers.get('keynet-unencodable');
}

export function useOwnDesks(enabled: boolean) {
  return useQuery({
    queryKey: ['partner', 'desks'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/partner/desks', { signal })),
    enabled,
  });
}

type DeskBody = RequestOf<'/api/v1/partner/desks', 'post'>;

export function useSaveDesk() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: DeskBody }) =>
      id === null
        ? unwrap(api.POST('/api/v1/partner/desks', { body }))
        : unwrap(api.PUT('/api/v1/partner/desks/{id}', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['partner', 'desks'] }),
  });
}

export function useRemoveDesk() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => {
      const { error, response } = await api.DELETE('/api/v1/partner/desks/{id}', { params: { path: { id } } });
      if (!response.ok) throw ApiError.from(response, error);
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['partner', 'desks'] }),
  });
}

export function useReferrals(enabled: boolean) {
  return useQuery({
    queryKey: ['partner', 'referrals'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/partner/referrals', { signal })),
    enabled,
  });
}

export function useRefer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RequestOf<'/api/v1/partner/referrals', 'post'>) => unwrap(api.POST('/api/v1/partner/referrals', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['partner', 'referrals'] }),
  });
}
