import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { useSession, useSessionStatus } from '../../../api/session';
import { type SearchState, searchToQuery } from '../utils/searchState';

/**
 * One page of search results with facet counts; the previous page stays on screen while the
 * next loads. Read once the session is restored after a reload (the results depend on the role).
 */
export function useSearchPostings(state: SearchState) {
  const query = searchToQuery(state);
  const role = useSession()?.role ?? 'anonymous';
  const restoring = useSessionStatus() === 'restoring';
  return useQuery({
    queryKey: ['postings', 'search', role, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/postings', { params: { query }, signal })),
    enabled: !restoring,
    placeholderData: keepPreviousData,
  });
}
