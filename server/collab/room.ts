/**
 * A room is one loaded brief: its Y.Doc, its awareness, and the connections
 * editing it. The document only ever holds *committed* updates (see
 * CommitQueue), so anything it relays or serves in a sync step is durable.
 *
 * A room starts *dormant*: it holds the brief's stored bytes and their state
 * vector, not a document (storedState.ts). It greets clients, acknowledges
 * them and brings a client that holds nothing of the brief up to date from
 * those bytes; the first use that needs the document itself — an edit, a
 * client with part of the brief, a revision — builds it (`doc`).
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { BriefId } from '../../shared/briefId.ts';
import type { Logger } from '../logger.ts';
import type { Connection } from './connection.ts';
import type { UpdateOrigin } from './commitQueue.ts';
import {
  encodeAwareness,
  encodeSavedState,
  encodeSyncStep2Parts,
  encodeSyncUpdate,
} from './messages.ts';
import { mergeInGroups } from './mergeUpdates.ts';
import { holdsNoneOf } from './storedState.ts';
import { wireFrame } from './wireFrame.ts';

export type RoomStatus = 'loading' | 'ready' | 'failed' | 'closed';

/** Origin of transactions that load stored state: nothing to relay. */
export const LOAD_ORIGIN = Symbol('load');

/** Stored state a dormant room serves without having built its document. */
interface Dormant {
  /** The snapshot, then the log after it, as stored: what the document is built from. */
  parts: Uint8Array[];
  stateVector: Uint8Array;
  /** The parts merged into one update, made for the first client that needs them all. */
  whole?: Uint8Array;
}

/** A transaction listener on the room's document. */
export type TransactionListener = (transaction: Y.Transaction, doc: Y.Doc) => void;

export class Room {
  /**
   * gc is off so that deleted content stays in the document: revision history
   * reconstructs old versions from snapshots of this document.
   */
  private readonly ydoc = new Y.Doc({ gc: false });
  private dormant: Dormant | null = null;
  /** Presence needs a document only for a client id; this one never holds the brief. */
  readonly awareness = new awarenessProtocol.Awareness(new Y.Doc());
  readonly connections = new Set<Connection>();
  status: RoomStatus = 'loading';
  /** Resolves when loading ends, either way. */
  readonly loaded: Promise<void>;
  /**
   * The highest log seq read from storage into the document (load, gap
   * repair): the brief's log up to it is all in the document. Updates
   * committed or relayed since may be too, but only storage can say there is no gap.
   */
  storedSeq = 0;
  /** Updates in the stored log since the last snapshot: the compaction trigger. */
  logCount = 0;
  logBytes = 0;
  /** Size of the stored snapshot the log builds on. */
  snapshotBytes = 0;
  /** When the last compaction of this room finished (performance.now). */
  compactedAt = -Infinity;
  /** Updates handed to the commit queue and not yet committed or dropped. */
  pendingWrites = 0;
  unloadTimer: NodeJS.Timeout | null = null;
  /** Server-side users of the room (a restore in progress) that keep it loaded. */
  holds = 0;
  /**
   * The committed update applyCommitted is applying, for transaction
   * listeners that need its bytes (the orphan check reads its delete set).
   */
  applying: Uint8Array | null = null;

  constructor(
    readonly briefId: BriefId,
    private readonly logger: Logger,
    load: (room: Room) => Promise<void>,
  ) {
    // The server holds no presence of its own.
    this.awareness.setLocalState(null);
    this.loaded = load(this).then(
      () => {
        if (this.status === 'loading') this.status = 'ready';
        this.awareness.on('update', this.relayAwareness);
      },
      (error: unknown) => {
        this.status = 'failed';
        throw error;
      },
    );
    // Callers observe failures through `status`; keep Node from reporting them twice.
    this.loaded.catch(() => undefined);
  }

  /**
   * The brief's document with everything stored applied. Reading it builds a
   * dormant room's document, on this thread, at the cost a load used to have.
   */
  get doc(): Y.Doc {
    if (this.dormant) this.build();
    return this.ydoc;
  }

  /** Whether the document is still unbuilt (see the class comment). */
  get isDormant(): boolean {
    return this.dormant !== null;
  }

  /** Keeps the stored parts as bytes until the document is needed. Load-time only. */
  holdStored(parts: Uint8Array[], stateVector: Uint8Array): void {
    this.dormant = { parts, stateVector };
  }

  /** What the server holds, as a Yjs state vector, without building the document. */
  stateVector(): Uint8Array {
    return this.dormant ? this.dormant.stateVector : Y.encodeStateVector(this.ydoc);
  }

  /**
   * Sync step 2 (as header and update) for a client with state vector
   * `theirs`. A dormant room answers a client that holds nothing of the brief
   * with the stored bytes — as they are when they are one snapshot, merged
   * once otherwise, since a step 2 must carry the whole state (clients count
   * themselves synced on receiving it). Anyone else gets Yjs's diff from the
   * document.
   */
  syncStep2(theirs: Uint8Array): [header: Uint8Array, update: Uint8Array] {
    const dormant = this.dormant;
    if (dormant && holdsNoneOf(theirs, dormant.stateVector)) {
      dormant.whole ??= dormant.parts.length === 0 ? EMPTY_UPDATE : mergeInGroups(dormant.parts);
      return encodeSyncStep2Parts(dormant.whole);
    }
    return encodeSyncStep2Parts(Y.encodeStateAsUpdate(this.doc, theirs));
  }

