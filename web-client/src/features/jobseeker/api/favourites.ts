// A jobseeker's favourite postings (お気に入り).

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { ApiError } from '../../../api/errors';
import { useSession } from '../../../api/session';

export function useFavourites() {
  const session = useSession();
  return useQuery({
    queryKey: ['favourites'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/favourites', { signal })),
    enabled: session?.role === 'jobseeker',
  });
}

/** Saves or removes a favourite; the list follows. */
export function useToggleFavourite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, save }: { id: number; save: boolean }) => {
      const params = { path: { posting_id: id } };
      const { response, error } = save ? await api.PUT('/api/v1/favourites/{posting_id}', { params }) : await api.DELETE('/api/v1/favourites/{posting_id}', { params });
      if (!response.ok) throw ApiError.from(response, error);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['favourites'] }),
  });
}
