import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MessageType, SyncMessageType } from '../../shared/protocol.ts';
import { closeMessage, type CloseInfo } from './closeReasons.ts';
import { CountingWebSocket } from './countingSocket.ts';

export type SaveState = 'saved' | 'saving' | 'offline' | 'connecting' | 'error';

export interface SyncSnapshot {
  state: SaveState;
  /** Local changes the server has not confirmed as stored. */
  unsaved: boolean;
  /** Set in the `error` state: why the server closed for good. */
  errorMessage: string | null;
}

type Connection = 'connecting' | 'synced' | 'offline' | 'closed';
type StateVector = Map<number, number>;

/** Every client in `local` is at least as far along in `server`. */
export function covers(server: StateVector, local: StateVector): boolean {
  for (const [client, clock] of local) {
    if ((server.get(client) ?? 0) < clock) return false;
  }
  return true;
}

function mergeInto(target: StateVector, source: StateVector): boolean {
  let changed = false;
  for (const [client, clock] of source) {
    if ((target.get(client) ?? 0) < clock) {
      target.set(client, clock);
      changed = true;
    }
  }
  return changed;
}

export interface SyncTrackerOptions {
  /**
   * The server's state vector as last acknowledged, kept with the local copy:
   * without it, everything restored from IndexedDB would count as unsaved until
   * the server answered, and leaving a fully saved brief offline would warn.
   */
  knownServerState?: Uint8Array | null;
  /** Called (debounced) when the server is known to hold more, to keep it for next time. */
  onServerStateChange?: (stateVector: Uint8Array) => void;
}

const PERSIST_SERVER_STATE_MS = 1_000;

/**
 * Turns what the provider and the server say into one save state.
 *
 * "Saved" is a fact, not a guess: the server (asked with `acks=1`) sends the
 * state vector of its *committed* document after storing what this connection
 * sent. The tracker keeps two state vectors:
 *  - `owed`: how far the changes this tab is responsible for go — typed here or
 *    restored from IndexedDB. Updates that arrive over the socket or from other
 *    tabs (BroadcastChannel) are someone else's to save.
 *  - `server`: how far the server is known to have the document: its SavedState
 *    acks, its sync step 1 (what it had before we sent anything) and the updates
 *    it relayed to us.
 * Saved means `server` covers `owed`. State vectors do not move on deletions, so
 * a change that only deletes is tracked by message instead: it stays "saving"
 * until an ack counts the message that carried it (see CountingWebSocket). An
 * earlier ack, for messages sent before it, does not clear it.
 */
export class SyncTracker {
  private connection: Connection;
  private readonly owed: StateVector = new Map();
  private readonly server: StateVector = new Map();
  /**
   * The last change that only deleted, until an ack covers it: the socket it
   * went out on and its message's number there, or null for a change made
   * offline, which goes in the next socket's first sync step 2.
   */
  private pendingDelete: { socket: CountingWebSocket | null; message: number } | null = null;
  /** True while the provider is applying a message that came over the WebSocket. */
  private inSocketMessage = false;
  private errorMessage: string | null = null;
  private snapshot: SyncSnapshot;
  private readonly listeners = new Set<() => void>();
  private persistTimer: ReturnType<typeof setTimeout> | null = null;
  private lastPersist = 0;

