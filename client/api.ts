import {
  CSRF_HEADER,
  EMPTY_TRASH_MAX_BRIEFS,
  type BriefResponse,
  type BriefSummary,
  type CreateBriefRequest,
  type EmptyTrashRequest,
  type EmptyTrashResponse,
  type ErrorBody,
  type ErrorCode,
  type ListBriefsResponse,
  type ListTrashResponse,
  type TrashedBriefSummary,
  type UpdateBriefRequest,
} from '../shared/api.ts';
import type { BriefId } from '../shared/briefId.ts';

/** Codes the client adds for failures that never reached a JSON error body. */
export type ClientErrorCode = 'network' | 'unexpected_response';

/**
 * Every failed API call rejects with this, so callers can branch on `code`
 * (e.g. `not_found`) instead of parsing messages.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    /** Seconds to wait, from a 429's Retry-After; null when the server gave none. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }

  get isNetworkError(): boolean {
    return this.code === 'network';
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Any rejection as an ApiError, so state unions carry one error type. */
export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'unexpected_response', String(error));
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

function retryAfterSeconds(response: Response): number | null {
  const raw = response.headers.get('retry-after');
  if (!raw) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  // Retry-After may also be an HTTP date.
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/**
 * Told when any call finds the session gone (401), so the app can show the
 * sign-in page wherever the person is. The session routes answer 401 as part
 * of their normal work (not signed in yet, wrong password) and are left out.
 */
let unauthorizedHandler: (() => void) | null = null;

export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function request<T>(
  method: Method,
  path: string,
  options: { body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  // The browser's Origin header already satisfies the server's CSRF check; the
  // marker header also covers browsers or proxies that drop Origin.
  if (method !== 'GET') headers[CSRF_HEADER] = '1';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      signal: options.signal,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (error) {
    // Aborts are the caller's own doing; let them through untouched.
    if (isAbortError(error)) throw error;
    throw new ApiError(0, 'network', 'Can’t reach Briefdesk. Check your connection and try again.');
  }

  if (response.status === 401 && !path.startsWith('/api/session')) unauthorizedHandler?.();
  if (response.status === 204) return undefined as T;

  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    payload = undefined;
  }

  if (!response.ok) {
    const retryAfter = response.status === 429 ? retryAfterSeconds(response) : null;
    if (isErrorBody(payload)) {
      throw new ApiError(response.status, payload.error.code, payload.error.message, retryAfter);
    }
    throw new ApiError(
      response.status,
      'unexpected_response',
      `The server answered ${response.status} ${response.statusText}.`.trim(),
      retryAfter,
    );
  }
  if (payload === undefined) {
    throw new ApiError(response.status, 'unexpected_response', 'The server sent an empty answer.');
  }
  return payload as T;
}

export async function listBriefs(query: string, signal?: AbortSignal): Promise<BriefSummary[]> {
  const q = query.trim();
  const path = q ? `/api/briefs?${new URLSearchParams({ q })}` : '/api/briefs';
  const { briefs } = await request<ListBriefsResponse>('GET', path, { signal });
  return briefs;
}

export async function createBrief(body: CreateBriefRequest = {}): Promise<BriefSummary> {
  return (await request<BriefResponse>('POST', '/api/briefs', { body })).brief;
}

export async function getBrief(id: BriefId, signal?: AbortSignal): Promise<BriefSummary> {
  return (await request<BriefResponse>('GET', `/api/briefs/${id}`, { signal })).brief;
}

export async function renameBrief(id: BriefId, title: string): Promise<BriefSummary> {
  const body: UpdateBriefRequest = { title };
  return (await request<BriefResponse>('PATCH', `/api/briefs/${id}`, { body })).brief;
}

/** Deleting a brief moves it to the trash, from where its owner can restore it. */
export async function trashBrief(id: BriefId): Promise<void> {
  await request<void>('DELETE', `/api/briefs/${id}`);
}

export async function listTrash(signal?: AbortSignal): Promise<TrashedBriefSummary[]> {
  return (await request<ListTrashResponse>('GET', '/api/trash', { signal })).briefs;
}

export async function restoreBrief(id: BriefId): Promise<BriefSummary> {
  return (await request<BriefResponse>('POST', `/api/briefs/${id}/restore`)).brief;
}

/** Deletes a brief in the trash for good. */
/**
 * Deletes for good the trashed briefs named (those the trash page shows), in
 * requests of at most EMPTY_TRASH_MAX_BRIEFS; says which went and which were skipped.
 */
export async function emptyTrash(ids: readonly BriefId[]): Promise<EmptyTrashResponse> {
  const out: EmptyTrashResponse = { deleted: [], skipped: [] };
  for (let i = 0; i < ids.length; i += EMPTY_TRASH_MAX_BRIEFS) {
    const body: EmptyTrashRequest = { ids: ids.slice(i, i + EMPTY_TRASH_MAX_BRIEFS) };
    const part = await request<EmptyTrashResponse>('POST', '/api/trash/empty', { body });
    out.deleted.push(...part.deleted);
    out.skipped.push(...part.skipped);
  }
  return out;
}

export async function deleteForever(id: BriefId): Promise<void> {
  await request<void>('DELETE', `/api/trash/${id}`);
}
