/**
 * Who may do what. Organisation roles say what a person is in the shop;
 * brief roles say what they may do with one brief. The server enforces this
 * table; the client reads the same table only to hide what would be refused.
 */

export const ORG_ROLES = ['admin', 'manager', 'staff'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

/** Roles a member can be given on a brief. */
export const MEMBER_ROLES = ['editor', 'reviewer', 'viewer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** A person's effective role on a brief: membership, ownership, or admin. */
export type BriefRole = 'owner' | MemberRole;

export type BriefAction =
  | 'read' // open the brief, see its current text and title
  | 'edit' // change text and title
  | 'history' // see revisions and compare them
  | 'restore' // restore an old revision
  | 'approve' // approve a revision
  | 'export' // export a PDF (of the current version; old versions need 'history')
  | 'share' // manage members
  | 'delete'; // delete the brief

const ALLOWED: Record<BriefRole, readonly BriefAction[]> = {
  owner: ['read', 'edit', 'history', 'restore', 'approve', 'export', 'share', 'delete'],
  editor: ['read', 'edit', 'history', 'restore', 'export'],
  reviewer: ['read', 'history', 'approve', 'export'],
  viewer: ['read', 'export'],
};

export function can(role: BriefRole | null, action: BriefAction): boolean {
  return role !== null && ALLOWED[role].includes(action);
}

/** Whether text changes from this role are applied. */
export function canWrite(role: BriefRole | null): boolean {
  return can(role, 'edit');
}

export function isOrgRole(value: unknown): value is OrgRole {
  return typeof value === 'string' && (ORG_ROLES as readonly string[]).includes(value);
}

export function isMemberRole(value: unknown): value is MemberRole {
  return typeof value === 'string' && (MEMBER_ROLES as readonly string[]).includes(value);
}

/**
 * Admins act as owners of every brief; everyone else has the role the brief
 * gives them, or none.
 */
export function effectiveBriefRole(input: {
  orgRole: OrgRole;
  isOwner: boolean;
  memberRole: MemberRole | null;
}): BriefRole | null {
  if (input.orgRole === 'admin' || input.isOwner) return 'owner';
  return input.memberRole;
}
