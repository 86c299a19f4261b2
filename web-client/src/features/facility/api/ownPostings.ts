import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';

export type StatusFilter = components['schemas']['PostingStatus'] | 'all';

/** The signed-in facility's postings, newest first. */
export function useOwnPostings(status: StatusFilter) {
  return useQuery({
    queryKey: ['postings', 'own', status],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/facility/postings', { params: { query: status === 'all' ? {} : { status } }, signal })),
  });
}
