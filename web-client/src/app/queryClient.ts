import { QueryClient } from '@tanstack/react-query';
import { ApiError, NetworkError } from '../api/errors';

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx will not change by asking again; a dropped connection might.
        retry: (count, error) => (error instanceof NetworkError || (error instanceof ApiError && error.status >= 500)) && count < 2,
      },
      mutations: { retry: false },
    },
  });
}
