// The training the notice requires of every hire: its items and the recommended materials
// (public reference lists, fetched once per page load).

import { useQuery } from '@tanstack/react-query';
import { api, type RequestOf, type ResponseOf, unwrap } from '../../../api/client';

export type TrainingItem = ResponseOf<'/api/v1/reference/training-items', 'get'>['items'][number];
export type TrainingItemCode = RequestOf<'/api/v1/threads/{id}/training-report', 'post'>['items'][number];
export type TrainingMaterial = ResponseOf<'/api/v1/reference/training-materials', 'get'>['items'][number];

const forever = { staleTime: Infinity, gcTime: Infinity } as const;

export function useTrainingItems() {
  return useQuery({
    queryKey: ['reference', 'training-items'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/reference/training-items'))).items,
    ...forever,
  });
}

export function useTrainingMaterials() {
  return useQuery({
    queryKey: ['reference', 'training-materials'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/reference/training-materials'))).items,
    ...forever,
  });
}
