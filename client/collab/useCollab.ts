import { useEffect, useRef, useState } from 'react';
import * as Y from 'yjs';
import type { PresenceUser } from '../../shared/api.ts';
import type { BriefId } from '../../shared/briefId.ts';
import type { CloseInfo } from './closeReasons.ts';
import { connect, openLocalCopy, type CollabSession } from './session.ts';

export type CollabState =
  | { status: 'connecting' }
  | ({ status: 'ready' } & CollabSession)
  | { status: 'error'; error: Error };

export interface CollabOptions {
  /** Whose local copy to open (local copies are kept per account). */
  userId: string;
  user: PresenceUser;
  /** The server closed for good; read when it happens, so it may change freely. */
  onTerminalClose?: (info: CloseInfo) => void;
}

/**
 * The live document of one brief: a Y.Doc with its IndexedDB copy, WebSocket
 * provider, reconnect policy and save tracking. Everything is created inside
 * the effect and torn down in its cleanup, so StrictMode's mount-unmount-mount
 * leaves exactly one connection, and switching briefs never leaks the old one.
 */
export function useCollab(briefId: BriefId, options: CollabOptions): CollabState {
  const { userId, user } = options;
  const [state, setState] = useState<{ briefId: BriefId; value: CollabState }>({
    briefId,
    value: { status: 'connecting' },
  });
  // Read when connecting; later changes go through setUser below without reconnecting.
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  useEffect(() => {
    let disposed = false;
    let session: CollabSession | null = null;
    const ydoc = new Y.Doc();
    const { persistence, loaded } = openLocalCopy(userId, briefId, ydoc);

    void loaded.then((local) => {
      if (disposed) return;
      try {
        session = connect(briefId, ydoc, latest.current.user, local, (info) =>
          latest.current.onTerminalClose?.(info),
        );
        setState({ briefId, value: { status: 'ready', ...session } });
      } catch (error) {
        setState({
          briefId,
          value: {
            status: 'error',
            error: error instanceof Error ? error : new Error(String(error)),
          },
        });
      }
    });

    return () => {
      disposed = true;
      session?.destroy();
      void persistence?.destroy();
      ydoc.destroy();
      setState({ briefId, value: { status: 'connecting' } });
    };
  }, [briefId, userId]);

  const current = state.briefId === briefId ? state.value : { status: 'connecting' as const };
  const session = current.status === 'ready' ? current : null;
  useEffect(() => {
    session?.setUser(user);
  }, [session, user]);

  return current;
}
