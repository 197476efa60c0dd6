import { useId, useState, type FormEvent } from 'react';
import type { AccountSummary } from '../../shared/api.ts';
import { toApiError } from '../api.ts';
import { Button } from '../ui/Button.tsx';
import { Dialog, DialogActions } from '../ui/Dialog.tsx';
import { IconAlert } from '../ui/icons.tsx';
import { OneTimeSecret } from './OneTimeSecret.tsx';
import { generatePassword, MIN_PASSWORD_LENGTH } from './passwords.ts';
import type { useAccounts } from './useAccounts.ts';

interface ResetPasswordDialogProps {
  account: AccountSummary;
  isSelf: boolean;
  update: ReturnType<typeof useAccounts>['update'];
  onClose: () => void;
  /** A typed password was set: nothing to show, so the dialog closes. */
  onDone: () => void;
}

/** Sets a new password (generated here or typed); every session of the account ends. */
export function ResetPasswordDialog({
  account,
  isSelf,
  update,
  onClose,
  onDone,
}: ResetPasswordDialogProps) {
  const [mode, setMode] = useState<'generate' | 'choose'>('generate');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'choose' && password.length < MIN_PASSWORD_LENGTH) {
      setError(`At least ${MIN_PASSWORD_LENGTH} characters.`);
      document.getElementById(`${id}-password`)?.focus();
      return;
    }
    const next = mode === 'generate' ? generatePassword() : password;
    setBusy(true);
    setError(null);
    try {
      await update(account.id, { password: next });
      if (mode === 'generate') setShown(next);
      else onDone();
    } catch (err) {
      setBusy(false);
      setError(`Couldn’t reset the password: ${toApiError(err).message}`);
    }
  };

  if (shown) {
    return (
      <Dialog
        title={`New password for ${account.displayName}`}
        description={
          <>
            They sign in as <strong>{account.username}</strong> with this password. Their other
            sessions have ended.
          </>
        }
        onClose={onClose}
        size="md"
      >
        <OneTimeSecret label="New password" secret={shown} />
        <DialogActions>
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  return (
    <Dialog
      title={`Reset the password of ${account.displayName}?`}
      description={
        isSelf
          ? 'This is your own account: you will be signed out everywhere, this tab included.'
          : 'They are signed out everywhere at once and sign in again with the new password.'
      }
      onClose={() => {
        if (!busy) onClose();
      }}
      size="md"
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <fieldset className="field choice">
          <legend className="field__label">New password</legend>
          <label className="choice__option">
            <input
              type="radio"
              name={`${id}-mode`}
              checked={mode === 'generate'}
              onChange={() => setMode('generate')}
            />
            Generate one and show it to me once
          </label>
          <label className="choice__option">
            <input
              type="radio"
              name={`${id}-mode`}
              checked={mode === 'choose'}
              onChange={() => setMode('choose')}
            />
            Type a password
          </label>
          {mode === 'choose' && (
            <input
              id={`${id}-password`}
              aria-label="New password"
              className="input"
              type="password"
              autoComplete="new-password"
              value={password}
              aria-invalid={error ? true : undefined}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </fieldset>
        {error && (
          <p className="field__error" role="alert">
            <IconAlert size={14} /> {error}
          </p>
        )}
        <DialogActions>
          <Button variant="ghost" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy}>
            Reset password
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
