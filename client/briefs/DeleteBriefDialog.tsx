import { useRef } from 'react';
import { TRASH_RETENTION_DAYS, type BriefSummary } from '../../shared/api.ts';
import { ApiError, trashBrief } from '../api.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';

interface DeleteBriefDialogProps {
  brief: BriefSummary;
  onCancel: () => void;
  onDeleted: () => void;
  /** Where focus goes after a deletion, since the row that opened the dialog is gone. */
  focusAfterDelete: () => void;
}

/** Asks before moving a brief to the trash (Cancel is the default even though it can be undone). */
export function DeleteBriefDialog({
  brief,
  onCancel,
  onDeleted,
  focusAfterDelete,
}: DeleteBriefDialogProps) {
  const deleted = useRef(false);

  const trash = async () => {
    try {
      await trashBrief(brief.id);
    } catch (err) {
      // Already gone, or already in the trash, is what the person wanted.
      if (!(err instanceof ApiError && (err.code === 'not_found' || err.code === 'trashed'))) {
        throw err;
      }
    }
    deleted.current = true;
    onDeleted();
  };

  return (
    <ConfirmDialog
      title={`Move “${brief.title}” to the trash?`}
      description={`Nobody can open it while it is there. You can restore it from the trash for ${TRASH_RETENTION_DAYS} days; after that it is deleted for good.`}
      confirmLabel="Move to trash"
      onConfirm={trash}
      onCancel={onCancel}
      describeError={(err) =>
        err instanceof ApiError ? err.message : 'Something went wrong. Try again.'
      }
      finalFocus={() => {
        if (!deleted.current) return false; // back to the Delete button that opened it
        focusAfterDelete();
      }}
    />
  );
}
