/**
 * The cross-instance relay: how instances sharing one database tell each
 * other, in real time, about updates they have committed and presence their
 * clients changed. A Relay is only the transport (Redis pub/sub in
 * production, see redis.ts); what the messages do to rooms is RoomRelay's
 * business (rooms.ts). Delivery is best effort: the database is the source of
 * truth, and RoomRelay repairs any gap from it.
 */
import type { BriefId } from '../../shared/briefId.ts';

/** An update another instance has committed, as it relays it. */
export interface RelayedUpdate {
  /** Its seq in the shared update log. */
  seq: number;
  data: Uint8Array;
  /** Who sent it: history attributes its deletions and Yjs client ids to them. */
  user: { id: string | null; name: string };
}

export type RelayMessage =
  /** Updates committed by the sender, in log order. */
  | { kind: 'updates'; updates: RelayedUpdate[] }
  /** A presence change by the sender's clients (an encoded y-protocols awareness update). */
  | { kind: 'awareness'; update: Uint8Array }
  /** "Send me your clients' presence": a room that just loaded, or reconnected. */
  | { kind: 'query-awareness' }
  /** "Read the brief's log from storage": the sender may have failed to relay something. */
  | { kind: 'repair' };

export interface RelayListener {
  /** Another instance's message about a brief this instance subscribed to. */
  message(briefId: BriefId, message: RelayMessage): void;
  /**
   * The relay (re)connected after being unreachable, so messages may have
   * been missed: every subscribed brief should repair from storage.
   */
  resync(): void;
}

export interface Relay {
  /** Carried by every message; an instance never receives its own messages. */
  readonly instanceId: string;
  /** Set once, before start. */
  setListener(listener: RelayListener): void;
  /**
   * Connects. Resolves even when the relay is unreachable: it keeps trying
   * in the background and calls `resync` when it gets through.
   */
  start(): Promise<void>;
  /**
   * Starts receiving the brief's messages. Resolves to true once subscribed;
   * to false, never rejecting, when that could not be confirmed (the relay is
   * down or slow), and then whatever is published meanwhile may be missed.
   */
  subscribe(briefId: BriefId): Promise<boolean>;
  unsubscribe(briefId: BriefId): void;
  /** Fire and forget; never throws. What cannot be sent is made up for by a repair request. */
  publish(briefId: BriefId, message: RelayMessage): void;
  /** Sends what is queued, then disconnects. */
  close(): Promise<void>;
}
