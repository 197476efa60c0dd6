import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { PresenceUser } from '../../shared/api.ts';
import { COLLAB_PATH_PREFIX, type BriefId } from '../../shared/briefId.ts';
import { ACKS_PARAM } from '../../shared/protocol.ts';
import type { CloseInfo } from './closeReasons.ts';
import { ReconnectController } from './reconnect.ts';
import { CountingWebSocket } from './countingSocket.ts';
import { SyncTracker } from './syncTracker.ts';

/** Everything that lives as long as one brief is open. */
export interface CollabSession {
  ydoc: Y.Doc;
  provider: WebsocketProvider;
  tracker: SyncTracker;
  reconnect: ReconnectController;
  /** Whether a local copy is kept; false when IndexedDB is unavailable. */
  persisted: boolean;
  setUser(user: PresenceUser): void;
  destroy(): void;
}

/**
 * The local copy's IndexedDB name, per account: a browser shared by two people
 * must not hand one person's unsent edits to the other's connection, where the
 * server would record them under the wrong name.
 */
export function localDatabaseName(userId: string, briefId: BriefId): string {
  return `briefdesk:${userId}:${briefId}`;
}

export function collabServerUrl(): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}${COLLAB_PATH_PREFIX}`;
}

/** Key in the local copy's own store: the server's state vector as last acknowledged. */
const SERVER_STATE_KEY = 'serverStateVector';

export interface LocalCopy {
  persistence: IndexeddbPersistence | null;
  serverState: Uint8Array | null;
}

/**
 * Opens the local copy first and only then the network: the editor shows what
 * this device has at once, and offline edits from an earlier visit are part of
 * the very first sync with the server.
 */
export function openLocalCopy(
  userId: string,
  briefId: BriefId,
  ydoc: Y.Doc,
  timeoutMs = 3_000,
): { persistence: IndexeddbPersistence | null; loaded: Promise<LocalCopy> } {
  let persistence: IndexeddbPersistence;
  try {
    persistence = new IndexeddbPersistence(localDatabaseName(userId, briefId), ydoc);
  } catch {
    // No IndexedDB (e.g. some private modes): collaborate without a local copy.
    return { persistence: null, loaded: Promise.resolve({ persistence: null, serverState: null }) };
  }
  const read = persistence.whenSynced
    .then(() => persistence.get(SERVER_STATE_KEY) as Promise<unknown>)
    .then((value) => (value instanceof ArrayBuffer ? new Uint8Array(value) : null));
  // A blocked or broken database must not keep the brief from opening.
  const loaded = Promise.race([
    read.then((serverState) => ({ persistence, serverState })),
    new Promise<LocalCopy>((resolve) =>
      setTimeout(() => resolve({ persistence, serverState: null }), timeoutMs),
    ),
  ]).catch(() => ({ persistence, serverState: null }));
  return { persistence, loaded };
}

export function connect(
  briefId: BriefId,
  ydoc: Y.Doc,
  user: PresenceUser,
  local: LocalCopy,
  /** The server closed for good (signed out, access removed, deleted...). */
  onTerminalClose?: (info: CloseInfo) => void,
): CollabSession {
  // The server names the person from the session cookie, so no name goes in the
  // URL. No resyncInterval either: the server echoes each connection's own
  // awareness (renewed every 15 s), which is what keeps y-websocket's 30 s
  // silence check satisfied; a periodic sync step 1 would make the server send
  // a step 2 with the whole delete set each time, costly on large briefs.
  const provider = new WebsocketProvider(collabServerUrl(), briefId, ydoc, {
    connect: false,
    WebSocketPolyfill: CountingWebSocket,
    params: { [ACKS_PARAM]: '1' },
    // ReconnectController schedules reconnects (with jitter) and handles terminal closes.
    shouldReconnect: () => false,
  });
  const { persistence } = local;
  const tracker = new SyncTracker(ydoc, provider, {
    knownServerState: local.serverState,
    onServerStateChange: persistence
      ? (stateVector) => {
          // An ArrayBuffer of its own: IndexedDB stores the bytes, not the view.
          void persistence.set(SERVER_STATE_KEY, stateVector.slice().buffer).catch(() => {});
        }
      : undefined,
  });
  const reconnect = new ReconnectController(provider, {
    onTerminalClose: (info) => {
      tracker.markClosed(info);
      onTerminalClose?.(info);
    },
  });
  provider.awareness.setLocalStateField('user', user);
  reconnect.start();

  return {
    ydoc,
    provider,
    tracker,
    reconnect,
    persisted: persistence !== null,
    setUser(next) {
      provider.awareness.setLocalStateField('user', next);
    },
    destroy() {
      reconnect.destroy();
      tracker.destroy();
      provider.destroy();
    },
  };
}
