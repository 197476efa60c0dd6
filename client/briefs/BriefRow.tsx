import { useEffect, useRef, useState } from 'react';
import { BRIEF_TITLE_MAX_LENGTH, type BriefSummary } from '../../shared/api.ts';
import { ApiError } from '../api.ts';
import { briefPath, Link } from '../router.tsx';
import { IconButton } from '../ui/Button.tsx';
import { IconDocument, IconPencil, IconTrash } from '../ui/icons.tsx';
import { Spinner } from '../ui/Spinner.tsx';
import { fullDate, relativeTime } from './relativeTime.ts';

interface BriefRowProps {
  brief: BriefSummary;
  now: number;
  onRename: (title: string) => Promise<void>;
  onDelete: () => void;
}

export function BriefRow({ brief, now, onRename, onDelete }: BriefRowProps) {
  const [renaming, setRenaming] = useState(false);
  const edited = relativeTime(brief.updatedAt, now);
  const by = brief.updatedBy ? ` by ${brief.updatedBy}` : '';

  return (
    <li className="brief-row" data-testid="brief-row" data-brief-id={brief.id}>
      <span className="brief-row__icon" aria-hidden="true">
        <IconDocument size={18} />
      </span>
      <div className="brief-row__main">
        {renaming ? (
          <RenameField title={brief.title} onSave={onRename} onDone={() => setRenaming(false)} />
        ) : (
          <Link to={briefPath(brief.id)} className="brief-row__title">
            {brief.title || 'Untitled brief'}
          </Link>
        )}
        <span className="brief-row__meta" title={fullDate(brief.updatedAt)}>
          Edited {edited}
          {by}
        </span>
      </div>
      <div className="brief-row__actions">
        <IconButton
          aria-label={`Rename “${brief.title}”`}
          title="Rename"
          size="sm"
          onClick={() => setRenaming(true)}
          disabled={renaming}
          data-rename-for={brief.id}
        >
          <IconPencil size={16} />
        </IconButton>
        <IconButton
          aria-label={`Delete “${brief.title}”`}
          title="Delete"
          size="sm"
          className="icon-btn--danger"
          onClick={onDelete}
          data-delete-for={brief.id}
        >
          <IconTrash size={16} />
        </IconButton>
      </div>
    </li>
  );
}

/** Inline rename: Enter or blur saves, Esc cancels; focus goes back to the Rename button. */
function RenameField({
  title,
  onSave,
  onDone,
}: {
  title: string;
  onSave: (title: string) => Promise<void>;
  onDone: () => void;
}) {
  const [value, setValue] = useState(title);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const finished = useRef(false);
  // A ref, not the state: disabling the input blurs it, and that blur must see the save in flight.
  const saving = useRef(false);

  useEffect(() => {
    inputRef.current?.select();
  }, []);

  const finish = (restoreFocus: boolean) => {
    finished.current = true;
    const button = restoreFocus
      ? inputRef.current?.closest('li')?.querySelector<HTMLElement>('[data-rename-for]')
      : null;
    onDone();
    // After React re-enables the button.
    if (button) requestAnimationFrame(() => button.focus());
  };

  const save = async (restoreFocus: boolean) => {
    if (finished.current || saving.current) return;
    const next = value.trim();
    if (!next || next === title) {
      finish(restoreFocus);
      return;
    }
    saving.current = true;
    setBusy(true);
    try {
      await onSave(next);
      finish(restoreFocus);
    } catch (err) {
      saving.current = false;
      setBusy(false);
      setError(err instanceof ApiError ? err.message : 'Couldn’t rename the brief.');
      inputRef.current?.focus();
    }
  };

  return (
    <div className="rename">
      <input
        ref={inputRef}
        className="input input--inline"
        aria-label="New title"
        value={value}
        maxLength={BRIEF_TITLE_MAX_LENGTH}
        disabled={busy}
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          setValue(event.target.value);
          setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            void save(true);
          } else if (event.key === 'Escape') {
            event.preventDefault();
            finish(true);
          }
        }}
        onBlur={() => void save(false)}
      />
      {busy && <Spinner size={14} label="Saving title" />}
      {error && (
        <span className="field__error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
