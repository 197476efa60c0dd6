/**
 * Connects this instance's rooms to the other instances' through a Relay.
 *
 * - Out: updates this instance commits are published after they are applied
 *   and relayed locally (commit-before-relay holds across instances too), and
 *   so are presence changes its clients make.
 * - In: another instance's updates are applied to the room's document with a
 *   RemoteOrigin — relayed to local sockets, never committed or published
 *   again (they are durable already). Presence is applied likewise.
 * - Late joiner: a room subscribes before it reads storage; messages that
 *   arrive while it loads are held and applied after (Yjs ignores what the
 *   load already brought).
 * - Gaps: the relay may drop messages (an outage, a dropped subscriber). A
 *   room then re-reads the brief's log from storage after the last seq it has
 *   read (room.storedSeq): on request, after the relay reconnects, and every
 *   `repairIntervalMs` while other instances are writing to it.
 * - Presence of a dead instance's clients is not tracked here: the room's
 *   y-protocols Awareness drops any state not renewed for 30 s (clients renew
 *   every 15 s), which bounds how long a ghost cursor can stay.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import type { BriefId } from '../../shared/briefId.ts';
import { RemoteOrigin, type CommittedUpdate } from '../collab/commitQueue.ts';
import type { CollabHooks, ConnectionUser, Room } from '../collab/index.ts';
import type { Logger } from '../logger.ts';
import type { Storage } from '../storage/index.ts';
import { encodeAwarenessRemoval, filterAwarenessUpdate } from './codec.ts';
import type { Relay, RelayMessage } from './types.ts';

/** Origin of presence applied from another instance: relayed locally, not published back. */
export const REMOTE_AWARENESS_ORIGIN = Symbol('remote-awareness');
/** Updates found by gap repair carry no sender; history records their deletions as unattributed. */
const REPAIR_USER: ConnectionUser = { id: null, sessionId: null, name: 'another instance' };
/** Above this, an update batch is not relayed inline: receivers read it from storage instead. */
const MAX_INLINE_BYTES = 1024 * 1024;
/** Messages held for a loading room; beyond this the room repairs from storage once loaded. */
const MAX_HELD = 10_000;

export const DEFAULT_REPAIR_INTERVAL_MS = 30_000;

interface Link {
  room: Room;
  /** Messages received while the room loads, or null once it has. */
  held: RelayMessage[] | null;
  /** The room must read storage once loaded (held messages overflowed, or a subscription was not confirmed). */
  repairWhenLoaded: boolean;
  repairing: Promise<void> | null;
  repairAgain: boolean;
  /** Another instance wrote to the brief since the last periodic repair. */
  remoteWrites: boolean;
}

export interface RoomRelayOptions {
  relay: Relay;
  storage: Pick<Storage, 'loadUpdatesAfter'>;
  logger: Logger;
  repairIntervalMs?: number;
}

type RelayHooks = Required<
  Pick<
    CollabHooks,
    'roomLoading' | 'roomLoaded' | 'committed' | 'awareness' | 'roomClosed' | 'catchUp'
  >
>;

export class RoomRelay {
  private readonly links = new Map<BriefId, Link>();
  private timer: NodeJS.Timeout | null = null;
  private readonly relay: Relay;
  private readonly logger: Logger;

  constructor(private readonly options: RoomRelayOptions) {
    this.relay = options.relay;
    this.logger = options.logger;
    this.relay.setListener({
      message: (briefId, message) => this.receive(briefId, message),
      resync: () => this.resyncAll(),
    });
  }

  readonly hooks: RelayHooks = {
    roomLoading: (room) => this.roomLoading(room),
    roomLoaded: (room) => this.roomLoaded(room),
    committed: (room, updates) => this.committed(room, updates),
    awareness: (room, update) => this.relay.publish(room.briefId, { kind: 'awareness', update }),
    roomClosed: (room) => this.roomClosed(room),
    catchUp: async (room) => {
      const link = this.links.get(room.briefId);
      if (link) await this.repair(link);
    },
  };

  async start(): Promise<void> {
    await this.relay.start();
    const every = this.options.repairIntervalMs ?? DEFAULT_REPAIR_INTERVAL_MS;
    this.timer = setInterval(() => this.periodicRepair(), every);
    this.timer.unref();
  }

