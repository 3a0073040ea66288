import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { api, onSessionExpired } from '../api/client.ts';
import type { Me, Role } from '../api/types.ts';
import { startLive, stopLive } from './live.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed_out'; notice: 'expired' | 'signed_out' | null }
  | { status: 'signed_in'; me: Me };

interface SessionApi {
  state: SessionState;
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

const Ctx = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const refresh = useCallback(async () => {
    try {
      const me = await api.me(true);
      setState({ status: 'signed_in', me });
    } catch {
      setState({ status: 'signed_out', notice: null });
    }
  }, []);
  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setState({ status: 'signed_out', notice: 'signed_out' });
    }
  }, []);
  useEffect(() => {
    void refresh();
    return onSessionExpired(() =>
      setState((s) => (s.status === 'signed_in' ? { status: 'signed_out', notice: 'expired' } : s)),
    );
  }, [refresh]);
  // Live updates run while someone is signed in.
  const signedIn = state.status === 'signed_in';
  useEffect(() => {
    if (!signedIn) return;
    startLive();
    return stopLive;
  }, [signedIn]);
  return <Ctx.Provider value={{ state, refresh, signOut }}>{children}</Ctx.Provider>;
}

export function useSession(): SessionApi {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The signed-in viewer (screens below the shell only render when signed in). */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed_in') throw new Error('not signed in');
  return state.me;
}

export function hasRole(me: Me, ...roles: Role[]): boolean {
  return roles.some((r) => me.user.roles.includes(r));
}
