import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { AccountSummary, PresenceUser } from '../../shared/api.ts';
import { colorForName } from '../../shared/colors.ts';
import { ApiError, isAbortError, setUnauthorizedHandler, toApiError } from '../api.ts';
import { clearCachedAccount, readCachedAccount, writeCachedAccount } from './accountCache.ts';
import * as sessionApi from './api.ts';

/** Why the sign-in page shows: a first visit, a session that ended, or a deliberate sign-out. */
export type SignedOutReason = 'none' | 'expired' | 'signed-out';

export type SessionState =
  | { status: 'checking' }
  /** `offline`: the server could not be asked; the account is this device's last known one. */
  | { status: 'signed-in'; user: AccountSummary; offline: boolean }
  /** `username`: whose session just ended, to fill in the form again. */
  | { status: 'signed-out'; reason: SignedOutReason; username: string | null }
  /** The server could not be asked and this device has never signed in. */
  | { status: 'unreachable'; error: ApiError };

interface SessionContextValue {
  state: SessionState;
  signIn: (username: string, password: string) => Promise<AccountSummary>;
  signOut: () => Promise<void>;
  /** Ask the server again (after "unreachable", or when the network returns). */
  recheck: () => void;
  /** The server said the session is gone (401 or WebSocket 4401). */
  expire: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/**
 * Who is signed in. The app asks `GET /api/session` before anything else; a
 * 401 from any later call, or a WebSocket closed as unauthorized, brings the
 * sign-in page back. Offline, the last confirmed account stands in so local
 * copies keep opening.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'checking' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    sessionApi.getSession(controller.signal).then(
      (user) => {
        writeCachedAccount(user);
        setState({ status: 'signed-in', user, offline: false });
      },
      (error: unknown) => {
        if (isAbortError(error)) return;
        const apiError = toApiError(error);
        const cached = readCachedAccount();
        if (apiError.status === 401) {
          clearCachedAccount();
          setState({
            status: 'signed-out',
            reason: cached ? 'expired' : 'none',
            username: cached?.username ?? null,
          });
        } else if (cached) {
          setState({ status: 'signed-in', user: cached, offline: true });
        } else {
          setState({ status: 'unreachable', error: apiError });
        }
      },
    );
    return () => controller.abort();
  }, [generation]);

  const recheck = useCallback(() => {
    // From "unreachable", show the wait again; a signed-in person keeps their page meanwhile.
    setState((prev) => (prev.status === 'unreachable' ? { status: 'checking' } : prev));
    setGeneration((n) => n + 1);
  }, []);

  // While a sign-out is under way, the server's own reaction to it — the
  // editor's socket closed as unauthorized, often before the sign-out's
  // response arrives — is not a session that expired: it must not send the
  // person to the sign-in page as if to come back ("?next=").
  const signingOut = useRef(false);

  const expire = useCallback(() => {
    if (signingOut.current) return;
    clearCachedAccount();
    setState((prev) =>
      prev.status === 'signed-in'
        ? { status: 'signed-out', reason: 'expired', username: prev.user.username }
        : prev,
    );
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(expire);
    return () => setUnauthorizedHandler(null);
  }, [expire]);

  // Started offline on the remembered account: confirm it as soon as the network is back.
  const offline = state.status === 'signed-in' && state.offline;
  useEffect(() => {
    if (!offline) return;
    window.addEventListener('online', recheck);
    return () => window.removeEventListener('online', recheck);
  }, [offline, recheck]);

  const signIn = useCallback(async (username: string, password: string) => {
    const user = await sessionApi.signIn(username, password);
    writeCachedAccount(user);
    setState({ status: 'signed-in', user, offline: false });
    return user;
  }, []);

  const signOut = useCallback(async () => {
    signingOut.current = true;
    try {
      await sessionApi.signOut();
    } catch (error) {
      // Already signed out on the server is what was asked for.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    } finally {
      signingOut.current = false;
    }
    clearCachedAccount();
    setState({ status: 'signed-out', reason: 'signed-out', username: null });
  }, []);

  const value = useMemo<SessionContextValue>(
    () => ({ state, signIn, signOut, recheck, expire }),
    [state, signIn, signOut, recheck, expire],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <AuthProvider>.');
  return value;
}

/** The signed-in account; only call below the session gate in App. */
export function useAccount(): AccountSummary {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useAccount called while signed out.');
  return state.user;
}

/** How this person appears to co-authors: the account's display name and its colour. */
export function usePresenceUser(): PresenceUser {
  const { displayName } = useAccount();
  return useMemo(() => ({ name: displayName, color: colorForName(displayName) }), [displayName]);
}