  /** Stops repairs and closes the relay; rooms have been closed (and their presence withdrawn) by then. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.links.values()].map((l) => l.repairing));
    await this.relay.close();
  }

  // ---- room lifecycle ----

  private async roomLoading(room: Room): Promise<void> {
    const link: Link = {
      room,
      held: [],
      repairWhenLoaded: false,
      repairing: null,
      repairAgain: false,
      remoteWrites: false,
    };
    this.links.set(room.briefId, link);
    try {
      // Subscribed before storage is read: nothing published during the load is missed.
      if (!(await this.relay.subscribe(room.briefId))) link.repairWhenLoaded = true;
    } catch (error) {
      // The relay promises not to reject; a load must never fail for it.
      this.logger.warn('relay subscribe failed', { brief: room.briefId, error });
      link.repairWhenLoaded = true;
    }
  }

  private roomLoaded(room: Room): void {
    const link = this.links.get(room.briefId);
    if (!link || link.room !== room) return;
    const held = link.held ?? [];
    link.held = null;
    for (const message of held) this.apply(link, message);
    if (link.repairWhenLoaded) {
      link.repairWhenLoaded = false;
      void this.repair(link);
    }
    // Learn who is present through other instances, without waiting for their renewals.
    this.relay.publish(room.briefId, { kind: 'query-awareness' });
  }

  private roomClosed(room: Room): void {
    const link = this.links.get(room.briefId);
    if (!link || link.room !== room) return;
    this.links.delete(room.briefId);
    // Shutdown or deletion with clients still here: withdraw their presence elsewhere now
    // rather than leave it to time out.
    const local = this.localStates(room);
    if (local.length > 0) {
      this.relay.publish(room.briefId, {
        kind: 'awareness',
        update: encodeAwarenessRemoval(local),
      });
    }
    this.relay.unsubscribe(room.briefId);
  }

  // ---- out ----

  private committed(room: Room, updates: readonly CommittedUpdate[]): void {
    if (updates.length === 0) return;
    let bytes = 0;
    for (const u of updates) bytes += u.update.byteLength;
    if (bytes > MAX_INLINE_BYTES) {
      // A pasted book does not go through Redis: receivers read it from storage.
      this.relay.publish(room.briefId, { kind: 'repair' });
      return;
    }
    this.relay.publish(room.briefId, {
      kind: 'updates',
      updates: updates.map((u) => ({
        seq: u.seq,
        data: u.update,
        user: { id: u.origin.user.id, name: u.origin.user.name },
      })),
    });
  }

  // ---- in ----

  private receive(briefId: BriefId, message: RelayMessage): void {
    const link = this.links.get(briefId);
    if (!link) return;
    if (link.held) {
      if (link.held.length < MAX_HELD) link.held.push(message);
      else link.repairWhenLoaded = true;
      return;
    }
    this.apply(link, message);
  }

  private apply(link: Link, message: RelayMessage): void {
    const { room } = link;
    if (room.status !== 'ready') return;
    switch (message.kind) {
      case 'updates':
        link.remoteWrites = true;
        for (const u of message.updates) {
          room.applyCommitted(u.data, new RemoteOrigin({ ...u.user, sessionId: null }));
        }
        return;
      case 'awareness':
        this.applyAwareness(room, message.update);
        return;
      case 'query-awareness': {
        const local = this.localStates(room).map((s) => s.clientId);
        if (local.length === 0) return;
        const update = awarenessProtocol.encodeAwarenessUpdate(room.awareness, local);
        this.relay.publish(room.briefId, { kind: 'awareness', update });
        return;
      }
      case 'repair':
        void this.repair(link);
        return;
      default: {
        const unreachable: never = message;
        throw new Error(`unhandled relay message ${JSON.stringify(unreachable)}`);
      }
    }
  }

  /**
   * Applies another instance's presence change, except for clients a local
   * connection speaks for: a client that moved here from that instance must
   * not have its presence removed by its old, dying connection there.
   */
  private applyAwareness(room: Room, update: Uint8Array): void {
    try {
      const claimed = new Set<number>();
      for (const connection of room.connections) {
        for (const id of connection.clientIds) claimed.add(id);
      }
      const kept = claimed.size
        ? filterAwarenessUpdate(update, (clientId) => !claimed.has(clientId))
        : update;
      if (kept)
        awarenessProtocol.applyAwarenessUpdate(room.awareness, kept, REMOTE_AWARENESS_ORIGIN);
    } catch (error) {
      this.logger.warn('relayed presence failed to apply; dropped', { brief: room.briefId, error });
    }
  }

  /** Presence states this instance's connections speak for, with their clocks. */
  private localStates(room: Room): Array<{ clientId: number; clock: number }> {
    const out: Array<{ clientId: number; clock: number }> = [];
    for (const connection of room.connections) {
      for (const clientId of connection.clientIds) {
        const meta = room.awareness.meta.get(clientId);
        if (meta && room.awareness.states.has(clientId)) out.push({ clientId, clock: meta.clock });
      }
    }
    return out;
  }

  // ---- gap repair ----

  /** The relay reconnected: every room may have missed messages. */
  private resyncAll(): void {
    for (const link of this.links.values()) {
      if (link.held) {
        // Still loading: its load may have read storage before the subscription took.
        link.repairWhenLoaded = true;
        continue;
      }
      void this.repair(link);
      this.relay.publish(link.room.briefId, { kind: 'query-awareness' });
    }
  }

  private periodicRepair(): void {
    for (const link of this.links.values()) {
      if (!link.remoteWrites || link.held) continue;
      link.remoteWrites = false;
      void this.repair(link);
    }
  }

  /** One repair per room at a time; a request during one runs another after it. */
  private repair(link: Link): Promise<void> {
    if (link.repairing) {
      link.repairAgain = true;
      return link.repairing;
    }
    link.repairing = (async () => {
      do {
        link.repairAgain = false;
        await this.repairOnce(link.room);
      } while (link.repairAgain && link.room.status === 'ready');
    })()
      .catch((error: unknown) => {
        // Storage is unreachable; the next trigger (interval, reconnect, request) tries again.
        link.remoteWrites = true;
        this.logger.warn('gap repair failed', { brief: link.room.briefId, error });
      })
      .finally(() => {
        link.repairing = null;
      });
    return link.repairing;
  }

  private async repairOnce(room: Room): Promise<void> {
    if (room.status !== 'ready') return;
    const missing = await this.options.storage.loadUpdatesAfter(room.briefId, room.storedSeq);
    if (room.status !== 'ready') return;
    const last = missing.updates.at(-1)?.seq ?? 0;
    if (missing.snapshot || missing.updates.length > 0) {
      // One transaction: local sockets get one frame with whatever was new, nothing if nothing was.
      const parts = missing.snapshot ? [missing.snapshot] : [];
      for (const u of missing.updates) parts.push(u.data);
      room.applyRepair(parts, new RemoteOrigin(REPAIR_USER));
    }
    room.storedSeq = Math.max(room.storedSeq, missing.snapshotSeq, last);
  }
}
