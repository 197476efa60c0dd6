import { useRef } from 'react';
import { Button } from '../ui/Button.tsx';
import { Dialog, DialogActions } from '../ui/Dialog.tsx';

/**
 * Confirms approving a version while another is approved. A brief has one
 * approval, so this one takes it from the other; asked first so that a click
 * while looking through old versions cannot quietly move it.
 */
export function ApproveDialog({
  approved,
  revision,
  onClose,
  onConfirm,
}: {
  /** The approved version and the one to approve instead, as people refer to them. */
  approved: string;
  revision: string;
  onClose: () => void;
  onConfirm: () => void;
}) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      title="Replace the approval?"
      role="alertdialog"
      initialFocus={confirmRef}
      onClose={onClose}
      description={
        <>
          “{approved}” is approved. Approve “{revision}” instead?
        </>
      }
    >
      <DialogActions>
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button ref={confirmRef} variant="primary" onClick={onConfirm}>
          Approve instead
        </Button>
      </DialogActions>
    </Dialog>
  );
}
