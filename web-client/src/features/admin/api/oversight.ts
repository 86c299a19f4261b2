// What admins watch: slow first responses, hires without a training report, the audit log.

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

export function useSlowResponses() {
  return useQuery({
    queryKey: ['admin', 'slow-responses'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/slow-responses', { signal })),
  });
}

export function useMissingTrainingReports() {
  return useQuery({
    queryKey: ['admin', 'missing-training-reports'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/missing-training-reports', { signal })),
  });
}

/** The API sends the audit log 50 entries a page, newest first. */
export const AUDIT_PAGE_SIZE = 50;

export function useAuditLog(page: number) {
  return useQuery({
    queryKey: ['admin', 'audit-log', page],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/audit-log', { params: { query: { page } }, signal })),
    placeholderData: keepPreviousData,
  });
}
