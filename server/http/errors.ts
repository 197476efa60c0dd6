import type { ErrorCode } from '../../shared/api.ts';

/** An error with an HTTP status and a code the client can branch on. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new HttpError(400, 'bad_request', message);
export const notFound = (message = 'Not found.') => new HttpError(404, 'not_found', message);
