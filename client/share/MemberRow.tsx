import { useRef, useState, type KeyboardEvent } from 'react';
import type { MemberSummary } from '../../shared/api.ts';
import { colorForName } from '../../shared/colors.ts';
import { isMemberRole, MEMBER_ROLES, type MemberRole } from '../../shared/roles.ts';
import { toApiError } from '../api.ts';
import { BRIEF_ROLE_LABELS, MEMBER_ROLE_HINTS } from '../briefs/roles.tsx';
import { Avatar } from '../presence/Avatar.tsx';
import { IconButton } from '../ui/Button.tsx';
import { IconX } from '../ui/icons.tsx';
import { Spinner } from '../ui/Spinner.tsx';

/** The role select's last option, which opens the transfer dialog instead of setting a role. */
const MAKE_OWNER = 'make-owner';

/**
 * Keys that, on a closed select, change its value at once in Chromium and
 * Firefox on Windows and Linux. Here each change is a request, and the last
 * option opens the transfer dialog, so arrowing through the roles would set
 * every one on the way. The select opens its list instead, where the keys
 * move a highlight and only Enter chooses.
 */
const PICKER_KEYS = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp']);

function openListInstead(event: KeyboardEvent<HTMLSelectElement>): void {
  if (!PICKER_KEYS.has(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
  const select = event.currentTarget;
  if (typeof select.showPicker !== 'function') return;
  event.preventDefault();
  try {
    select.showPicker();
  } catch {
    // Not allowed here (no user activation): the key does nothing rather than change the role.
  }
}

interface MemberRowProps {
  member: MemberSummary;
  isSelf: boolean;
  /** The viewer of the dialog may change roles and remove people. */
  canShare: boolean;
  /** The viewer may hand the brief to this member (they own it, or are an admin). */
  canTransfer: boolean;
  /** Asks before transferring; the row only reports the choice. */
  onMakeOwner: () => void;
  onRoleChange: (role: MemberRole) => Promise<void>;
  onRemove: () => Promise<void>;
  onError: (message: string) => void;
}

export function MemberRow({
  member,
  isSelf,
  canShare,
  canTransfer,
  onMakeOwner,
  onRoleChange,
  onRemove,
  onError,
}: MemberRowProps) {
  const [busy, setBusy] = useState(false);
  const rowRef = useRef<HTMLLIElement>(null);
  const { user, role } = member;
  const name = `${user.displayName}${isSelf ? ' (you)' : ''}`;

  const run = async (action: () => Promise<void>, failure: string): Promise<boolean> => {
    setBusy(true);
    try {
      await action();
      return true;
    } catch (error) {
      onError(`${failure}: ${toApiError(error).message}`);
      return false;
    } finally {
      setBusy(false);
    }
  };

  // The row (and the focused Remove button) goes away: focus a neighbour, or the picker.
  const removeAndRefocus = async () => {
    const row = rowRef.current;
    const neighbour = row?.nextElementSibling ?? row?.previousElementSibling;
    const dialog = row?.closest('dialog');
    if (!(await run(onRemove, `Couldn’t remove ${user.displayName}`))) return;
    const target =
      neighbour?.querySelector<HTMLElement>('select, button') ??
      dialog?.querySelector<HTMLElement>('[role="combobox"]');
    target?.focus();
  };

  return (
    <li ref={rowRef} className="member" data-testid="member-row" data-username={user.username}>
      <Avatar name={user.displayName} color={colorForName(user.displayName)} size={32} />
      <div className="member__who">
        <span className="member__name">{name}</span>
        <span className="member__meta">@{user.username}</span>
      </div>
      {busy && <Spinner size={14} label={`Updating ${user.displayName}`} />}
      {role === 'owner' || !canShare ? (
        <span className="member__role">{BRIEF_ROLE_LABELS[role]}</span>
      ) : (
        <>
          <select
            className="select select--sm"
            aria-label={`Role for ${user.displayName}`}
            value={role}
            disabled={busy}
            title={MEMBER_ROLE_HINTS[role]}
            onKeyDown={openListInstead}
            onChange={(event) => {
              const next = event.target.value;
              // The select stays on the current role: the owner changes only once confirmed.
              if (next === MAKE_OWNER) onMakeOwner();
              else if (isMemberRole(next))
                void run(() => onRoleChange(next), 'Couldn’t change the role');
            }}
          >
            {MEMBER_ROLES.map((r) => (
              <option key={r} value={r}>
                {BRIEF_ROLE_LABELS[r]}
              </option>
            ))}
            {canTransfer && <option value={MAKE_OWNER}>Make owner…</option>}
          </select>
          <IconButton
            aria-label={`Remove ${user.displayName}`}
            title="Remove from this brief"
            size="sm"
            className="icon-btn--danger"
            disabled={busy}
            onClick={() => void removeAndRefocus()}
          >
            <IconX size={16} />
          </IconButton>
        </>
      )}
    </li>
  );
}
