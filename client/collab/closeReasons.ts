import { CloseCode, closeCodeName, type CloseCodeName } from '../../shared/closeCodes.ts';

export interface CloseInfo {
  code: number;
  reason: string;
}

/** True when the server said reconnecting cannot help; unknown codes are worth retrying. */
export function isTerminalClose(code: number): boolean {
  const name = closeCodeName(code);
  return name !== undefined && !CloseCode[name].retry;
}

const MESSAGES: Partial<Record<CloseCodeName, string>> = {
  BriefNotFound: 'This brief was deleted',
  BriefTrashed: 'This brief was moved to the trash',
  Unauthorized: 'You were signed out',
  Forbidden: 'You no longer have access to this brief',
  OriginRejected: 'This page isn’t allowed to connect — open Briefdesk from its own address',
  InvalidBriefId: 'This link doesn’t point to a brief',
  FrameTooLarge: 'A change was too large to save — copy your latest text and reload',
  MalformedFrame: 'The connection broke in a way that needs a reload',
  UnknownMessageType: 'This version of Briefdesk is out of date — reload the page',
  TextFrame: 'The connection broke in a way that needs a reload',
};

/** What to tell a person when the server closed for good. */
export function closeMessage({ code, reason }: CloseInfo): string {
  const name = closeCodeName(code);
  const known = name ? MESSAGES[name] : undefined;
  if (known) return known;
  return reason ? `Disconnected: ${reason}` : `Disconnected (code ${code})`;
}
