import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './http';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // A refused or missing answer will not change by asking again; a dropped connection may.
        retry: (failures, error) => !(error instanceof ApiError) && failures < 2,
      },
    },
  });
}
