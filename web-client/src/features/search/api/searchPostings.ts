import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { useSession } from '../../../api/session';
import { type SearchState, searchToQuery } from '../utils/searchState';

/** One page of search results with facet counts; the previous page stays on screen while the next loads. */
export function useSearchPostings(state: SearchState) {
  const query = searchToQuery(state);
  const role = useSession()?.role ?? 'anonymous';
  return useQuery({
    queryKey: ['postings', 'search', role, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/postings', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}
