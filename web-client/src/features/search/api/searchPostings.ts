import { keepPreviousData, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { api, type ResponseOf, unwrap } from '../../../api/client';
import { ApiError, NetworkError, SearchOfflineError } from '../../../api/errors';
import { useSession, useSessionStatus } from '../../../api/session';
import { type SearchState, searchToQuery } from '../utils/searchState';

type SearchResponse = ResponseOf<'/api/v1/postings', 'get'>;

/** The search's state; `data` is only ever the answer to this search (see below). */
export type SearchResult = Omit<UseQueryResult<SearchResponse>, 'data'> & { data: SearchResponse | undefined };

const offline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

/**
 * One page of search results with facet counts; the previous page stays on screen while the
 * next loads. Read once the session is restored after a reload (the results depend on the role).
 *
 * Offline, the search fails at once with a `SearchOfflineError` ("offline, cannot search")
 * instead of waiting paused with the previous results on screen as if they answered it, and
 * results kept from before (this search's, when it was run earlier) are not returned: they
 * would pass for current. It runs again by itself when the connection is back.
 */
export function useSearchPostings(state: SearchState): SearchResult {
  const query = searchToQuery(state);
  const role = useSession()?.role ?? 'anonymous';
  const restoring = useSessionStatus() === 'restoring';
  const result = useQuery({
    queryKey: ['postings', 'search', role, query],
    queryFn: async ({ signal }) => {
      try {
        if (offline()) throw new NetworkError();
        return await unwrap(api.GET('/api/v1/postings', { params: { query }, signal }));
      } catch (e) {
        throw e instanceof NetworkError && !signal.aborted ? new SearchOfflineError(e) : e;
      }
    },
    enabled: !restoring,
    placeholderData: keepPreviousData,
    networkMode: 'always',
    // Off by default with networkMode 'always'; a search that failed offline runs again.
    refetchOnReconnect: true,
    // A dropped connection may come back (not while the browser says it is offline); a 5xx may pass.
    retry: (count, error) => count < 2 && ((error instanceof NetworkError && !offline()) || (error instanceof ApiError && error.status >= 500)),
  });
  if (result.isError && result.error instanceof SearchOfflineError) return { ...result, data: undefined };
  return result;
}
