import type {
  BriefResponse,
  BriefSummary,
  CreateBriefRequest,
  ErrorBody,
  ErrorCode,
  ListBriefsResponse,
  UpdateBriefRequest,
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

async function request<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  options: { body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      signal: options.signal,
      headers: options.body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (error) {
    // Aborts are the caller's own doing; let them through untouched.
    if (isAbortError(error)) throw error;
    throw new ApiError(0, 'network', 'Can’t reach Briefdesk. Check your connection and try again.');
  }

  if (response.status === 204) return undefined as T;

  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    payload = undefined;
  }

  if (!response.ok) {
    if (isErrorBody(payload)) {
      throw new ApiError(response.status, payload.error.code, payload.error.message);
    }
    throw new ApiError(
      response.status,
      'unexpected_response',
      `The server answered ${response.status} ${response.statusText}.`.trim(),
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

export async function deleteBrief(id: BriefId): Promise<void> {
  await request<void>('DELETE', `/api/briefs/${id}`);
}
