// The admins' facility directory: find, see, correct, resend the activation link.

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type RequestOf, unwrap } from '../../../api/client';

/** The API sends the directory 50 facilities a page. */
export const FACILITY_PAGE_SIZE = 50;

export type FacilityStatus = 'active' | 'resting' | 'pending_activation';

export interface FacilityFilter {
  q: string;
  prefecture: string;
  status: '' | FacilityStatus;
  page: number;
}

export function useFacilities(f: FacilityFilter) {
  return useQuery({
    queryKey: ['admin', 'facilities', f],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/admin/facilities', {
          params: {
            query: {
              ...(f.q.trim() ? { q: f.q.trim() } : {}),
              ...(f.prefecture ? { prefecture: f.prefecture } : {}),
              ...(f.status ? { status: f.status } : {}),
              page: f.page,
            },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useFacility(id: number) {
  return useQuery({
    queryKey: ['admin', 'facilities', id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/facilities/{id}', { params: { path: { id } }, signal })),
  });
}

export function useCorrectFacility(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RequestOf<'/api/v1/admin/facilities/{id}', 'put'>) =>
      unwrap(api.PUT('/api/v1/admin/facilities/{id}', { params: { path: { id } }, body })),
    onSuccess: (data) => {
      qc.setQueryData(['admin', 'facilities', id], data);
      return qc.invalidateQueries({ queryKey: ['admin', 'facilities'] });
    },
  });
}

export function useResendActivation(id: number) {
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/admin/facilities/{id}/activation', { params: { path: { id } } })),
  });
}
