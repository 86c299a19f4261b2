import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { useSession, useSessionStatus } from '../../../api/session';

/**
 * One posting in the view this caller may see (read once the session is restored after a
 * reload, so that the view matches the role in its key).
 */
export function usePosting(id: number) {
  const role = useSession()?.role ?? 'anonymous';
  const restoring = useSessionStatus() === 'restoring';
  return useQuery({
    queryKey: ['postings', 'one', id, role],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/postings/{id}', { params: { path: { id } }, signal })),
    enabled: Number.isInteger(id) && id > 0 && !restoring,
  });
}

/** Every change of a posting (owner and admins). */
export function usePostingHistory(id: number, enabled: boolean) {
  return useQuery({
    queryKey: ['postings', 'history', id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/postings/{id}/history', { params: { path: { id } }, signal })),
    enabled,
  });
}
