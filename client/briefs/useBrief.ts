import { useCallback, useEffect, useRef, useState } from 'react';
import type { BriefSummary } from '../../shared/api.ts';
import type { BriefId } from '../../shared/briefId.ts';
import { getBrief, isAbortError, renameBrief, toApiError, type ApiError } from '../api.ts';
import { useRefresh } from '../ui/useRefresh.ts';
import { useAccount } from '../auth/AuthContext.tsx';
import {
  forgetCachedBrief,
  readCachedBrief,
  readPendingTitle,
  writeCachedBrief,
  writePendingTitle,
} from './briefCache.ts';

export type BriefState =
  | { status: 'loading' }
  | { status: 'ready'; brief: BriefSummary; stale: boolean }
  | { status: 'not-found' }
  /**
   * Deleted (or moved to the trash) while open here: the last known metadata
   * stays, so the page keeps showing the text (read-only) for the person to
   * copy what they need.
   */
  | { status: 'deleted'; brief: BriefSummary; trashed: boolean }
  /** In the trash, and not seen here before: its owner can restore it. */
  | { status: 'trashed' }
  /** `revoked`: this person could open it earlier in this visit and lost access meanwhile. */
  | { status: 'forbidden'; revoked: boolean }
  /** Unreachable and never seen on this device: the editor still opens from its local copy. */
  | { status: 'unavailable'; error: ApiError };

/**
 * How often the metadata is refetched while the brief is open and visible.
 * The server does not push role changes, and a demoted editor must stop
 * typing into text the server now drops, so this is the delay before the
 * editor turns read-only.
 */
export const BRIEF_POLL_MS = 5_000;

/**
 * One brief's metadata: title, who edited last, and the caller's role.
 * Titles and roles are not part of the collaborative document, so changes are
 * picked up by refetching on focus, on reconnect, and every few seconds.
 */
export function useBrief(id: BriefId): {
  state: BriefState;
  /**
   * Renames; a rename the network stopped is kept (pendingTitle) and sent
   * again with the next successful fetch, and the promise still rejects.
   */
  rename: (title: string) => Promise<BriefSummary>;
  /** A title renamed here that the server does not have yet. */
  pendingTitle: string | null;
  reload: () => void;
  /** The socket said the brief is gone (or in the trash): show it so and stop asking the server. */
  markDeleted: (trashed: boolean) => void;
} {
  const { id: userId } = useAccount();
  const [state, setState] = useState<{ id: BriefId; value: BriefState }>(() => {
    const cached = readCachedBrief(userId, id);
    return {
      id,
      value: cached ? { status: 'ready', brief: cached, stale: true } : { status: 'loading' },
    };
  });
  const [generation, setGeneration] = useState(0);
  const [pending, setPending] = useState(() => ({ id, title: readPendingTitle(userId, id) }));
  const pendingTitle = pending.id === id ? pending.title : null;
  const keepPending = useCallback(
    (title: string | null) => {
      writePendingTitle(userId, id, title);
      setPending({ id, title });
    },
    [id, userId],
  );
  /** One retry of a pending title at a time: fetches come every few seconds. */
  const flushing = useRef(false);
  // A deleted brief is not polled again: each request would only be another 404 (or 410).
  const deletedId = useRef<BriefId | null>(null);
  /** The current brief's fetch, for the periodic refresh. */
  const loadRef = useRef<(() => void) | null>(null);

  useEffect(() => {
    let controller: AbortController | null = null;
    const load = () => {
      if (deletedId.current === id) return;
      controller?.abort();
      const current = new AbortController();
      controller = current;
      getBrief(id, current.signal).then(
        (brief) => {
          writeCachedBrief(userId, brief);
          setState({ id, value: { status: 'ready', brief, stale: false } });
          flushPendingTitle(brief);
        },
        (error: unknown) => {
          if (isAbortError(error)) return;
          const apiError = toApiError(error);
          if (apiError.status === 404 || apiError.status === 410 || apiError.status === 403) {
            forgetCachedBrief(userId, id);
            setState((prev) => {
              const was = prev.id === id ? prev.value : null;
              if (apiError.status !== 403) {
                deletedId.current = id;
                const trashed = apiError.status === 410;
                const brief =
                  was?.status === 'ready' || was?.status === 'deleted' ? was.brief : null;
                return {
                  id,
                  value: brief
                    ? { status: 'deleted', brief, trashed }
                    : { status: trashed ? 'trashed' : 'not-found' },
                };
              }
              const revoked =
                was?.status === 'ready' || (was?.status === 'forbidden' && was.revoked);
              return { id, value: { status: 'forbidden', revoked } };
            });
            return;
          }
          setState((prev) => {
            if (prev.id === id && prev.value.status === 'ready') {
              return { id, value: { ...prev.value, stale: true } };
            }
            if (prev.id === id && prev.value.status === 'deleted') return prev;
            const cached = readCachedBrief(userId, id);
            return {
              id,
              value: cached
                ? { status: 'ready', brief: cached, stale: true }
                : { status: 'unavailable', error: apiError },
            };
          });
        },
      );
    };
    // The server answers again: send it the title renamed while it could not be reached.
    const flushPendingTitle = (brief: BriefSummary) => {
      const title = readPendingTitle(userId, id);
      if (title === null || flushing.current) return;
      if (title === brief.title) {
        keepPending(null);
        return;
      }
      flushing.current = true;
      renameBrief(id, title)
        .then(
          (renamed) => {
            keepPending(null);
            writeCachedBrief(userId, renamed);
            setState({ id, value: { status: 'ready', brief: renamed, stale: false } });
          },
          (error: unknown) => {
            // Refused (too long, no longer allowed): retrying would never succeed.
            if (!toApiError(error).isNetworkError) keepPending(null);
          },
        )
        .finally(() => (flushing.current = false));
    };
    load();
    loadRef.current = load;
    return () => {
      loadRef.current = null;
      controller?.abort();
    };
  }, [id, userId, generation, keepPending]);
  useRefresh(() => loadRef.current?.(), BRIEF_POLL_MS);

  const rename = useCallback(
    async (title: string) => {
      let brief: BriefSummary;
      try {
        brief = await renameBrief(id, title);
      } catch (error) {
        if (toApiError(error).isNetworkError) {
          keepPending(title);
          // A reload offline opens with the title as renamed here.
          const cached = readCachedBrief(userId, id);
          if (cached) writeCachedBrief(userId, { ...cached, title });
        }
        throw error;
      }
      keepPending(null);
      writeCachedBrief(userId, brief);
      setState({ id, value: { status: 'ready', brief, stale: false } });
      return brief;
    },
    [id, userId, keepPending],
  );

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const markDeleted = useCallback(
    (trashed: boolean) => {
      deletedId.current = id;
      forgetCachedBrief(userId, id);
      setState((prev) => {
        const was = prev.id === id ? prev.value : null;
        if (was?.status !== 'ready') return prev;
        return { id, value: { status: 'deleted', brief: was.brief, trashed } };
      });
    },
    [id, userId],
  );

  const value: BriefState = state.id === id ? state.value : { status: 'loading' };
  return { state: value, rename, pendingTitle, reload, markDeleted };
}