  /** Listens to the document's transactions without building it. */
  observeTransactions(listener: TransactionListener): void {
    this.ydoc.on('afterTransaction', listener);
  }

  unobserveTransactions(listener: TransactionListener): void {
    this.ydoc.off('afterTransaction', listener);
  }

  /**
   * Builds the document from the stored parts, each in its own transaction:
   * one transaction over a long log merges structs quadratically (see
   * server/storage/snapshot.ts). A part Yjs cannot apply is skipped and logged.
   */
  build(): void {
    const dormant = this.dormant;
    if (!dormant) return;
    this.dormant = null;
    const started = performance.now();
    for (const part of dormant.parts) {
      try {
        Y.applyUpdate(this.ydoc, part, LOAD_ORIGIN);
      } catch (error) {
        this.logger.error('stored update failed to apply; skipped', { brief: this.briefId, error });
      }
    }
    this.logger.debug('brief document built', {
      brief: this.briefId,
      parts: dormant.parts.length,
      ms: Math.round(performance.now() - started),
    });
  }

  /**
   * Applies an update that storage has committed and relays it, as received,
   * to everyone but its sender. Relaying the received bytes rather than
   * Yjs's re-encoding of the transaction saves an encoding per update; a
   * client applies either the same way, and Yjs ignores what it already has.
   */
  applyCommitted(update: Uint8Array, origin: UpdateOrigin): void {
    try {
      this.applying = update;
      Y.applyUpdate(this.doc, update, origin);
    } catch (error) {
      // Updates are fully parsed before they are queued, so this is a Yjs
      // integration failure; the update stays in the log for inspection.
      this.logger.error('committed update failed to apply', { brief: this.briefId, error });
      return;
    } finally {
      this.applying = null;
    }
    this.relay(update, origin);
  }

  /**
   * Applies stored updates that may overlap what the room holds (gap repair
   * re-reads from a seq the document may already be past, and may get a
   * whole snapshot). Only what was new is relayed, as Yjs encodes it: one
   * frame, or none.
   */
  applyRepair(updates: readonly Uint8Array[], origin: UpdateOrigin): void {
    const relayNew = (update: Uint8Array) => this.relay(update, origin);
    this.doc.on('update', relayNew);
    try {
      Y.transact(
        this.doc,
        () => {
          for (const update of updates) {
            try {
              Y.applyUpdate(this.doc, update, origin);
            } catch (error) {
              this.logger.error('stored update failed to apply', { brief: this.briefId, error });
            }
          }
        },
        origin,
      );
    } finally {
      this.doc.off('update', relayNew);
    }
  }

  /** Tells connections that asked for acknowledgements what the server now holds. */
  acknowledge(connections: Iterable<Connection>): void {
    let stateVector: Uint8Array | null = null;
    for (const connection of connections) {
      if (!connection.wantsAcks || !this.connections.has(connection)) continue;
      stateVector ??= this.stateVector();
      connection.send(encodeSavedState(stateVector, connection.storedUpdates));
    }
  }

  private relay(update: Uint8Array, origin: UpdateOrigin): void {
    let wire: Buffer | null = null;
    for (const connection of this.connections) {
      if (connection === origin) continue;
      wire ??= wireFrame(encodeSyncUpdate(update));
      connection.sendWire(wire);
    }
  }

  private readonly relayAwareness = (change: {
    added: number[];
    updated: number[];
    removed: number[];
  }): void => {
    const changed = [...change.added, ...change.updated, ...change.removed];
    if (changed.length === 0) return;
    const wire = wireFrame(
      encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)),
    );
    // The sender gets its own presence back too, as from the reference
    // server: y-websocket clients treat 30 s without any message as a dead
    // connection, and a person alone in a brief receives nothing else.
    for (const connection of this.connections) connection.sendWire(wire);
  };

  /**
   * Removes a connection and exactly the presence states it controlled. The
   * removal's origin is the connection, so it counts as that connection's own
   * change (other instances are told, as of any presence change it makes).
   */
  removeConnection(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    const owned = [...connection.clientIds].filter((id) => this.awareness.states.has(id));
    if (owned.length > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, owned, connection);
    }
  }

  /** True when another connection in this room already speaks for `clientId`. */
  isClaimedByOther(clientId: number, connection: Connection): boolean {
    for (const other of this.connections) {
      if (other !== connection && other.clientIds.has(clientId)) return true;
    }
    return false;
  }

  destroy(): void {
    this.status = 'closed';
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.awareness.off('update', this.relayAwareness);
    this.awareness.destroy();
    this.awareness.doc.destroy();
    this.dormant = null;
    this.ydoc.destroy();
  }
}

/** An update with nothing in it: an empty brief's whole state. */
const EMPTY_UPDATE = new Uint8Array([0, 0]);
