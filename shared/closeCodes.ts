/**
 * Every WebSocket close code the collaboration server sends, with a name, the
 * reason text (sent as the close reason, at most 123 bytes) and whether a client
 * should try again. Client and server both read this table, so a code never
 * means one thing on one side and another on the other.
 */

export interface CloseCodeInfo {
  readonly code: number;
  readonly reason: string;
  /** False when reconnecting cannot help (the request itself is wrong). */
  readonly retry: boolean;
}

export const CloseCode = {
  /** SIGTERM: the server is going away; reconnect, probably to another instance. */
  ServerRestarting: { code: 1012, reason: 'server restarting', retry: true },
  /** A frame above the configured size limit. Standard code 1009. */
  FrameTooLarge: { code: 1009, reason: 'frame too large', retry: false },
  InternalError: { code: 1011, reason: 'internal error', retry: true },
  /** Undecodable frame: truncated, garbage, overflowing varint or length prefix. */
  MalformedFrame: { code: 4400, reason: 'malformed frame', retry: false },
  UnknownMessageType: { code: 4401, reason: 'unknown message type', retry: false },
  TextFrame: { code: 4402, reason: 'text frames are not part of the protocol', retry: false },
  InvalidBriefId: { code: 4404, reason: 'invalid brief id', retry: false },
  BriefNotFound: { code: 4410, reason: 'brief not found or deleted', retry: false },
  RateLimited: { code: 4429, reason: 'too many messages', retry: true },
  /** The client read too slowly and the server's send buffer for it filled up. */
  SlowConsumer: { code: 4408, reason: 'client too slow to keep up', retry: true },
  /** More client ids in awareness than one connection plausibly needs. */
  AwarenessRejected: { code: 4403, reason: 'awareness update rejected', retry: false },
  LoadFailed: { code: 4503, reason: 'brief could not be loaded', retry: true },
} as const satisfies Record<string, CloseCodeInfo>;

export type CloseCodeName = keyof typeof CloseCode;

const byCode = new Map<number, CloseCodeName>(
  (Object.keys(CloseCode) as CloseCodeName[]).map((name) => [CloseCode[name].code, name]),
);

export function closeCodeName(code: number): CloseCodeName | undefined {
  return byCode.get(code);
}
