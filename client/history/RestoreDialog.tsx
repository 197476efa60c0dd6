import { useRef, useState } from 'react';
import type { RevisionSummary } from '../../shared/api.ts';
import type { BriefId } from '../../shared/briefId.ts';
import { toApiError } from '../api.ts';
import { Button } from '../ui/Button.tsx';
import { Dialog, DialogActions } from '../ui/Dialog.tsx';
import { restoreRevision } from './api.ts';
import { dateTimePhrase, revisionName, type TimeLabels } from './format.ts';

/**
 * Confirms a restore. The wording matters: people hesitate to restore when
 * they fear losing the newer text, and it is never lost — the restore is one
 * more change on top, and the text before it stays in the history.
 */
export function RestoreDialog({
  briefId,
  revision,
  times,
  onClose,
  onRestored,
}: {
  briefId: BriefId;
  revision: RevisionSummary;
  /** The list's time labels (timeLabels), so the dialog names the version as the list does. */
  times: TimeLabels;
  onClose: () => void;
  onRestored: (restore: RevisionSummary | null) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const when = dateTimePhrase(revision.createdAt, new Date(), times.get(revision.id));
  const name = revisionName(revision, new Date(), times);
  const which = name ? `“${name}” (${when})` : `the version of ${when}`;

  const restore = async () => {
    setBusy(true);
    setError(null);
    try {
      onRestored(await restoreRevision(briefId, revision.id));
    } catch (caught) {
      setError(toApiError(caught).message);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Restore this version?"
      role="alertdialog"
      initialFocus={confirmRef}
      onClose={onClose}
      dismissible={!busy}
      description={
        <>
          The brief’s text goes back to {which}. It is applied as a new change, so everyone editing
          sees it at once and <strong>nothing is lost</strong>: the current text stays in the
          history, and you can restore it again.
        </>
      }
    >
      {error && (
        <p className="banner banner--danger dialog__banner" role="alert">
          {error}
        </p>
      )}
      <DialogActions>
        <Button variant="ghost" onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button ref={confirmRef} variant="primary" busy={busy} onClick={() => void restore()}>
          Restore version
        </Button>
      </DialogActions>
    </Dialog>
  );
}
