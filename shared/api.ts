/**
 * Types of the JSON API under `/api/`. Both sides import them, so a field
 * renamed on the server fails the client's typecheck rather than at run time.
 */
import type { BriefId } from './briefId.ts';
import type { BriefRole, MemberRole, OrgRole } from './roles.ts';

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
  /** The brief is in the trash (410); its owner can restore it. */
  | 'trashed'
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited'
  | 'csrf'
  | 'busy'
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
  /**
   * The caller's role on this brief. Admins act as owners of every brief, so
   * compare `owner` with the caller to tell an owner from an admin.
   */
  role: BriefRole;
  /** Who owns the brief; null only if the owner's account is gone. */
  owner: UserSummary | null;
}

/** A person as others see them (share dialog, presence, history). */
export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
}

/** A person as they and admins see them. */
export interface AccountSummary extends UserSummary {
  role: OrgRole;
  disabled: boolean;
  createdAt: string;
}

/** GET/POST /api/session */
export interface SessionResponse {
  user: AccountSummary;
}
/** POST /api/session */
export interface LoginRequest {
  username: string;
  password: string;
}

/** GET /api/users: admins get accounts, everyone else the directory of active users. */
export interface ListUsersResponse {
  users: Array<UserSummary | AccountSummary>;
}
/** POST /api/users (admin). Without a password one is generated and returned once. */
export interface CreateUserRequest {
  username: string;
  displayName: string;
  role: OrgRole;
  password?: string;
}
export interface CreateUserResponse {
  user: AccountSummary;
  generatedPassword: string | null;
}
/** PATCH /api/users/:id (admin). */
export interface UpdateUserRequest {
  displayName?: string;
  role?: OrgRole;
  disabled?: boolean;
  password?: string;
}

export interface MemberSummary {
  user: UserSummary;
  role: 'owner' | MemberRole;
}
/** GET /api/briefs/:id/members */
export interface ListMembersResponse {
  members: MemberSummary[];
}
/** PUT /api/briefs/:id/members/:userId */
export interface SetMemberRequest {
  role: MemberRole;
}

/**
 * POST /api/briefs/:id/owner, for the owner or an admin: `userId` becomes the
 * owner and the previous owner an editor. Answers with the new member list.
 */
export interface TransferOwnershipRequest {
  userId: string;
}
export type TransferOwnershipResponse = ListMembersResponse;

/** Where the brief an audit entry names is now. */
export type AuditBriefState = 'live' | 'trashed' | 'deleted';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string | null;
  action: string;
  briefId: string | null;
  /**
   * The brief's current title; once it is deleted for good, the title the
   * entry recorded (detail.title), if any. Null when the entry names no brief
   * or no title is known.
   */
  briefTitle: string | null;
  /** Null when the entry names no brief. */
  briefState: AuditBriefState | null;
  detail: Record<string, unknown> | null;
}
/** GET /api/audit?before=<id>&limit=<n> (admin) */
export interface AuditResponse {
  entries: AuditEntry[];
}

/** GET /api/briefs?q=<title search> */
export interface ListBriefsResponse {
  briefs: BriefSummary[];
}

/** How long a brief stays in the trash before it is deleted for good. */
export const TRASH_RETENTION_DAYS = 30;

/** A brief in the trash, from GET /api/trash. */
export interface TrashedBriefSummary extends BriefSummary {
  /** ISO 8601: when it was moved to the trash, and when it will be deleted for good. */
  trashedAt: string;
  purgeAt: string;
  /** Display name of whoever moved it there. */
  trashedBy: string | null;
}

/** GET /api/trash: the trashed briefs the caller may restore or delete for good. */
export interface ListTrashResponse {
  briefs: TrashedBriefSummary[];
}

/** POST /api/trash/empty: deletes for good the briefs named, as shown to the caller. */
export interface EmptyTrashRequest {
  ids: BriefId[];
}
/** The briefs deleted, and those skipped (restored or deleted meanwhile, or not the caller's). */
export interface EmptyTrashResponse {
  deleted: BriefId[];
  skipped: BriefId[];
}
/** The most briefs one emptying of the trash may name. */
export const EMPTY_TRASH_MAX_BRIEFS = 1000;

