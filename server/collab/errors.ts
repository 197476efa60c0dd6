import { CloseCode, type CloseCodeName } from '../../shared/closeCodes.ts';

/**
 * A frame or request that breaks the protocol. It carries the close code the
 * offending connection is closed with; nothing of the frame has been applied
 * when it is thrown.
 */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    readonly closeCode: CloseCodeName,
    detail: string,
  ) {
    super(`${CloseCode[closeCode].reason}: ${detail}`);
  }
}

export class BriefNotFoundError extends Error {
  override readonly name = 'BriefNotFoundError';
}

/** A compaction's merge failed, ran past its time or lost its worker. The brief's log is intact. */
export class CompactionError extends Error {
  override readonly name = 'CompactionError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
