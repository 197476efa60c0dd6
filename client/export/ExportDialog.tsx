import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { BriefId } from '../../shared/briefId.ts';
import { can, type BriefRole } from '../../shared/roles.ts';
import { isAbortError, toApiError } from '../api.ts';
import { Button } from '../ui/Button.tsx';
import { Dialog, DialogActions } from '../ui/Dialog.tsx';
import { useToast } from '../ui/Toast.tsx';
import { exportUrl, fetchPdf, saveFile, type Paper } from './api.ts';
import { useBriefDetail } from './useBriefDetail.ts';

/** Matches the server's limit (MARKING_MAX_LENGTH). */
const MARKING_MAX_LENGTH = 80;
const PREFS_KEY = 'briefdesk:export';

interface Prefs {
  paper: Paper;
  toc: boolean;
}

/** Paper and contents are a person's habit, not a brief's setting: remembered on this device. */
function readPrefs(): Prefs {
  try {
    const raw = JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}') as Partial<Prefs>;
    return { paper: raw.paper === 'a4' ? 'a4' : 'letter', toc: raw.toc === true };
  } catch {
    return { paper: 'letter', toc: false };
  }
}

function writePrefs(prefs: Prefs): void {
  try {
    localStorage.setItem(PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // Storage full or disabled: the choice just isn't remembered.
  }
}

export interface ExportRevision {
  id: number;
  /** How the panel names it: "Draft two" or "Version of today at 14:32". */
  label: string;
}

/** Paper, contents and marking, then the PDF of the current text or of one revision. */
export function ExportDialog({
  briefId,
  role,
  revision = null,
  onClose,
}: {
  briefId: BriefId;
  role: BriefRole | null;
  revision?: ExportRevision | null;
  onClose: () => void;
}) {
  const [prefs, setPrefs] = useState(readPrefs);
  const { state: detail, setMarking } = useBriefDetail(briefId);
  const [marking, setMarkingDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const notify = useToast();
  const controller = useRef<AbortController | null>(null);
  const ids = { marking: useId(), markingHint: useId(), toc: useId(), paper: useId() };
  const canEditMarking = can(role, 'edit');
  const savedMarking = detail.status === 'ready' ? detail.brief.marking : null;
  const shownMarking = marking ?? savedMarking ?? '';

  useEffect(() => () => controller.current?.abort(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    writePrefs(prefs);
    const current = new AbortController();
    controller.current = current;
    try {
      const trimmed = shownMarking.trim();
      if (canEditMarking && savedMarking !== null && trimmed !== savedMarking) {
        await setMarking(trimmed);
      }
      const url = exportUrl(briefId, { ...prefs, revision: revision?.id ?? null });
      const { blob, filename } = await fetchPdf(url, current.signal);
      // The server names the file after the title; an old version must not pass for the current one.
      const name = revision ? filename.replace(/(\.pdf)?$/i, ` (r${revision.id}).pdf`) : filename;
      saveFile(blob, name);
      notify(`Downloaded ${name}`);
      onClose();
    } catch (caught) {
      if (isAbortError(caught)) return;
      setError(toApiError(caught).message);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={revision ? 'Export this version as PDF' : 'Export PDF'}
      description={
        revision ? (
          <>
            A PDF of <strong>{revision.label}</strong>, as it was then.
          </>
        ) : (
          'A PDF of the brief as it is now, with its title block and marking.'
        )
      }
      onClose={() => {
        controller.current?.abort();
        onClose();
      }}
    >
      <form onSubmit={submit} noValidate className="export-form" data-testid="export-dialog">
        <fieldset className="choice">
          <legend className="field__label" id={ids.paper}>
            Paper
          </legend>
          <div className="segmented" role="radiogroup" aria-labelledby={ids.paper}>
            {(
              [
                ['letter', 'Letter', '8.5 × 11 in'],
                ['a4', 'A4', '210 × 297 mm'],
              ] as const
            ).map(([value, label, size]) => (
              <label key={value} className="segmented__option">
                <input
                  type="radio"
                  name="paper"
                  value={value}
                  checked={prefs.paper === value}
                  onChange={() => setPrefs((p) => ({ ...p, paper: value }))}
                />
                <span className="segmented__label">{label}</span>
                <span className="segmented__hint">{size}</span>
              </label>
            ))}
          </div>
        </fieldset>

        <label className="checkbox-row" htmlFor={ids.toc}>
          <input
            id={ids.toc}
            type="checkbox"
            checked={prefs.toc}
            onChange={(event) => setPrefs((p) => ({ ...p, toc: event.target.checked }))}
          />
          <span>
            <span className="checkbox-row__label">Include table of contents</span>
            <span className="field__hint">The headings, with their page numbers.</span>
          </span>
        </label>

        <div className="field">
          <label htmlFor={ids.marking} className="field__label">
            Marking
          </label>
          {detail.status === 'loading' ? (
            <span className="skeleton export-form__skeleton" aria-hidden="true" />
          ) : (
            <input
              id={ids.marking}
              className="input"
              value={shownMarking}
              maxLength={MARKING_MAX_LENGTH}
              readOnly={!canEditMarking || detail.status !== 'ready'}
              aria-describedby={ids.markingHint}
              placeholder="DRAFT — INTERNAL"
              onChange={(event) => setMarkingDraft(event.target.value)}
            />
          )}
          <p id={ids.markingHint} className="field__hint">
            {detail.status === 'error'
              ? 'Couldn’t load the marking; the brief’s saved marking is printed.'
              : canEditMarking
                ? 'Printed at the top and bottom of every page. A change is saved for everyone.'
                : 'Printed at the top and bottom of every page. Editors can change it.'}
          </p>
        </div>

        {error && (
          <p className="banner banner--danger dialog__banner" role="alert">
            {error}
          </p>
        )}
        <DialogActions>
          <Button
            variant="ghost"
            onClick={() => {
              controller.current?.abort();
              onClose();
            }}
          >
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy}>
            {busy ? 'Preparing PDF…' : 'Download PDF'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