/** POST /api/briefs */
export interface CreateBriefRequest {
  title?: string;
}
/** PATCH /api/briefs/:id */
export interface UpdateBriefRequest {
  title?: string;
  marking?: string;
}
/** A brief with its settings, from GET and PATCH /api/briefs/:id. */
export interface BriefDetail extends BriefSummary {
  /** The marking printed at the top and bottom of every exported page. */
  marking: string;
}

/** POST, PATCH and GET /api/briefs/:id */
export interface BriefResponse {
  brief: BriefSummary | BriefDetail;
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
 * WebSocket URL. Signed-in connections are named by their account instead;
 * the parameter is only used by anonymous protocol clients where the server
 * allows them (tests of the bare protocol).
 */
export const NAME_PARAM = 'name';

/** Header an API client without an Origin header may send to mark a deliberate request. */
export const CSRF_HEADER = 'x-briefdesk-request';

/** A person as history shows them: name and the colour their changes are drawn in. */
export interface AuthorSummary {
  id: string;
  displayName: string;
  color: string;
}

export interface RevisionSummary {
  id: number;
  createdAt: string;
  kind: 'auto' | 'named' | 'restore';
  /**
   * Set for named versions, and for restores made before `restoredFrom` (their
   * name is fixed text, with a UTC time when the version restored was unnamed).
   */
  name: string | null;
  /**
   * A restore's source: the client names it "Restored from <its name, or its
   * time in the reader's time zone> by <createdBy>".
   */
  restoredFrom: { id: number; createdAt: string; name: string | null } | null;
  /** Who saved a named version or made a restore; null otherwise, or once their account is gone. */
  createdBy: AuthorSummary | null;
  /** Everyone who changed something since the previous revision. */
  authors: AuthorSummary[];
  wordsAdded: number;
  wordsRemoved: number;
  /** Some text or block was formatted differently (always false for revisions from before this was recorded). */
  formattingChanged: boolean;
}

export interface ApprovalStatus {
  /** 'approved' while the text is unchanged since the approved version. */
  state: 'none' | 'approved' | 'changed';
  revisionId: number | null;
  approver: AuthorSummary | null;
  approvedAt: string | null;
}

/** GET /api/briefs/:id/revisions */
export interface ListRevisionsResponse {
  revisions: RevisionSummary[];
  approval: ApprovalStatus;
}
/** GET /api/briefs/:id/revisions/:rev — content as ProseMirror JSON */
export interface RevisionResponse {
  revision: RevisionSummary;
  content: unknown;
}
/** POST /api/briefs/:id/revisions */
export interface CreateRevisionRequest {
  name: string;
}
/**
 * GET /api/briefs/:id/compare?from=<rev>&to=<rev|current> — the later
 * content with `ychange` marks ({ type: 'added' | 'removed' | 'formatted', user })
 * on changed text (`formatted`: the same text, formatted differently) and
 * `ychange` attributes on added or removed blocks.
 */
export interface CompareResponse {
  doc: unknown;
  authors: AuthorSummary[];
}

/** Largest source file accepted by default. */
export const DEFAULT_MAX_SOURCE_BYTES = 2 * 1024 * 1024;

export interface SourceSummary {
  id: string;
  title: string;
  filename: string | null;
  format: 'text' | 'markdown' | 'html';
  /** Characters of normalised text. */
  chars: number;
  createdAt: string;
  addedBy: string | null;
  /** Part of the sample pack loaded on first start. */
  sample: boolean;
}
/** GET /api/sources/:id — a source and its text as read (normalised), for reading and citing. */
export interface SourceTextResponse {
  source: SourceSummary;
  text: string;
}
/** GET /api/sources */
export interface ListSourcesResponse {
  sources: SourceSummary[];
}
/** POST /api/sources: 201 when new, 200 when the same text was already there. */
export interface AddSourceRequest {
  filename: string;
  content: string;
  title?: string;
}
export interface AddSourceResponse {
  source: SourceSummary;
  created: boolean;
}
