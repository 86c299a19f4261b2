// What admins watch: slow first responses, hires without a training report, the audit log.

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { ApiError } from '../../../api/errors';
import { saveBlob } from '../../../lib/download';

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

export const AUDIT_ACTIONS = [
  'posting_disclosed',
  'jobseeker_viewed',
  'partner_read',
  'posting_entered',
  'posting_edited',
  'posting_closed',
  'facility_corrected',
  'account_issued',
  'organisation_changed',
  'credentials_changed',
  'desk_changed',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What the audit log is narrowed to (empty strings are "any"); dates are ISO, Japan time. */
export interface AuditFilter {
  action: '' | AuditAction;
  actor: string;
  subject: string;
  posting_id: string;
  from: string;
  to: string;
}

function auditQuery(f: AuditFilter) {
  const id = Number(f.posting_id);
  return {
    ...(f.action ? { action: f.action } : {}),
    ...(f.actor.trim() ? { actor: f.actor.trim() } : {}),
    ...(f.subject.trim() ? { subject: f.subject.trim() } : {}),
    ...(Number.isInteger(id) && id > 0 ? { posting_id: id } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
  };
}

export function useAuditLog(filter: AuditFilter, page: number) {
  return useQuery({
    queryKey: ['admin', 'audit-log', filter, page],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/audit-log', { params: { query: { ...auditQuery(filter), page } }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** Downloads what the filter selects as CSV (with the session's token). */
export async function downloadAuditCsv(filter: AuditFilter) {
  const { data, error, response } = await api.GET('/api/v1/admin/audit-log.csv', {
    params: { query: auditQuery(filter) },
    parseAs: 'blob',
  });
  if (!response.ok || !data) throw ApiError.from(response, error);
  saveBlob(data as Blob, 'keynet-audit-log.csv');
}
