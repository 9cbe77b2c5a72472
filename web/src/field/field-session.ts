import { useEffect } from 'react';
import { useOnline } from '../modules/field-report/use-outbox';
import type { CurrentUser } from '../modules/session/session-api';
import { useSession } from '../modules/session/use-session';
import { NetworkError } from '../platform/http';

const KEY = 'cityloop.field.user';

function remembered(): CurrentUser | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as CurrentUser) : null;
  } catch {
    return null;
  }
}

/**
 * The session as the field app needs it: when the phone opens the app without network (the
 * service worker serves the shell), the server cannot say who is signed in, so the collector
 * last signed in on this phone carries on — reports wait in the outbox, which sends them with
 * the session cookie once the network is back (a lapsed session then asks to sign in again).
 * Signing out, or the server answering that nobody is signed in, forgets that collector.
 */
export function useFieldSession() {
  const session = useSession();
  const online = useOnline();
  const { user, loading, error } = session;

  useEffect(() => {
    if (user) localStorage.setItem(KEY, JSON.stringify(user));
    else if (!loading && !error) localStorage.removeItem(KEY);
  }, [user, loading, error]);

  const unreachable = (loading && !online) || error instanceof NetworkError;
  const offlineUser = !user && unreachable ? remembered() : null;
  return { ...session, user: user ?? offlineUser, loading: loading && !offlineUser };
}
