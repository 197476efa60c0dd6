import { useEffect, useRef, useState } from 'react';
import type { SourceTextResponse } from '../../shared/api.ts';
import { escapeRegExp } from '../../shared/text.ts';
import { isAbortError, toApiError, type ApiError } from '../api.ts';
import { fullDate } from '../briefs/relativeTime.ts';
import { Button } from '../ui/Button.tsx';
import { Dialog, DialogActions } from '../ui/Dialog.tsx';
import { IconAlert } from '../ui/icons.tsx';
import { getSource } from './api.ts';
import { cleanTitle } from './useCards.ts';

type State =
  | { status: 'loading' }
  | { status: 'ready'; source: SourceTextResponse['source']; text: string }
  | { status: 'missing' }
  | { status: 'error'; error: ApiError };

/**
 * A source read in full, with the cited passage highlighted and scrolled to:
 * what a reader of a brief checks a fact against. Opened from a citation in
 * the brief (double-click, or Enter on a selected one) or from the Sources tab.
 * A source removed since it was cited says so, and shows what the citation kept.
 */
export function SourceViewer({
  sourceId,
  title,
  excerpt = '',
  onClose,
}: {
  sourceId: string;
  /** Known before the text arrives (from the citation or the list). */
  title: string;
  /** The passage to highlight. */
  excerpt?: string;
  onClose: () => void;
}) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const markRef = useRef<HTMLElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    getSource(sourceId, controller.signal).then(
      ({ source, text }) => setState({ status: 'ready', source, text }),
      (error: unknown) => {
        if (isAbortError(error)) return;
        const apiError = toApiError(error);
        setState(
          apiError.status === 404 ? { status: 'missing' } : { status: 'error', error: apiError },
        );
      },
    );
    return () => controller.abort();
  }, [sourceId, attempt]);

  useEffect(() => {
    if (state.status === 'ready') markRef.current?.scrollIntoView({ block: 'center' });
  }, [state]);

  const shownTitle = cleanTitle(state.status === 'ready' ? state.source.title : title);
  const meta =
    state.status === 'ready'
      ? [
          state.source.filename,
          state.source.sample
            ? 'Sample pack'
            : state.source.addedBy && `Added by ${state.source.addedBy}`,
          fullDate(state.source.createdAt),
        ]
          .filter(Boolean)
          .join(' · ')
      : null;

  return (
    <Dialog title={shownTitle} description={meta} onClose={onClose} size="lg">
      <div className="source-viewer" data-testid="source-viewer">
        {state.status === 'loading' && (
          <div className="source-viewer__loading" aria-busy="true">
            <span className="skeleton source-viewer__line" />
            <span className="skeleton source-viewer__line" />
            <span className="skeleton source-viewer__line source-viewer__line--short" />
            <span className="sr-only">Loading the source</span>
          </div>
        )}
        {state.status === 'missing' && (
          <div className="source-viewer__missing">
            <p>
              This source has been removed. The citation keeps its title and the passage it cites:
            </p>
            {excerpt && <blockquote className="source-viewer__kept">{excerpt}</blockquote>}
          </div>
        )}
        {state.status === 'error' && (
          <div className="banner banner--danger" role="alert">
            <IconAlert size={16} />
            <span>The source couldn’t load: {state.error.message}</span>
            <Button size="sm" variant="secondary" onClick={() => setAttempt((n) => n + 1)}>
              Try again
            </Button>
          </div>
        )}
        {state.status === 'ready' && (
          <SourceText text={state.text} excerpt={excerpt} markRef={markRef} />
        )}
      </div>
      <DialogActions>
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function SourceText({
  text,
  excerpt,
  markRef,
}: {
  text: string;
  excerpt: string;
  markRef: React.RefObject<HTMLElement | null>;
}) {
  const at = findPassage(text, excerpt);
  return (
    // Focusable so the keyboard can scroll a long source.
    <div className="source-viewer__text" tabIndex={0} aria-label="Source text">
      {at === null ? (
        text
      ) : (
        <>
          {text.slice(0, at.start)}
          <mark ref={markRef} className="source-viewer__passage">
            {text.slice(at.start, at.end)}
          </mark>
          {text.slice(at.end)}
        </>
      )}
    </div>
  );
}

/**
 * Where the cited passage is in the source's text: exactly, or with any run of
 * whitespace matching any other (an excerpt is one line; the text keeps its breaks).
 */
export function findPassage(text: string, excerpt: string): { start: number; end: number } | null {
  const wanted = excerpt.trim();
  if (!wanted) return null;
  const exact = text.indexOf(wanted);
  if (exact >= 0) return { start: exact, end: exact + wanted.length };
  const pattern = wanted.split(/\s+/).map(escapeRegExp).join('\\s+');
  const match = new RegExp(pattern).exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : null;
}
