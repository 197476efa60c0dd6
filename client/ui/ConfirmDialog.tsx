import { useRef, useState, type ReactNode } from 'react';
import { Button } from './Button.tsx';
import { Dialog, DialogActions, type DialogProps } from './Dialog.tsx';

interface ConfirmDialogProps {
  title: string;
  description: ReactNode;
  /** The danger button's label: what happens, e.g. "Move to trash". */
  confirmLabel: string;
  /** Does it. Resolving is success (the caller closes the dialog); a rejection is shown here. */
  onConfirm: () => Promise<void>;
  onCancel: () => void;
  /** What to say when `onConfirm` rejects. */
  describeError: (error: unknown) => string;
  finalFocus?: DialogProps['finalFocus'];
}

/**
 * The question before a destructive action: an alert dialog with Cancel
 * focused (the safe default), the action's button busy while it runs, its
 * failure shown in place with the dialog still open, and no dismissing while
 * it runs.
 */
export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  onConfirm,
  onCancel,
  describeError,
  finalFocus,
}: ConfirmDialogProps) {
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
      setError(describeError(err));
    }
  };

  return (
    <Dialog
      role="alertdialog"
      title={title}
      description={description}
      onClose={() => {
        if (!busy) onCancel();
      }}
      initialFocus={cancelRef}
      finalFocus={finalFocus}
    >
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <DialogActions>
        <Button ref={cancelRef} variant="ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button variant="danger" onClick={() => void confirm()} busy={busy}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
