import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';

type S = components['schemas'];

/** After any change, lists and the posting itself are read again. */
function useInvalidatePostings() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['postings'] });
}

export function useCreatePosting() {
  const invalidate = useInvalidatePostings();
  return useMutation({
    mutationFn: (body: S['CreatePostingRequest']) => unwrap(api.POST('/api/v1/postings', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdatePosting(id: number) {
  const invalidate = useInvalidatePostings();
  return useMutation({
    mutationFn: (body: S['UpdatePostingRequest']) => unwrap(api.PUT('/api/v1/postings/{id}', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useClosePosting() {
  const invalidate = useInvalidatePostings();
  return useMutation({
    mutationFn: ({ id, reason, note }: { id: number; reason: S['CloseRequestReason']; note?: string }) =>
      unwrap(api.POST('/api/v1/postings/{id}/close', { params: { path: { id } }, body: { reason, ...(note === undefined ? {} : { note }) } })),
    onSuccess: invalidate,
  });
}
