import type { JSONContent } from '@tiptap/react';
import { useCallback, useEffect, useState } from 'react';
import type { AuthorSummary } from '../../shared/api.ts';
import type { BriefId } from '../../shared/briefId.ts';
import { ApiError, isAbortError, toApiError } from '../api.ts';
import { compareRevisions, getRevision, type RevisionRef } from './api.ts';

/**
 * What the preview shows: `to` with the changes since `from` marked, or just
 * `to`'s content when there is nothing earlier to compare with (`from` null).
 */
export interface CompareTarget {
  from: number | null;
  to: RevisionRef;
}

export type CompareState =
  | { status: 'idle' }
  | { status: 'loading' }
  | {
      status: 'ready';
      /** ProseMirror JSON, with `ychange` marks and attributes when `from` was given. */
      doc: JSONContent;
      /** Everyone whose changes are marked, with their colours. */
      authors: AuthorSummary[];
      /** False when `doc` is plain content (nothing to compare with). */
      marked: boolean;
    }
  | { status: 'error'; error: ApiError };

function isDoc(value: unknown): value is JSONContent {
  return typeof value === 'object' && value !== null && (value as JSONContent).type === 'doc';
}

/** The comparison (or content) for `target`; null shows nothing. Changing target aborts the last. */
export function useCompare(
  briefId: BriefId,
  target: CompareTarget | null,
): { state: CompareState; key: string; retry: () => void } {
  // Tagged with the target it belongs to, so a new target never shows the last one's document.
  const [tagged, setTagged] = useState<{ key: string; state: CompareState }>({
    key: '',
    state: { status: 'idle' },
  });
  const [attempt, setAttempt] = useState(0);
  const from = target?.from ?? null;
  const to = target?.to ?? null;
  const key = `${from}→${to}`;

  useEffect(() => {
    const setState = (state: CompareState) => setTagged({ key: `${from}→${to}`, state });
    if (to === null) {
      setState({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    setState({ status: 'loading' });
    const work =
      from === null
        ? typeof to === 'number'
          ? getRevision(briefId, to, controller.signal).then((r) => ({
              doc: r.content,
              authors: r.revision.authors,
              marked: false,
            }))
          : Promise.reject(
              new ApiError(
                0,
                'unexpected_response',
                'Choose a version to compare the current text with.',
              ),
            )
        : compareRevisions(briefId, from, to, controller.signal).then((r) => ({
            doc: r.doc,
            authors: r.authors,
            marked: true,
          }));
    work.then(
      ({ doc, authors, marked }) => {
        if (!isDoc(doc)) {
          setState({
            status: 'error',
            error: new ApiError(
              200,
              'unexpected_response',
              'The server sent a version Briefdesk can’t read.',
            ),
          });
          return;
        }
        setState({ status: 'ready', doc, authors, marked });
      },
      (error: unknown) => {
        if (!isAbortError(error)) setState({ status: 'error', error: toApiError(error) });
      },
    );
    return () => controller.abort();
  }, [briefId, from, to, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const state: CompareState =
    tagged.key === key ? tagged.state : to === null ? { status: 'idle' } : { status: 'loading' };
  return { state, key, retry };
}
