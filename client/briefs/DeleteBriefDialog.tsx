import { useRef, useState } from 'react';
import { TRASH_RETENTION_DAYS, type BriefSummary } from '../../shared/api.ts';
import { ApiError, trashBrief } from '../api.ts';
import { Button } from '../ui/Button.tsx';
import { Dialog, DialogActions } from '../ui/Dialog.tsx';

interface DeleteBriefDialogProps {
  brief: BriefSummary;
  onCancel: () => void;
  onDeleted: () => void;
  /** Where focus goes after a deletion, since the row that opened the dialog is gone. */
  focusAfterDelete: () => void;
}

export function DeleteBriefDialog({
  brief,
  onCancel,
  onDeleted,
  focusAfterDelete,
}: DeleteBriefDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const deleted = useRef(false);
  // Cancel is the safe default, even for a deletion that can be undone.
  const cancelRef = useRef<HTMLButtonElement>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await trashBrief(brief.id);
      deleted.current = true;
      onDeleted();
    } catch (err) {
      // Already gone, or already in the trash, is what the person wanted.
      if (err instanceof ApiError && (err.code === 'not_found' || err.code === 'trashed')) {
        deleted.current = true;
        onDeleted();
        return;
      }
      setBusy(false);
      setError(err instanceof ApiError ? err.message : 'Something went wrong. Try again.');
    }
  };

  return (
    <Dialog
      role="alertdialog"
      title={`Move “${brief.title}” to the trash?`}
      description={`Nobody can open it while it is there. You can restore it from the trash for ${TRASH_RETENTION_DAYS} days; after that it is deleted for good.`}
      onClose={() => {
        if (!busy) onCancel();
      }}
      initialFocus={cancelRef}
      finalFocus={() => {
        if (!deleted.current) return false; // back to the Delete button that opened it
        focusAfterDelete();
      }}
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
          Move to trash
        </Button>
      </DialogActions>
    </Dialog>
  );
}
