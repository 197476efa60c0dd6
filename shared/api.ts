/**
 * Types of the JSON API under `/api/`. Both sides import them, so a field
 * renamed on the server fails the client's typecheck rather than at run time.
 */
import type { BriefId } from './briefId.ts';

/** Every error response has this body, whatever the status. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export type ErrorCode =
  | 'bad_request'
  | 'invalid_json'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'internal';

export const BRIEF_TITLE_MAX_LENGTH = 200;
export const DISPLAY_NAME_MAX_LENGTH = 60;

export interface BriefSummary {
  id: BriefId;
  title: string;
  /** ISO 8601 timestamps. */
  createdAt: string;
  updatedAt: string;
  /** Display name of whoever last changed the text or title; null for a new brief. */
  updatedBy: string | null;
}

/** GET /api/briefs?q=<title search> */
export interface ListBriefsResponse {
  briefs: BriefSummary[];
}

/** POST /api/briefs */
export interface CreateBriefRequest {
  title?: string;
}
/** PATCH /api/briefs/:id */
export interface UpdateBriefRequest {
  title: string;
}
/** POST, PATCH and GET /api/briefs/:id */
export interface BriefResponse {
  brief: BriefSummary;
}

/** GET /api/health */
export interface HealthResponse {
  ok: true;
}

/**
 * Who is editing, as it appears in Yjs awareness under the `user` field, the
 * field TipTap's collaboration caret reads.
 */
export interface PresenceUser {
  name: string;
  color: string;
}

/**
 * The display name a connection claims, sent as a query parameter of the
 * WebSocket URL until accounts exist; the server records it as the author
 * of that connection's edits.
 */
export const NAME_PARAM = 'name';
