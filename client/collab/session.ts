import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { NAME_PARAM, type PresenceUser } from '../../shared/api.ts';
import { COLLAB_PATH_PREFIX, type BriefId } from '../../shared/briefId.ts';
import { ACKS_PARAM } from '../../shared/protocol.ts';
import { ReconnectController } from './reconnect.ts';
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

export function localDatabaseName(briefId: BriefId): string {
  return `briefdesk:${briefId}`;
}

export function collabServerUrl(): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}${COLLAB_PATH_PREFIX}`;
}

const RESYNC_INTERVAL_MS = 15_000;

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
  briefId: BriefId,
  ydoc: Y.Doc,
  timeoutMs = 3_000,
): { persistence: IndexeddbPersistence | null; loaded: Promise<LocalCopy> } {
  let persistence: IndexeddbPersistence;
  try {
    persistence = new IndexeddbPersistence(localDatabaseName(briefId), ydoc);
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
): CollabSession {
  const provider = new WebsocketProvider(collabServerUrl(), briefId, ydoc, {
    connect: false,
    params: { [NAME_PARAM]: user.name, [ACKS_PARAM]: '1' },
    // ReconnectController schedules reconnects (with jitter) and handles terminal closes.
    shouldReconnect: () => false,
    // y-websocket drops a connection that received nothing for 30 s, counting on the
    // server to echo our own awareness every 15 s; this server relays awareness only
    // to others, so a person alone on a brief would be cut off twice a minute. A sync
    // step 1 always gets a step 2 back, which keeps the line alive and repairs
    // anything missed, for a few bytes.
    resyncInterval: RESYNC_INTERVAL_MS,
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
    onTerminalClose: (info) => tracker.markClosed(info),
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
      // The name param is read on the next (re)connection; awareness updates everyone now.
      provider.params = { ...provider.params, [NAME_PARAM]: next.name };
      provider.awareness.setLocalStateField('user', next);
    },
    destroy() {
      reconnect.destroy();
      tracker.destroy();
      provider.destroy();
    },
  };
}
