import type { Editor } from '@tiptap/react';
import { useCallback, useEffect, useState } from 'react';
import type { RankedCards } from '../../shared/cards.ts';
import { isAbortError, toApiError, type ApiError } from '../api.ts';
import { getRelevantCards } from './api.ts';

export type RelevantState =
  /** No editor yet: the document is still opening. */
  | { status: 'waiting' }
  /** The brief has no text. */
  | { status: 'empty' }
  | { status: 'loading' }
  /** `updating`: newer text is being ranked; the ranking shown is for the previous text. */
  | { status: 'ready'; relevant: RankedCards; updating: boolean }
  | { status: 'error'; error: ApiError };

/** Quiet time after the last change before the brief is ranked again. */
export const RELEVANT_DEBOUNCE_MS = 700;

type Cancel = () => void;

/** Runs `fn` when the browser is idle (or soon, where requestIdleCallback is missing). */
function whenIdle(fn: () => void): Cancel {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout: 500 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(fn, 0);
  return () => clearTimeout(id);
}

/**
 * Which cards the brief's current text is about, re-ranked a moment after
 * anyone (here or a co-author) stops changing it. Typing never waits on this:
 * the editor only restarts a timer, the text is read when the browser is idle,
 * and an answer that arrives after newer text was sent is dropped.
 * `cardsGeneration` re-ranks when the cards change (a source was added).
 */
export function useRelevantCards(editor: Editor | null, cardsGeneration: number) {
  const [state, setState] = useState<RelevantState>({ status: 'waiting' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!editor) {
      setState({ status: 'waiting' });
      return;
    }
    let timer: ReturnType<typeof setTimeout> | null = null;
    let cancelIdle: Cancel | null = null;
    let controller: AbortController | null = null;
    // The text last sent, so selection-only or formatting-only updates cost nothing.
    let lastText: string | null = null;

    const rank = () => {
      cancelIdle = whenIdle(() => {
        cancelIdle = null;
        if (editor.isDestroyed) return;
        // Blank lines between blocks: the server reads paragraphs as its units.
        const text = editor.getText({ blockSeparator: '\n\n' }).trim();
        if (text === lastText) return;
        lastText = text;
        controller?.abort();
        controller = null;
        if (!text) {
          setState({ status: 'empty' });
          return;
        }
        const current = new AbortController();
        controller = current;
        setState((prev) =>
          prev.status === 'ready' ? { ...prev, updating: true } : { status: 'loading' },
        );
        getRelevantCards(text, current.signal).then(
          (relevant) => setState({ status: 'ready', relevant, updating: false }),
          (error: unknown) => {
            if (isAbortError(error)) return;
            // Let the same text be tried again on the next change or on retry.
            lastText = null;
            setState({ status: 'error', error: toApiError(error) });
          },
        );
      });
    };

    const onUpdate = () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        rank();
      }, RELEVANT_DEBOUNCE_MS);
    };

    editor.on('update', onUpdate);
    rank();
    return () => {
      editor.off('update', onUpdate);
      if (timer !== null) clearTimeout(timer);
      cancelIdle?.();
      controller?.abort();
    };
  }, [editor, cardsGeneration, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}
