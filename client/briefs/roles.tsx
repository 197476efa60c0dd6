import type { BriefSummary } from '../../shared/api.ts';
import type { BriefRole, MemberRole } from '../../shared/roles.ts';
import { IconEye } from '../ui/icons.tsx';

export const BRIEF_ROLE_LABELS: Record<BriefRole, string> = {
  owner: 'Owner',
  editor: 'Editor',
  reviewer: 'Reviewer',
  viewer: 'Viewer',
};

/** What each role a member can be given allows, in the words of the share dialog. */
export const MEMBER_ROLE_HINTS: Record<MemberRole, string> = {
  editor: 'Can edit the text and title',
  reviewer: 'Can read, see history and approve',
  viewer: 'Can read',
};

/**
 * Whether the caller manages this brief as an admin rather than owning it:
 * admins get the owner's role on every brief, and a list that called each of
 * them "Owner" would say they own what others wrote.
 */
export function managesAsAdmin(brief: BriefSummary, accountId: string): boolean {
  return brief.role === 'owner' && brief.owner !== null && brief.owner.id !== accountId;
}

/** The caller's role on a brief, as a small label in lists. */
export function RoleBadge({ role, asAdmin = false }: { role: BriefRole; asAdmin?: boolean }) {
  const shown = asAdmin ? 'admin' : role;
  return (
    <span
      className={`role-badge role-badge--${shown}`}
      data-role={shown}
      title={asAdmin ? 'You can do everything its owner can, as an admin' : undefined}
    >
      <span className="sr-only">Your role: </span>
      {asAdmin ? 'Admin' : BRIEF_ROLE_LABELS[role]}
    </span>
  );
}

/** "Owned by Dana Reyes", for a brief the caller does not own; null for their own. */
export function ownedBy(brief: BriefSummary, accountId: string): string | null {
  if (!brief.owner || brief.owner.id === accountId) return null;
  return `Owned by ${brief.owner.displayName}`;
}

const READ_ONLY_TEXT: Partial<Record<BriefRole, { label: string; hint: string }>> = {
  viewer: {
    label: 'View only',
    hint: 'You can read this brief. Ask its owner if you need to edit it.',
  },
  reviewer: {
    label: 'Reviewing — read only',
    hint: 'You can read and review this brief, not change its text. Ask its owner if you need to edit it.',
  },
};

/** Said next to the title when the person may not change the brief. */
export function ReadOnlyBadge({ role }: { role: BriefRole }) {
  const text = READ_ONLY_TEXT[role];
  if (!text) return null;
  return (
    <span className="readonly-badge" data-testid="read-only-badge" title={text.hint}>
      <IconEye size={15} />
      <span className="readonly-badge__label">{text.label}</span>
      <span className="sr-only">. {text.hint}</span>
    </span>
  );
}
