import type { AuditEntry } from '../../shared/api.ts';
import { fold } from '../../shared/text.ts';

const ACTION_LABELS: Record<string, string> = {
  login: 'Signed in',
  'login.failed': 'Failed sign-in',
  logout: 'Signed out',
  'user.created': 'Added user',
  'user.updated': 'Changed user',
  'user.disabled': 'Disabled user',
  'user.enabled': 'Enabled user',
  'user.password_reset': 'Reset password',
  'user.password_changed': 'Changed own password',
  'user.password_change_failed': 'Wrong current password',
  'member.added': 'Shared brief',
  'member.changed': 'Changed access',
  'member.removed': 'Removed access',
  'brief.ownership_transferred': 'Transferred ownership',
  'brief.trashed': 'Moved brief to trash',
  'brief.restored': 'Restored brief from trash',
  'brief.deleted': 'Deleted brief for good',
  'brief.renamed': 'Renamed brief',
  'brief.marking_changed': 'Changed marking',
};

/** A readable label; actions added later on the server show as their code until named here. */
export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action.replace(/[._]/g, ' ');
}

/** Red for what an admin should notice at a glance. */
export function actionTone(action: string): 'danger' | 'neutral' {
  return action === 'login.failed' ||
    action === 'user.password_change_failed' ||
    action === 'user.disabled' ||
    action === 'brief.deleted'
    ? 'danger'
    : 'neutral';
}

const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);
const quoted = (value: string | null): string | null => value && `“${value}”`;
/** "from → to", each part as `show` renders it; "?" for a part not recorded. */
const change = (d: Record<string, unknown>, show: (v: string | null) => string | null = str) =>
  `${show(str(d.from)) ?? '?'} → ${show(str(d.to)) ?? '?'}`;

/** "@dana" for a recorded { userId, username }, null for anything else. */
const handle = (value: unknown): string | null => {
  if (typeof value !== 'object' || value === null) return null;
  const username = str((value as Record<string, unknown>).username);
  return username && `@${username}`;
};

/** One line about what the entry changed, from its free-form detail. */
export function describeDetail(entry: AuditEntry): string {
  const d = entry.detail ?? {};
  const who = str(d.username) ? `@${str(d.username)}` : null;
  switch (entry.action) {
    case 'login':
      return str(d.address) ? `from ${str(d.address)}` : '';
    case 'login.failed':
      return [str(d.reason), str(d.address) && `from ${str(d.address)}`].filter(Boolean).join(', ');
    case 'member.added':
      return [who, str(d.to) && `as ${str(d.to)}`].filter(Boolean).join(' ');
    case 'member.changed':
      return `${who ?? ''}: ${change(d)}`;
    case 'member.removed':
      return [who, str(d.from) && `(was ${str(d.from)})`].filter(Boolean).join(' ');
    case 'brief.ownership_transferred':
      // "@dana → @sam": the owner before (null: there was none), the owner after.
      return `${d.from === null ? 'nobody' : (handle(d.from) ?? '?')} → ${handle(d.to) ?? '?'}`;
    case 'brief.trashed':
    case 'brief.restored':
    case 'brief.deleted':
      return quoted(str(d.title)) ?? '';
    case 'brief.renamed':
      return change(d, quoted);
    case 'brief.marking_changed':
      return change(d);
    default: {
      if (entry.action.startsWith('user.')) {
        return [who, str(d.role) && `role ${str(d.role)}`].filter(Boolean).join(', ');
      }
      // Unknown shapes: every simple field, so nothing recorded is hidden.
      return Object.entries(d)
        .filter(([, v]) => v !== null && typeof v !== 'object')
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join(', ');
    }
  }
}

/** What the Brief column says: its title when known, else its id. */
export function briefLabel(entry: AuditEntry): string {
  return entry.briefTitle ?? entry.briefId ?? '';
}

/** Said after a brief that can no longer be opened; nothing for a live one. */
export function briefStateNote(entry: AuditEntry): string | null {
  if (entry.briefState === 'trashed') return '(in trash)';
  if (entry.briefState === 'deleted') return '(deleted)';
  return null;
}

/**
 * Whether an entry matches the audit tab's filter: every word of it, in any
 * order, ignoring case and accents, somewhere in who did it, the action (its
 * label or code), the brief and the detail — "dana shared", "Panamá renamed".
 */
export function entryMatches(entry: AuditEntry, filter: string): boolean {
  const words = fold(filter).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold(
    [
      entry.actor ?? '',
      entry.action,
      actionLabel(entry.action),
      briefLabel(entry),
      describeDetail(entry),
    ].join(' '),
  );
  return words.every((word) => haystack.includes(word));
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function formatWhen(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : when.format(new Date(at));
}
