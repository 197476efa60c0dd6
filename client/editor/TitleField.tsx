import { useEffect, useRef, useState } from 'react';
import { BRIEF_TITLE_MAX_LENGTH } from '../../shared/api.ts';
import { ApiError } from '../api.ts';

interface TitleFieldProps {
  /** The title as the server has it. */
  title: string;
  /** A title renamed here that the server does not have yet (useBrief keeps and resends it). */
  pending?: string | null;
  onSave: (title: string) => Promise<unknown>;
  /** Enter: done with the title, go write. */
  onDone?: () => void;
  autoFocus?: boolean;
  disabled?: boolean;
}

const SAVE_DELAY_MS = 800;

/**
 * The brief's title, edited in place. Saves shortly after typing stops and on
 * blur; Enter commits and moves on to the text; Esc puts back the title it had
 * when editing began (saving that back if an intermediate title went out).
 * A save the network stops is kept by useBrief and sent when the server
 * answers again; until then the field shows it, and says it is not saved yet.
 */
export function TitleField({
  title,
  pending = null,
  onSave,
  onDone,
  autoFocus,
  disabled,
}: TitleFieldProps) {
  const shown = pending ?? title;
  const [draft, setDraft] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  const editing = useRef(false);
  const atFocus = useRef(shown);
  const lastSaved = useRef(shown);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const onSaveRef = useRef(onSave);
  useEffect(() => {
    onSaveRef.current = onSave;
  });

  // Follow renames made elsewhere, but never under the person typing.
  useEffect(() => {
    lastSaved.current = shown;
    if (!editing.current) setDraft(shown);
  }, [shown]);

  useEffect(() => {
    if (autoFocus) inputRef.current?.select();
  }, [autoFocus]);

  // A save still waiting when the field goes away is dropped with it.
  useEffect(() => () => clearTimer(), []);

  function clearTimer() {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  }

  function save(value: string) {
    clearTimer();
    const next = value.trim();
    if (!next || next === lastSaved.current) return;
    const previous = lastSaved.current;
    lastSaved.current = next;
    setError(null);
    onSaveRef.current(next).catch((err: unknown) => {
      // Kept as pending and resent by useBrief: the `pending` prop says so.
      if (err instanceof ApiError && err.isNetworkError) return;
      lastSaved.current = previous;
      setError(
        err instanceof ApiError
          ? `Couldn’t save the title: ${err.message}`
          : 'Couldn’t save the title',
      );
    });
  }

  function commit() {
    if (!editing.current) return; // already committed or reverted (Enter/Esc, then blur)
    editing.current = false;
    if (!draft.trim()) {
      setDraft(lastSaved.current || atFocus.current);
      return;
    }
    save(draft);
  }

  // Short, beside the title; the reason is the tooltip and the accessible description.
  const message = error ?? (pending === null ? null : 'Title not saved yet');
  const detail =
    error ??
    (pending === null
      ? null
      : navigator.onLine
        ? 'Briefdesk can’t be reached. The title will be saved when it’s back.'
        : 'You’re offline. The title will be saved when you’re back online.');

  return (
    <div className="title-field">
      <input
        ref={inputRef}
        className="title-field__input"
        aria-label="Brief title"
        value={draft}
        maxLength={BRIEF_TITLE_MAX_LENGTH}
        placeholder="Untitled brief"
        disabled={disabled}
        autoFocus={autoFocus}
        spellCheck
        aria-invalid={error ? true : undefined}
        aria-describedby={message ? 'title-error' : undefined}
        onFocus={() => {
          editing.current = true;
          atFocus.current = lastSaved.current || title;
        }}
        onChange={(event) => {
          const value = event.target.value;
          setDraft(value);
          clearTimer();
          timer.current = setTimeout(() => save(value), SAVE_DELAY_MS);
        }}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit();
            onDone?.();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            clearTimer();
            const original = atFocus.current;
            setDraft(original);
            if (original !== lastSaved.current) save(original);
            editing.current = false; // so the blur that follows does not save the discarded draft
            event.currentTarget.blur();
          }
        }}
      />
      {message && (
        <span
          id="title-error"
          className="title-field__error"
          role="alert"
          title={detail ?? undefined}
          aria-label={detail ?? undefined}
        >
          {message}
        </span>
      )}
    </div>
  );
}
