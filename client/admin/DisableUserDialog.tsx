import { useRef, useState } from 'react';
import type { AccountSummary } from '../../shared/api.ts';
import { toApiError } from '../api.ts';
import { Button } from '../ui/Button.tsx';
import { Dialog, DialogActions } from '../ui/Dialog.tsx';

/** Asks before disabling: it signs the person out everywhere at once. */
export function DisableUserDialog({
  account,
  onConfirm,
  onClose,
}: {
  account: AccountSummary;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (err) {
      setBusy(false);
      setError(`Couldn’t disable the account: ${toApiError(err).message}`);
    }
  };

  return (
    <Dialog
      role="alertdialog"
      title={`Disable ${account.displayName}?`}
      description="They are signed out everywhere at once and can’t sign in until an admin enables the account again. Their briefs and edits stay."
      initialFocus={cancelRef}
      onClose={() => {
        if (!busy) onClose();
      }}
    >
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <DialogActions>
        <Button ref={cancelRef} variant="ghost" onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button variant="danger" onClick={() => void confirm()} busy={busy}>
          Disable account
        </Button>
      </DialogActions>
    </Dialog>
  );
}
