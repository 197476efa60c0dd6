/**
 * One WebSocket on one brief. It turns frames into decoded messages, holds
 * them until the room has loaded (so nobody is offered sync step 1 of a
 * half-loaded document), and enforces the per-connection limits.
 */
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { CloseCode, type CloseCodeName } from '../../shared/closeCodes.ts';
import type { BriefId } from '../../shared/briefId.ts';
import { canWrite, type BriefRole } from '../../shared/roles.ts';
import type { Logger } from '../logger.ts';
import type { ClientMessage } from './messages.ts';
import { wireHeader, wireHeaderBytes } from './wireFrame.ts';

/** Who is on the other end, as established when the socket was admitted. */
export interface ConnectionUser {
  /** Null only for servers built without accounts (protocol tests, benchmarks' peers). */
  id: string | null;
  sessionId: string | null;
  name: string;
}

/** Messages a connection may queue while its room loads; a client sends a handful. */
const MAX_QUEUED_WHILE_LOADING = 1000;

let nextConnectionId = 1;

export class Connection {
  readonly id = nextConnectionId++;
  /** Yjs client ids whose presence this connection controls. */
  readonly clientIds = new Set<number>();
  /** Set by pong, cleared by each heartbeat ping. */
  alive = true;
  closed = false;
  /** Updates dropped because the role may not write; logged in aggregate. */
  droppedWrites = 0;
  /**
   * Non-empty updates (sync step 2 or update messages) from this connection
   * that storage has committed, in the order sent. Acknowledgements carry it
   * so the client can tell which of its messages a SavedState covers.
   */
  storedUpdates = 0;
  private queued: ClientMessage[] | null = [];
  private corkedSocket: Socket | null = null;
  private tokens: number;
  private lastRefill: number;

  constructor(
    readonly ws: WebSocket,
    readonly briefId: BriefId,
    readonly user: ConnectionUser,
    /** Changes while connected when someone's access changes. */
    public role: BriefRole,
    readonly wantsAcks: boolean,
    private readonly limits: {
      maxBufferedBytes: number;
      awarenessPerSecond: number;
      awarenessBurst: number;
    },
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = limits.awarenessBurst;
    this.lastRefill = now();
  }

  get canWrite(): boolean {
    return canWrite(this.role);
  }

  send(frame: Uint8Array): void {
    if (this.canSend()) this.ws.send(frame, { binary: true });
  }

  /**
   * Sends a frame built by `wireFrame`, shared by every recipient of a relay,
   * straight to the socket. Safe beside ws's own sends: without compression
   * ws writes each frame synchronously, so frames never interleave.
   */
  sendWire(wire: Buffer): void {
    if (!this.canSend()) return;
    const socket = this.socket();
    if (socket) socket.write(wire);
    else this.ws.send(wire.subarray(wireHeaderBytes(wire)), { binary: true });
  }

  /**
   * Sends one message given in parts (a header and a large body) without
   * concatenating them: a first sync of a big brief is tens of megabytes, and
   * each copy of it costs as much as encoding it.
   */
  sendParts(parts: readonly Uint8Array[]): void {
    if (!this.canSend()) return;
    const socket = this.socket();
    if (!socket) {
      this.ws.send(Buffer.concat(parts), { binary: true });
      return;
    }
    socket.cork();
    socket.write(wireHeader(parts.reduce((n, p) => n + p.byteLength, 0)));
    for (const part of parts) socket.write(part);
    socket.uncork();
  }

  /**
   * Holds this connection's outgoing frames in its socket until `uncork`, so
   * that everything a commit batch relays to it leaves in one write (ws
   * itself corks the socket around every frame, and corks nest).
   */
  cork(): boolean {
    const socket = this.socket();
    if (this.closed || !socket) return false;
    socket.cork();
    this.corkedSocket = socket;
    return true;
  }

  /**
   * Whether a frame may be queued now. A client so far behind that its unsent
   * frames pass the limit is disconnected (it reconnects and syncs afresh)
   * rather than buffered without bound.
   */
  private canSend(): boolean {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return false;
    if (this.ws.bufferedAmount <= this.limits.maxBufferedBytes) return true;
    this.close('SlowConsumer', `${this.ws.bufferedAmount} bytes unsent`);
    return false;
  }

  /**
   * ws keeps its socket in `_socket` and has no public way to reach it; both
   * uses (shared frames, corking) degrade to ws's own sends without it.
   */
  private socket(): Socket | null {
    const socket = (this.ws as unknown as { _socket?: Socket })._socket;
    return socket && !socket.destroyed ? socket : null;
  }

  uncork(): void {
    this.corkedSocket?.uncork();
    this.corkedSocket = null;
  }

  close(name: CloseCodeName, detail: string): void {
    if (this.closed) return;
    this.closed = true;
    const info = CloseCode[name];
    const level = name === 'ServerRestarting' ? 'info' : 'warn';
    this.logger[level]('closing connection', {
      code: info.code,
      reason: name,
      detail,
      brief: this.briefId,
      connection: this.id,
      user: this.user.name,
    });
    this.ws.close(info.code, info.reason);
  }

  /** While the room loads, messages wait here; returns false when they must wait. */
  hold(message: ClientMessage): boolean {
    if (this.queued === null) return false;
    if (this.queued.length >= MAX_QUEUED_WHILE_LOADING) {
      this.close('RateLimited', 'too many messages while the brief loads');
      return true;
    }
    this.queued.push(message);
    return true;
  }

  /** The room is ready: hand over what was held and stop holding. */
  release(): ClientMessage[] {
    const held = this.queued ?? [];
    this.queued = null;
    return held;
  }

  /** Token bucket for awareness messages: presence floods must not starve a room. */
  takeAwarenessToken(): boolean {
    const now = this.now();
    const refill = ((now - this.lastRefill) / 1000) * this.limits.awarenessPerSecond;
    this.tokens = Math.min(this.limits.awarenessBurst, this.tokens + refill);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
