import { useEffect, useRef, useState } from 'react';
import { BRIEF_TITLE_MAX_LENGTH } from '../../shared/api.ts';
import { ApiError } from '../api.ts';

interface TitleFieldProps {
  /** The title as the server has it. */
  title: string;
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
 * A save that fails for lack of network is retried when the browser is online.
 */
export function TitleField({ title, onSave, onDone, autoFocus, disabled }: TitleFieldProps) {
  const [draft, setDraft] = useState(title);
  const [error, setError] = useState<string | null>(null);
  const editing = useRef(false);
  const atFocus = useRef(title);
  const lastSaved = useRef(title);
  const retryWhenOnline = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const onSaveRef = useRef(onSave);
  useEffect(() => {
    onSaveRef.current = onSave;
  });

  // Follow renames made elsewhere, but never under the person typing.
  useEffect(() => {
    lastSaved.current = title;
    if (!editing.current) setDraft(title);
  }, [title]);

  useEffect(() => {
    if (autoFocus) inputRef.current?.select();
  }, [autoFocus]);

  useEffect(() => {
    const onOnline = () => {
      const pending = retryWhenOnline.current;
      retryWhenOnline.current = null;
      if (pending !== null) save(pending);
    };
    window.addEventListener('online', onOnline);
    return () => {
      window.removeEventListener('online', onOnline);
      clearTimer();
    };
    // save and clearTimer only touch refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

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
      lastSaved.current = previous;
      if (err instanceof ApiError && err.isNetworkError) {
        retryWhenOnline.current = next;
        setError('Offline — the title will be saved when you’re back online');
      } else {
        setError(
          err instanceof ApiError
            ? `Couldn’t save the title: ${err.message}`
            : 'Couldn’t save the title',
        );
      }
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
        aria-describedby={error ? 'title-error' : undefined}
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
      {error && (
        <span id="title-error" className="title-field__error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
