/** Raised when a PDF cannot be produced at all (never for odd document content). */
export class ExportError extends Error {
  override readonly name = 'ExportError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
