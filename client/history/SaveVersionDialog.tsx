import { useId, useState, type FormEvent } from 'react';
import type { RevisionSummary } from '../../shared/api.ts';
import type { BriefId } from '../../shared/briefId.ts';
import { toApiError } from '../api.ts';
import { Button } from '../ui/Button.tsx';
import { Dialog, DialogActions } from '../ui/Dialog.tsx';
import { saveNamedVersion } from './api.ts';

/** Matches the server's limit (REVISION_NAME_MAX_LENGTH). */
const NAME_MAX_LENGTH = 120;

/** "Save version…": names the current text so it stands out in history and is never merged away. */
export function SaveVersionDialog({
  briefId,
  onClose,
  onSaved,
}: {
  briefId: BriefId;
  onClose: () => void;
  onSaved: (revision: RevisionSummary) => void;
}) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError('Give the version a name, such as “Sent to the Secretary”.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(await saveNamedVersion(briefId, trimmed));
    } catch (caught) {
      setError(toApiError(caught).message);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Save version"
      description="Saves the text as it is now under a name, so it stands out in the history."
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={inputId} className="field__label">
            Version name
          </label>
          <input
            id={inputId}
            className="input"
            value={name}
            maxLength={NAME_MAX_LENGTH}
            placeholder="e.g. Cleared by legal"
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(event) => {
              setName(event.target.value);
              setError(null);
            }}
          />
          {error && (
            <p id={errorId} className="field__error" role="alert">
              {error}
            </p>
          )}
        </div>
        <DialogActions>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy}>
            Save version
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
