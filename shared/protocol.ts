/**
 * The wire protocol spoken on `/collab/<briefId>`: the y-websocket protocol
 * (y-protocols sync and awareness), so any y-websocket client can connect,
 * plus one opt-in message that only Briefdesk's own client asks for.
 */

/** Top-level message types: the first varint of every binary frame. */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  /**
   * Server → client, only when the client connected with `?acks=1`: the state
   * vector of the server's *committed* document after it stored updates this
   * connection sent, then (a varuint) how many of this connection's non-empty
   * sync step 2 and update messages it has stored. The client compares the
   * state vector with its own to show "All changes saved" from fact rather
   * than from a guess; the count says whether a change that only deletes (it
   * moves no state vector) is among them. Plain y-websocket clients never ask
   * for it and never receive it.
   */
  SavedState: 100,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Sub-types of a Sync message (y-protocols/sync). */
export const SyncMessageType = {
  Step1: 0,
  Step2: 1,
  Update: 2,
} as const;

/** Query parameter by which Briefdesk's client opts in to SavedState messages. */
export const ACKS_PARAM = 'acks';

export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
