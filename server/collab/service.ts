/**
 * The collaboration service: accepts WebSockets on `/collab/<briefId>`, loads
 * each brief exactly once however many clients arrive while it loads, routes
 * decoded messages, and unloads idle briefs once their writes are done.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { briefIdFromCollabPath, COLLAB_PATH_PREFIX, type BriefId } from '../../shared/briefId.ts';
import { ACKS_PARAM } from '../../shared/protocol.ts';
import { DOCUMENT_FIELD } from '../../shared/schema/field.ts';
import { CloseCode, type CloseCodeName } from '../../shared/closeCodes.ts';
import type { BriefRole } from '../../shared/roles.ts';
import type { CollabLimits } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Storage } from '../storage/index.ts';
import { CommitQueue, ServerOrigin, type CommittedUpdate } from './commitQueue.ts';
import { Compactor } from './compaction.ts';
import { Connection, type ConnectionUser } from './connection.ts';
import { BriefNotFoundError, ProtocolError } from './errors.ts';
import {
  decodeClientMessage,
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSyncStep1,
  type ClientMessage,
} from './messages.ts';
import { findOrphans, rescueUpdate, type OrphanRun } from './orphans.ts';
import { Room } from './room.ts';
import { storedStateVector } from './storedState.ts';
import { Heartbeats } from './heartbeats.ts';

/** The outcome of admitting a socket, or of re-checking one later. */
export type Admission =
  | { ok: true; user: ConnectionUser; role: BriefRole }
  | { ok: false; reason: CloseCodeName; detail: string };

export interface CollabAccess {
  /** Decides whether an upgrade request may join a brief, and as whom. */
  admit(request: IncomingMessage, briefId: BriefId): Promise<Admission>;
  /** Re-decides for a live connection after an access change. */
  recheck(user: ConnectionUser, briefId: BriefId): Promise<Admission>;
}

/** Typed extension points for capabilities that follow a room's life (history, relay). */
export interface CollabHooks {
  /**
   * The room starts loading; storage is read once this settles. A
   * cross-instance relay subscribes here, so that nothing published while the
   * brief is read from storage is missed. Must not reject.
   */
  roomLoading?(room: Room): Promise<void>;
  /** The room has loaded and its document holds everything stored. */
  roomLoaded?(room: Room): void;
  /** Updates were committed and applied to the room, in log order. */
  committed?(room: Room, updates: readonly CommittedUpdate[]): void;
  /** A connection of this instance changed the room's presence (an encoded awareness update). */
  awareness?(room: Room, update: Uint8Array): void;
  /**
   * Brings the room up to date with storage, for work that must see every
   * committed update (a named version, a restore). Only another instance's
   * updates can be missing, and only when the relay dropped one: the
   * cross-instance relay repairs from the log here.
   */
  catchUp?(room: Room): Promise<void>;
  /** The room is about to be unloaded (idle, or shutdown); its writes are done. */
  beforeUnload?(room: Room): Promise<void>;
  /** The room is being discarded (unloaded, deleted, failed to load, or shutdown). */
  roomClosed?(room: Room): void;
  /**
   * The brief was deleted, here or on another instance (found when access is
   * re-checked): its room is gone; drop whatever else is kept for it.
   */
  briefDeleted?(briefId: BriefId): Promise<void>;
}

export interface CollabServiceOptions {
  storage: Storage;
  logger: Logger;
  limits: CollabLimits;
  access: CollabAccess;
  hooks?: CollabHooks;
  now?: () => number;
}

export interface CollabStats {
  rooms: number;
  connections: number;
}

/** Who restored orphaned text whose author has left (see orphans.ts). */
const RESCUE_USER: ConnectionUser = { id: null, sessionId: null, name: 'Briefdesk' };

/** The resolution of heartbeats; each connection keeps its own phase (see heartbeats.ts). */
const HEARTBEAT_TICK_MS = 100;

export class CollabService {
  private readonly rooms = new Map<BriefId, Room>();
  private readonly wss: WebSocketServer;
  private readonly queue: CommitQueue;
  private readonly compactor: Compactor;
  private readonly heartbeats: Heartbeats<Connection>;
  private accepting = true;
  private readonly now: () => number;

