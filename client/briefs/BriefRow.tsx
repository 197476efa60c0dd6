import { useEffect, useRef, useState } from 'react';
import { BRIEF_TITLE_MAX_LENGTH, type BriefSummary } from '../../shared/api.ts';
import { can } from '../../shared/roles.ts';
import { ApiError } from '../api.ts';
import { useAccount } from '../auth/AuthContext.tsx';
import { briefPath, Link } from '../router.tsx';
import { IconButton } from '../ui/Button.tsx';
import { IconDocument, IconPencil, IconTrash } from '../ui/icons.tsx';
import { Spinner } from '../ui/Spinner.tsx';
import { fullDate, relativeTime } from './relativeTime.ts';
import { managesAsAdmin, ownedBy, RoleBadge } from './roles.tsx';

interface BriefRowProps {
  brief: BriefSummary;
  now: number;
  /** The list is sorted by creation: say when each was created, or the order looks arbitrary. */
  showCreated?: boolean;
  onRename: (title: string) => Promise<void>;
  onDelete: () => void;
}

export function BriefRow({ brief, now, showCreated = false, onRename, onDelete }: BriefRowProps) {
  const account = useAccount();
  const [renaming, setRenaming] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  // Set when a rename ends from the keyboard: focus goes back to the Rename button once
  // React has re-enabled it (a focus() on the still-disabled button would be lost).
  const refocusRename = useRef(false);
  useEffect(() => {
    if (renaming || !refocusRename.current) return;
    refocusRename.current = false;
    renameButton.current?.focus();
  }, [renaming]);
  const edited = relativeTime(brief.updatedAt, now);
  const by = brief.updatedBy ? ` by ${brief.updatedBy}` : '';
  const owner = ownedBy(brief, account.id);
  // Offered only where the server would allow them.
  const canRename = can(brief.role, 'edit');
  const canDelete = can(brief.role, 'delete');

  return (
    <li className="brief-row" data-testid="brief-row" data-brief-id={brief.id}>
      <span className="brief-row__icon" aria-hidden="true">
        <IconDocument size={18} />
      </span>
      <div className="brief-row__main">
        <div className="brief-row__line">
          {renaming ? (
            <RenameField
              title={brief.title}
              onSave={onRename}
              onDone={(restoreFocus) => {
                refocusRename.current = restoreFocus;
                setRenaming(false);
              }}
            />
          ) : (
            <Link to={briefPath(brief.id)} className="brief-row__title">
              {brief.title || 'Untitled brief'}
            </Link>
          )}
          <RoleBadge role={brief.role} asAdmin={managesAsAdmin(brief, account.id)} />
        </div>
        {showCreated ? (
          <span
            className="brief-row__meta"
            title={`Created ${fullDate(brief.createdAt)}\nEdited ${fullDate(brief.updatedAt)}`}
          >
            {owner && `${owner} · `}
            {owner ? 'created' : 'Created'} {relativeTime(brief.createdAt, now)} · edited {edited}
            {by}
          </span>
        ) : (
          <span className="brief-row__meta" title={fullDate(brief.updatedAt)}>
            {owner ? `${owner} · edited` : 'Edited'} {edited}
            {by}
          </span>
        )}
      </div>
      {(canRename || canDelete) && (
        <div className="brief-row__actions">
          {canRename && (
            <IconButton
              ref={renameButton}
              aria-label={`Rename “${brief.title}”`}
              title="Rename"
              size="sm"
              onClick={() => setRenaming(true)}
              disabled={renaming}
              data-rename-for={brief.id}
            >
              <IconPencil size={16} />
            </IconButton>
          )}
          {canDelete && (
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
          )}
        </div>
      )}
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
  /** `restoreFocus`: the rename ended by keyboard (Enter, Esc), not by clicking away. */
  onDone: (restoreFocus: boolean) => void;
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
    onDone(restoreFocus);
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
