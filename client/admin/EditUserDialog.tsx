import { useId, useState, type FormEvent } from 'react';
import {
  DISPLAY_NAME_MAX_LENGTH,
  type AccountSummary,
  type UpdateUserRequest,
} from '../../shared/api.ts';
import { isOrgRole, ORG_ROLES, type OrgRole } from '../../shared/roles.ts';
import { toApiError } from '../api.ts';
import { ORG_ROLE_LABELS } from '../auth/orgRoles.ts';
import { Button } from '../ui/Button.tsx';
import { Dialog, DialogActions } from '../ui/Dialog.tsx';
import type { useAccounts } from './useAccounts.ts';

interface EditUserDialogProps {
  account: AccountSummary;
  /** One's own role cannot be lowered (the server refuses too): no admin-less lock-out. */
  isSelf: boolean;
  update: ReturnType<typeof useAccounts>['update'];
  onClose: () => void;
  onSaved: (account: AccountSummary) => void;
}

/** Display name and organisation role of one account. */
export function EditUserDialog({ account, isSelf, update, onClose, onSaved }: EditUserDialogProps) {
  const [displayName, setDisplayName] = useState(account.displayName);
  const [role, setRole] = useState<OrgRole>(account.role);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const name = displayName.trim();
    if (!name) {
      setError('Enter the name co-authors will see.');
      return;
    }
    const patch: UpdateUserRequest = {};
    if (name !== account.displayName) patch.displayName = name;
    if (role !== account.role) patch.role = role;
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    setBusy(true);
    try {
      onSaved(await update(account.id, patch));
    } catch (err) {
      setBusy(false);
      setError(toApiError(err).message);
    }
  };

  return (
    <Dialog
      title={`Edit ${account.displayName}`}
      description={`@${account.username}`}
      onClose={() => {
        if (!busy) onClose();
      }}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`} className="field__label">
            Display name
          </label>
          <input
            id={`${id}-name`}
            className="input"
            value={displayName}
            maxLength={DISPLAY_NAME_MAX_LENGTH}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-error`}
            onChange={(event) => setDisplayName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`} className="field__label">
            Role
          </label>
          <select
            id={`${id}-role`}
            className="select"
            value={role}
            disabled={isSelf}
            onChange={(event) => {
              if (isOrgRole(event.target.value)) setRole(event.target.value);
            }}
          >
            {ORG_ROLES.map((r) => (
              <option key={r} value={r}>
                {ORG_ROLE_LABELS[r]}
              </option>
            ))}
          </select>
          {isSelf && (
            <p className="field__hint">You can’t change your own role; another admin can.</p>
          )}
        </div>
        <p id={`${id}-error`} className="field__error" role={error ? 'alert' : undefined}>
          {error}
        </p>
        <DialogActions>
          <Button variant="ghost" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy}>
            Save changes
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
