import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { ApiError, onUnauthorized } from '../../platform/http';
import { type CurrentUser, sessionApi } from './session-api';

const ME_KEY = ['session', 'me'] as const;

/** The logged-in user (null when logged out); a 401 anywhere logs the app out. */
export function useSession() {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await sessionApi.me();
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
  });

  useEffect(
    () =>
      onUnauthorized(() => {
        client.setQueryData(ME_KEY, null);
      }),
    [client],
  );

  const signedIn = useCallback(
    (user: CurrentUser) => {
      // Another user's lists must not linger; the session query itself stays observed.
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      client.setQueryData(ME_KEY, user);
    },
    [client],
  );

  const signOut = useCallback(async () => {
    await sessionApi.logout().catch(() => undefined);
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
    client.setQueryData(ME_KEY, null);
  }, [client]);

  return { user: query.data ?? null, loading: query.isPending, error: query.error, signedIn, signOut };
}
