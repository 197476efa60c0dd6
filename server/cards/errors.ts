/** Why a source cannot be used; stable strings so callers can map them to messages or HTTP codes. */
export type SourceRejectReason =
  'empty' | 'binary' | 'invalid-encoding' | 'too-large' | 'unsupported-format';

/** Thrown by normaliseSource (and the CLI) for input that cannot be turned into text. */
export class SourceRejectedError extends Error {
  override readonly name = 'SourceRejectedError';
  readonly reason: SourceRejectReason;

  constructor(reason: SourceRejectReason, message: string) {
    super(message);
    this.reason = reason;
  }
}
