import { useCallback, useEffect, useRef, useState } from 'react';
import type { BriefSummary } from '../../shared/api.ts';
import type { BriefId } from '../../shared/briefId.ts';
import { ApiError, isAbortError, listBriefs } from '../api.ts';
import { useRefresh } from '../ui/useRefresh.ts';

export type BriefsState =
  | { status: 'loading' }
  /** `searching`: a newer query is in flight; the list shown is for the previous one. */
  | { status: 'ready'; briefs: BriefSummary[]; query: string; searching: boolean }
  | { status: 'error'; error: ApiError };

function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'unexpected_response', String(error));
}

/** How often an open brief list is fetched again (see useBriefs). */
export const BRIEFS_POLL_MS = 10_000;

/**
 * The list of briefs for a search query. A new query keeps showing the last
 * results (marked as searching) rather than flashing a skeleton; each request
 * aborts the one before, so a slow answer for an old query never wins.
 */
export function useBriefs(query: string) {
  const [state, setState] = useState<BriefsState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState((prev) =>
      prev.status === 'ready' ? { ...prev, searching: true } : { status: 'loading' },
    );
    listBriefs(query, controller.signal).then(
      (briefs) => setState({ status: 'ready', briefs, query, searching: false }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ status: 'error', error: toApiError(error) });
      },
    );
    return () => controller.abort();
  }, [query, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);

  // Others create, share, rename and delete briefs, and nothing pushes that.
  // The list is fetched again quietly, keeping what is shown if the fetch
  // fails, and recovering by itself from an error panel once the server
  // answers. (A 401 on the way sends the person to sign in.)
  const latestQuery = useRef(query);
  latestQuery.current = query;
  const background = useRef<AbortController | null>(null);
  useEffect(() => () => background.current?.abort(), []);
  useRefresh(() => {
    background.current?.abort();
    const current = new AbortController();
    background.current = current;
    const asked = latestQuery.current;
    listBriefs(asked, current.signal).then(
      (briefs) =>
        setState((prev) =>
          // A newer search owns the list; only a settled one (or an error) is refreshed.
          (prev.status === 'ready' && (prev.searching || prev.query !== asked)) ||
          prev.status === 'loading'
            ? prev
            : { status: 'ready', briefs, query: asked, searching: false },
        ),
      () => undefined, // stale beats empty; the next refresh tries again
    );
  }, BRIEFS_POLL_MS);

  const replace = useCallback((brief: BriefSummary) => {
    setState((prev) =>
      prev.status === 'ready'
        ? { ...prev, briefs: prev.briefs.map((b) => (b.id === brief.id ? brief : b)) }
        : prev,
    );
  }, []);

  const remove = useCallback((id: BriefId) => {
    setState((prev) =>
      prev.status === 'ready' ? { ...prev, briefs: prev.briefs.filter((b) => b.id !== id) } : prev,
    );
  }, []);

  return { state, reload, replace, remove };
}

/** `value`, once it has stopped changing for `delayMs`. */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}