  constructor(private readonly options: CollabServiceOptions) {
    this.now = options.now ?? Date.now;
    // ws enforces the size limit before buffering the whole frame and closes
    // with 1009, which is CloseCode.FrameTooLarge.
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.limits.maxFrameBytes,
      perMessageDeflate: false,
    });
    this.compactor = new Compactor({
      storage: options.storage,
      logger: options.logger,
      limits: options.limits,
    });
    this.queue = new CommitQueue({
      storage: options.storage,
      logger: options.logger,
      now: this.now,
      relayBeforeCommit: options.limits.unsafeRelayBeforeCommit,
      onCommitted: (room, committed) => {
        room.logCount += committed.length;
        for (const c of committed) room.logBytes += c.update.byteLength;
        this.options.hooks?.committed?.(room, committed);
        this.compactor.maybeCompact(room);
      },
    });
    this.heartbeats = new Heartbeats(
      options.limits.heartbeatMs,
      Math.min(HEARTBEAT_TICK_MS, options.limits.heartbeatMs / 4),
      this.now,
    );
  }

  /** True when the request is for this service; the HTTP layer routes upgrades with it. */
  handles(pathname: string): boolean {
    return pathname === COLLAB_PATH_PREFIX || pathname.startsWith(COLLAB_PATH_PREFIX + '/');
  }

  /**
   * Admission happens before the WebSocket handshake completes (the socket
   * waits), but a refusal is still delivered as a close code after it, because
   * a failed handshake reaches a browser as a bare 1006 with no reason to show.
   */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (!this.accepting) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    const { pathname, params } = splitUrl(request.url ?? '');
    const briefId = briefIdFromCollabPath(pathname);
    const refuse = (reason: CloseCodeName, detail: string) =>
      this.wss.handleUpgrade(request, socket, head, (ws) => {
        this.options.logger.warn('closing connection', {
          code: CloseCode[reason].code,
          reason,
          detail,
          path: pathname.slice(0, 200),
        });
        ws.close(CloseCode[reason].code, CloseCode[reason].reason);
      });
    if (!briefId) {
      refuse('InvalidBriefId', 'malformed brief id');
      return;
    }
    this.options.access.admit(request, briefId).then(
      (admission) => {
        if (!admission.ok) {
          refuse(admission.reason, admission.detail);
          return;
        }
        this.wss.handleUpgrade(request, socket, head, (ws) =>
          this.accept(ws, briefId, admission.user, admission.role, params.get(ACKS_PARAM) === '1'),
        );
      },
      (error: unknown) => {
        this.options.logger.error('admission failed', { brief: briefId, error });
        refuse('InternalError', 'admission failed');
      },
    );
  }

  /**
   * Someone's access changed (membership, role, session, account): re-decide
   * every matching live connection. Demoted writers become read-only at once;
   * removed or signed-out people are disconnected.
   */
  async recheck(filter: { userId?: string | null; briefId?: string | null }): Promise<void> {
    const checks: Promise<void>[] = [];
    const deleted = new Set<BriefId>();
    for (const room of this.rooms.values()) {
      if (filter.briefId && room.briefId !== filter.briefId) continue;
      for (const connection of room.connections) {
        if (filter.userId && connection.user.id !== filter.userId) continue;
        checks.push(
          this.options.access.recheck(connection.user, room.briefId).then((admission) => {
            if (!admission.ok) {
              connection.close(admission.reason, admission.detail);
              if (admission.reason === 'BriefNotFound') deleted.add(room.briefId);
            } else if (admission.role !== connection.role) {
              this.options.logger.info('connection role changed', {
                brief: room.briefId,
                connection: connection.id,
                from: connection.role,
                to: admission.role,
              });
              connection.role = admission.role;
            }
          }),
        );
      }
    }
    await Promise.all(checks);
    // Deleted on another instance: this one forgets it too, as if deleted here.
    for (const briefId of deleted) await this.closeBrief(briefId);
  }

  stats(): CollabStats {
    let connections = 0;
    for (const room of this.rooms.values()) connections += room.connections.size;
    return { rooms: this.rooms.size, connections };
  }

  /** The brief was deleted: disconnect its clients, forget its document, tell the hooks. */
  async closeBrief(id: BriefId): Promise<void> {
    const room = this.rooms.get(id);
    if (room) {
      for (const connection of room.connections) connection.close('BriefNotFound', 'brief deleted');
      await this.queue.idle();
      if (this.rooms.get(id) === room) this.rooms.delete(id);
      this.dispose(room);
    }
    await this.options.hooks?.briefDeleted?.(id);
  }

  /** SIGTERM: refuse new sockets, finish writes, then tell every client to go elsewhere. */
  async shutdown(): Promise<void> {
    this.accepting = false;
    this.heartbeats.stop();
    await this.queue.idle();
    for (const room of this.rooms.values()) {
      for (const connection of room.connections) {
        connection.close('ServerRestarting', 'shutdown');
      }
    }
    for (const room of this.rooms.values()) {
      if (room.status === 'ready') await this.runBeforeUnload(room);
    }
    await this.compactor.idle();
    for (const room of this.rooms.values()) this.dispose(room);
    this.rooms.clear();
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(
    ws: WebSocket,
    briefId: BriefId,
    user: ConnectionUser,
    role: BriefRole,
    wantsAcks: boolean,
  ): void {
    const connection = new Connection(
      ws,
      briefId,
      user,
      role,
      wantsAcks,
      this.options.limits,
      this.options.logger,
      this.now,
    );
    const room = this.roomFor(briefId);
    this.cancelUnload(room);
    room.connections.add(connection);

    this.heartbeats.add(connection);
    ws.on('pong', () => (connection.alive = true));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (connection.closed) return;
      if (!isBinary) {
        connection.close('TextFrame', 'text frame');
        return;
      }
      this.onFrame(room, connection, toBytes(data));
    });
    ws.on('error', (error) => {
      // ws reports protocol violations (oversized frames, bad opcodes) here and closes itself.
      this.options.logger.warn('socket error', {
        brief: briefId,
        connection: connection.id,
        error,
      });
    });
    ws.on('close', () => {
      connection.closed = true;
      this.heartbeats.remove(connection);
      room.removeConnection(connection);
      if (room.connections.size === 0) this.scheduleUnload(room);
    });

    room.loaded.then(
      () => this.start(room, connection),
      (error: unknown) => {
        if (error instanceof BriefNotFoundError) {
          connection.close('BriefNotFound', briefId);
        } else {
          connection.close('LoadFailed', String(error));
        }
      },
    );
  }

  private roomFor(briefId: BriefId): Room {
    const existing = this.rooms.get(briefId);
    if (existing && existing.status !== 'failed' && existing.status !== 'closed') return existing;
    // Created synchronously before any await, so every client that arrives
    // while the brief loads shares this one load.
    const room = new Room(briefId, this.options.logger, (r) => this.load(r));
    this.rooms.set(briefId, room);
    room.loaded.then(
      () => {
        this.watchAwareness(room);
        this.watchOrphans(room);
        this.options.hooks?.roomLoaded?.(room);
      },
      () => undefined,
    );
    room.loaded.catch(() => {
      if (this.rooms.get(briefId) === room) this.rooms.delete(briefId);
      this.dispose(room);
    });
    return room;
  }

  /** Hands presence changes made by this instance's connections to the awareness hook. */
  private watchAwareness(room: Room): void {
    const hook = this.options.hooks?.awareness;
    if (!hook) return;
    room.awareness.on(
      'update',
      (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        // Only a connection's own changes: remote ones came from elsewhere and
        // timeouts happen on every instance by themselves.
        if (!(origin instanceof Connection)) return;
        const changed = [...change.added, ...change.updated, ...change.removed];
        if (changed.length === 0) return;
        hook(room, awarenessProtocol.encodeAwarenessUpdate(room.awareness, changed));
      },
    );
  }

  /**
   * Puts back text a client's update deleted without its author having seen
   * it (orphans.ts): someone typed into a block that the update's author,
   * out of date, turned into another type or joined to the one before. Only
   * clients' own updates: a restore replaces text on purpose, and remote
   * updates are checked by the instance that committed them.
   */
  private watchOrphans(room: Room): void {
    room.observeTransactions((tr) => {
      if (!(tr.origin instanceof Connection) || room.applying === null) return;
      const runs = findOrphans(tr, room.applying);
      if (runs.length === 0) return;
      // After this batch is applied: the rescue is computed on a copy of the
      // committed document and committed like any other update.
      setImmediate(() => this.rescueOrphans(room, runs));
    });
  }

  private rescueOrphans(room: Room, runs: readonly OrphanRun[]): void {
    if (room.status !== 'ready') return;
    const byClient = new Map<number, OrphanRun[]>();
    for (const run of runs) byClient.set(run.client, [...(byClient.get(run.client) ?? []), run]);
    // Every author's rescue is written on its own copy of the same committed state.
    const committed = Y.encodeStateAsUpdate(room.doc);
    for (const [client, own] of byClient) {
      const scratch = new Y.Doc({ gc: false });
      Y.applyUpdate(scratch, committed);
      const update = rescueUpdate(scratch, DOCUMENT_FIELD, own);
      scratch.destroy();
      if (!update) continue;
      // Attributed to the person who typed it, when they are still here.
      const author =
        [...room.connections].find((c) => c.clientIds.has(client))?.user ?? RESCUE_USER;
      this.options.logger.info('restoring text a concurrent block change deleted', {
        brief: room.briefId,
        runs: own.length,
        chars: own.reduce((n, r) => n + r.text.length, 0),
      });
      this.submit(room, update, author).catch((error: unknown) =>
        this.options.logger.warn('orphaned text could not be restored', {
          brief: room.briefId,
          error,
        }),
      );
    }
  }

  /** Discards a room; the hook sees it just before, with its connections and presence intact. */
  private dispose(room: Room): void {
    if (room.status === 'closed') return;
    try {
      this.options.hooks?.roomClosed?.(room);
    } catch (error) {
      this.options.logger.warn('room-closed hook failed', { brief: room.briefId, error });
    }
    room.destroy();
  }

  private async load(room: Room): Promise<void> {
    const started = performance.now();
    await this.options.hooks?.roomLoading?.(room);
    const brief = await this.options.storage.getBrief(room.briefId);
    if (!brief) throw new BriefNotFoundError(room.briefId);
    const stored = await this.options.storage.loadDocument(room.briefId);
    // Served from the stored bytes until something needs the document (see Room).
    const log = stored.updates.map((u) => u.data);
    const parts = stored.snapshot ? [stored.snapshot, ...log] : log;
    try {
      room.holdStored(parts, storedStateVector(stored.snapshot, log));
    } catch (error) {
      // A stored update Yjs cannot parse: building the document skips it, with a log line.
      this.options.logger.error('stored state unreadable; building the document now', {
        brief: room.briefId,
        error,
      });
      room.holdStored(parts, new Uint8Array([0]));
      room.build();
    }
    room.storedSeq = Math.max(stored.snapshotSeq, stored.updates.at(-1)?.seq ?? 0);
    room.snapshotBytes = stored.snapshot?.byteLength ?? 0;
    room.logCount = stored.updates.length;
    room.logBytes = stored.updates.reduce((n, u) => n + u.data.byteLength, 0);
    this.options.logger.debug('brief loaded', {
      brief: room.briefId,
      updates: stored.updates.length,
      ms: Math.round(performance.now() - started),
    });
  }

  /** The room is loaded: greet the client, then play what it sent meanwhile. */
  private start(room: Room, connection: Connection): void {
    if (connection.closed) return;
    connection.send(encodeSyncStep1(room.stateVector()));
    if (room.awareness.states.size > 0) {
      connection.send(
        encodeAwareness(
          awarenessProtocol.encodeAwarenessUpdate(room.awareness, [
            ...room.awareness.states.keys(),
          ]),
        ),
      );
    }
    for (const message of connection.release()) {
      if (connection.closed) return;
      this.handle(room, connection, message);
    }
  }

  private onFrame(room: Room, connection: Connection, frame: Uint8Array): void {
    let message: ClientMessage;
    try {
      message = decodeClientMessage(frame);
    } catch (error) {
      if (error instanceof ProtocolError) {
        connection.close(error.closeCode, error.message);
        return;
      }
      throw error;
    }
    if (connection.hold(message)) return;
    this.handle(room, connection, message);
  }

  /** Every decoded message goes through this one switch. */
  private handle(room: Room, connection: Connection, message: ClientMessage): void {
    switch (message.kind) {
      case 'sync-step1':
        connection.sendParts(room.syncStep2(message.stateVector));
        return;
      case 'sync-step2':
      case 'sync-update':
        // Read-only roles may sync and show presence, but their document
        // changes are dropped, never applied: a hand-crafted frame from a
        // viewer changes nothing.
        if (!connection.canWrite) {
          if (connection.droppedWrites++ === 0) {
            this.options.logger.info('dropping updates from a read-only connection', {
              brief: room.briefId,
              connection: connection.id,
              role: connection.role,
            });
          }
          return;
        }
        // Every y-websocket client answers the server's sync step 1 with a
        // step 2, empty when it has nothing new: that costs no write.
        if (isEmptyUpdate(message.update)) {
          room.acknowledge([connection]);
          return;
        }
        this.queue.enqueue(room, message.update, connection);
        return;
      case 'awareness': {
        // y-websocket clients echo every presence change they see, other
        // people's included. An entry counts only when it is this
        // connection's own client, or a client no live connection speaks for
        // whose clock moves forward; echoes are dropped without cost, so one
        // client's flood cannot get innocent echoers rate-limited.
        const accepted = message.entries.filter((entry) => {
          if (connection.clientIds.has(entry.clientId)) return true;
          if (room.isClaimedByOther(entry.clientId, connection)) return false;
          const known = room.awareness.meta.get(entry.clientId);
          return known === undefined || entry.clock > known.clock;
        });
        if (accepted.length === 0) return;
        if (!connection.takeAwarenessToken()) {
          connection.close('RateLimited', 'awareness flood');
          return;
        }
        for (const entry of accepted) {
          if (entry.state !== null) connection.clientIds.add(entry.clientId);
        }
        const update =
          accepted.length === message.entries.length
            ? message.update
            : encodeAwarenessEntries(accepted);
        awarenessProtocol.applyAwarenessUpdate(room.awareness, update, connection);
        return;
      }
      case 'query-awareness':
        connection.send(
          encodeAwareness(
            awarenessProtocol.encodeAwarenessUpdate(room.awareness, [
              ...room.awareness.states.keys(),
            ]),
          ),
        );
        return;
      default: {
        const unreachable: never = message;
        throw new Error(`unhandled message ${JSON.stringify(unreachable)}`);
      }
    }
  }

  private scheduleUnload(room: Room): void {
    if (room.unloadTimer || room.status === 'closed') return;
    room.unloadTimer = setTimeout(() => {
      room.unloadTimer = null;
      void this.unload(room);
    }, this.options.limits.unloadDelayMs);
    room.unloadTimer.unref();
  }

  private cancelUnload(room: Room): void {
    if (room.unloadTimer) {
      clearTimeout(room.unloadTimer);
      room.unloadTimer = null;
    }
  }

  /**
   * Unloads only after the room's last write has committed. A client that
   * joins meanwhile finds the room still registered, and the unload stands down.
   */
  private async unload(room: Room): Promise<void> {
    const idle = () =>
      room.connections.size === 0 && room.holds === 0 && this.rooms.get(room.briefId) === room;
    while (room.pendingWrites > 0) await this.queue.idle();
    if (!idle()) return;
    await this.runBeforeUnload(room);
    if (!idle()) return;
    await this.compactor.compactOnUnload(room);
    if (!idle()) return;
    this.rooms.delete(room.briefId);
    this.dispose(room);
    this.options.logger.debug('brief unloaded', { brief: room.briefId });
  }

  private async runBeforeUnload(room: Room): Promise<void> {
    try {
      await this.options.hooks?.beforeUnload?.(room);
    } catch (error) {
      this.options.logger.warn('before-unload hook failed', { brief: room.briefId, error });
    }
  }

  /**
   * Runs `fn` with the brief's room loaded (loading it if no one has it
   * open), and keeps it loaded until `fn` settles. For server-side work that
   * must go through the room, such as a restore.
   */
  async withRoom<T>(briefId: BriefId, fn: (room: Room) => Promise<T>): Promise<T> {
    const room = this.roomFor(briefId);
    room.holds++;
    this.cancelUnload(room);
    try {
      await room.loaded;
      return await fn(room);
    } finally {
      room.holds--;
      if (room.connections.size === 0 && room.holds === 0) this.scheduleUnload(room);
    }
  }

  /** Brings a loaded room up to date with storage (CollabHooks.catchUp); no-op on one instance. */
  async catchUp(room: Room): Promise<void> {
    await this.options.hooks?.catchUp?.(room);
  }

  /** The room if the brief is loaded and ready, for read-only use. */
  loadedRoom(briefId: BriefId): Room | null {
    const room = this.rooms.get(briefId);
    return room && room.status === 'ready' ? room : null;
  }

  /**
   * Commits an update made by the server on someone's behalf, then applies
   * and relays it like any client's: the promise resolves once it is durable
   * and live collaborators have been sent it.
   */
  submit(
    room: Room,
    update: Uint8Array,
    user: ConnectionUser,
    /** Runs synchronously right after the update is applied, before any other. */
    onApplied?: () => void,
  ): Promise<void> {
    return new Promise((resolve, reject) =>
      this.queue.enqueue(room, update, new ServerOrigin(user), (error) => {
        if (error) {
          reject(error);
          return;
        }
        try {
          onApplied?.();
          resolve();
        } catch (failure) {
          reject(failure instanceof Error ? failure : new Error(String(failure)));
        }
      }),
    );
  }
}

function splitUrl(url: string): { pathname: string; params: URLSearchParams } {
  // The raw path is used, not a normalised URL: `/collab/../x` must fail the
  // brief id check rather than be resolved into some other path.
  const q = url.indexOf('?');
  return q === -1
    ? { pathname: url, params: new URLSearchParams() }
    : { pathname: url.slice(0, q), params: new URLSearchParams(url.slice(q + 1)) };
}

/** An update with no structs and no deletions: `[0, 0]` in Yjs's v1 encoding. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