  constructor(
    private readonly doc: Y.Doc,
    private readonly provider: WebsocketProvider,
    private readonly options: SyncTrackerOptions = {},
  ) {
    this.connection = navigator.onLine ? 'connecting' : 'offline';
    // Whatever the document holds before we start listening (the IndexedDB copy)
    // is owed until the server shows it has it.
    mergeInto(this.owed, Y.decodeStateVector(Y.encodeStateVector(doc)));
    if (options.knownServerState) {
      try {
        mergeInto(this.server, Y.decodeStateVector(options.knownServerState));
      } catch {
        // A damaged record only costs accuracy until the server answers.
      }
    }
    this.snapshot = this.compute();

    this.wrapSyncHandler();
    provider.messageHandlers[MessageType.SavedState] = (_encoder, decoder) => {
      this.learnServerState(Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
      // A server that does not count says only that it stored everything sent so far.
      const stored = decoding.hasContent(decoder) ? decoding.readVarUint(decoder) : Infinity;
      if (this.pendingDelete && this.coversDelete(stored)) this.pendingDelete = null;
      this.update();
    };

    doc.on('update', this.onDocUpdate);
    provider.on('sync', this.onSync);
    provider.on('connection-close', this.onConnectionClose);
    window.addEventListener('offline', this.onBrowserOffline);
    window.addEventListener('pagehide', this.flushServerState);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SyncSnapshot => this.snapshot;

  hasUnsavedChanges(): boolean {
    return this.snapshot.unsaved;
  }

  /** The server refused this brief for good (deleted, invalid...). */
  markClosed(info: CloseInfo): void {
    this.connection = 'closed';
    this.errorMessage = closeMessage(info);
    this.update();
  }

  destroy(): void {
    this.flushServerState();
    window.removeEventListener('pagehide', this.flushServerState);
    this.doc.off('update', this.onDocUpdate);
    this.provider.off('sync', this.onSync);
    this.provider.off('connection-close', this.onConnectionClose);
    window.removeEventListener('offline', this.onBrowserOffline);
    this.listeners.clear();
  }

  /**
   * Peeks at sync messages from the server before the stock handler reads them:
   * step 1 carries the server's state vector, and flagging the call lets
   * onDocUpdate tell socket updates from BroadcastChannel ones (both use the
   * provider as transaction origin; the 4th argument is true only for the socket).
   */
  private wrapSyncHandler(): void {
    const original = this.provider.messageHandlers[MessageType.Sync];
    this.provider.messageHandlers[MessageType.Sync] = (
      encoder,
      decoder,
      provider,
      fromSocket,
      type,
    ) => {
      if (!fromSocket) {
        original(encoder, decoder, provider, fromSocket, type);
        return;
      }
      const peek = decoding.clone(decoder);
      if (decoding.readVarUint(peek) === SyncMessageType.Step1) {
        this.learnServerState(Y.decodeStateVector(decoding.readVarUint8Array(peek)));
      }
      this.inSocketMessage = true;
      try {
        original(encoder, decoder, provider, fromSocket, type);
      } finally {
        this.inSocketMessage = false;
      }
      this.update();
    };
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this.provider) {
      // From the server (it has it) or from another tab (that tab saves it).
      if (this.inSocketMessage) this.learnServerState(Y.parseUpdateMeta(update).to);
      return;
    }
    const grew = mergeInto(this.owed, Y.parseUpdateMeta(update).to);
    if (!grew) {
      // The provider's own update listener ran first and has sent it, if it could.
      const ws = this.provider.ws;
      this.pendingDelete =
        this.provider.wsconnected && ws instanceof CountingWebSocket
          ? { socket: ws, message: ws.sentUpdates }
          : { socket: null, message: 0 };
    }
    this.update();
  };

  /** Whether an ack from the current socket, counting `stored` messages, covers the pending delete. */
  private coversDelete(stored: number): boolean {
    const pending = this.pendingDelete;
    const ws = this.provider.ws;
    if (!pending || !(ws instanceof CountingWebSocket)) return true;
    if (pending.socket === ws) return stored >= pending.message;
    // Sent on a socket that has closed, or never sent: the next socket's first
    // sync step 2 carries it, as it carries everything the server lacks.
    return ws.firstStep2 !== null && stored >= ws.firstStep2;
  }

  private readonly onSync = (synced: boolean) => {
    if (this.connection === 'closed') return;
    if (synced) this.connection = 'synced';
    this.update();
  };

  private readonly onConnectionClose = () => {
    if (this.connection === 'closed') return;
    // A failed first attempt counts too: "Connecting…" forever would hide that we are offline.
    this.connection = 'offline';
    this.update();
  };

  private readonly onBrowserOffline = () => {
    if (this.connection === 'closed') return;
    this.connection = 'offline';
    this.update();
  };

  /** The server holds at least `stateVector` (it only ever holds committed updates). */
  private learnServerState(stateVector: StateVector): void {
    if (!mergeInto(this.server, stateVector) || !this.options.onServerStateChange) return;
    // Throttled, leading edge first: a reload right after a save (which runs no
    // React cleanup) must still find what the server acknowledged.
    if (this.persistTimer !== null) return;
    const wait = this.lastPersist + PERSIST_SERVER_STATE_MS - Date.now();
    if (wait <= 0) this.persistServerState();
    else this.persistTimer = setTimeout(() => this.persistServerState(), wait);
  }

  private persistServerState(): void {
    this.persistTimer = null;
    this.lastPersist = Date.now();
    this.options.onServerStateChange?.(Y.encodeStateVector(this.server));
  }

  private readonly flushServerState = () => {
    if (this.persistTimer === null) return;
    clearTimeout(this.persistTimer);
    this.persistServerState();
  };

  private compute(): SyncSnapshot {
    const unsaved = this.pendingDelete !== null || !covers(this.server, this.owed);
    const state: SaveState =
      this.connection === 'closed'
        ? 'error'
        : this.connection === 'offline'
          ? 'offline'
          : this.connection === 'connecting'
            ? 'connecting'
            : unsaved
              ? 'saving'
              : 'saved';
    return { state, unsaved, errorMessage: this.errorMessage };
  }

  private update(): void {
    const next = this.compute();
    const prev = this.snapshot;
    if (
      next.state === prev.state &&
      next.unsaved === prev.unsaved &&
      next.errorMessage === prev.errorMessage
    ) {
      return;
    }
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
