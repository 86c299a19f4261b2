// Reception desks (窓口) that prefectures register: public, by prefecture.

import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

export function useDesks(prefecture: string | null) {
  return useQuery({
    queryKey: ['desks', prefecture ?? 'all'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/desks', { params: { query: prefecture ? { prefecture } : {} }, signal })),
    staleTime: 5 * 60 * 1000,
  });
}
