/**
 * Every WebSocket close code the collaboration server sends, with a name, the
 * reason text (sent as the close reason, at most 123 bytes) and whether a client
 * should try again. Client and server both read this table, so a code never
 * means one thing on one side and another on the other.
 *
 * 40xx: the client broke the protocol. 44xx: access, mirroring HTTP statuses.
 * 45xx: the server could not serve. 10xx: standard codes.
 */

export interface CloseCodeInfo {
  readonly code: number;
  readonly reason: string;
  /** False when reconnecting cannot help (the request itself is wrong). */
  readonly retry: boolean;
}

export const CloseCode = {
  /** A frame above the configured size limit. Standard code 1009. */
  FrameTooLarge: { code: 1009, reason: 'frame too large', retry: false },
  InternalError: { code: 1011, reason: 'internal error', retry: true },
  /** SIGTERM: the server is going away; reconnect, probably to another instance. */
  ServerRestarting: { code: 1012, reason: 'server restarting', retry: true },
  /** Undecodable frame: truncated, garbage, overflowing varint or length prefix. */
  MalformedFrame: { code: 4000, reason: 'malformed frame', retry: false },
  UnknownMessageType: { code: 4001, reason: 'unknown message type', retry: false },
  TextFrame: { code: 4002, reason: 'text frames are not part of the protocol', retry: false },
  /** More awareness entries, or a larger state, than one connection plausibly needs. */
  AwarenessRejected: { code: 4003, reason: 'awareness update rejected', retry: false },
  InvalidBriefId: { code: 4004, reason: 'invalid brief id', retry: false },
  /** The client read too slowly and the server's send buffer for it filled up. */
  SlowConsumer: { code: 4008, reason: 'client too slow to keep up', retry: true },
  RateLimited: { code: 4029, reason: 'too many messages', retry: true },
  /** No valid session: signed out, expired, revoked, or the account was disabled. */
  Unauthorized: { code: 4401, reason: 'sign in to open this brief', retry: false },
  /** Signed in, but not a member of this brief (or no longer). */
  Forbidden: { code: 4403, reason: 'you do not have access to this brief', retry: false },
  BriefNotFound: { code: 4404, reason: 'brief not found or deleted', retry: false },
  /** Moved to the trash: nobody edits it until its owner restores it. */
  BriefTrashed: { code: 4410, reason: 'brief moved to the trash', retry: false },
  /** The upgrade came from a page on another origin. */
  OriginRejected: { code: 4405, reason: 'connection from another site refused', retry: false },
  LoadFailed: { code: 4503, reason: 'brief could not be loaded', retry: true },
} as const satisfies Record<string, CloseCodeInfo>;

export type CloseCodeName = keyof typeof CloseCode;

const byCode = new Map<number, CloseCodeName>(
  (Object.keys(CloseCode) as CloseCodeName[]).map((name) => [CloseCode[name].code, name]),
);

export function closeCodeName(code: number): CloseCodeName | undefined {
  return byCode.get(code);
}
