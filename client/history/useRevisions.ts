import { useCallback, useEffect, useState } from 'react';
import type { ApprovalStatus, RevisionSummary } from '../../shared/api.ts';
import type { BriefId } from '../../shared/briefId.ts';
import { isAbortError, toApiError, type ApiError } from '../api.ts';
import { listRevisions } from './api.ts';
import { publishApproval } from './useApproval.ts';

export type RevisionsState =
  | { status: 'loading' }
  /** Newest first. `error`: the last refresh failed; the list shown is the one before it. */
  | {
      status: 'ready';
      revisions: RevisionSummary[];
      approval: ApprovalStatus;
      error: ApiError | null;
    }
  | { status: 'error'; error: ApiError };

/**
 * While the panel is open, automatic revisions keep arriving (after each pause
 * in anyone's editing); a light poll shows them without a manual refresh.
 */
export const REVISIONS_POLL_MS = 30_000;

/**
 * The brief's revisions, newest first, with its approval state. `reload`
 * refetches without going back to the loading state, so the list does not
 * flash after a restore or a new named version.
 */
export function useRevisions(briefId: BriefId): {
  state: RevisionsState;
  reload: () => Promise<void>;
} {
  const [state, setState] = useState<RevisionsState>({ status: 'loading' });

  const load = useCallback(
    async (signal?: AbortSignal) => {
      // A retry after a failed first load shows the skeleton again; a refresh keeps the list.
      setState((prev) => (prev.status === 'error' ? { status: 'loading' } : prev));
      try {
        const { revisions, approval } = await listRevisions(briefId, signal);
        publishApproval(briefId, approval);
        setState({
          status: 'ready',
          revisions: [...revisions].sort((a, b) => b.id - a.id),
          approval,
          error: null,
        });
      } catch (error) {
        if (isAbortError(error)) return;
        const apiError = toApiError(error);
        setState((prev) =>
          prev.status === 'ready'
            ? { ...prev, error: apiError }
            : { status: 'error', error: apiError },
        );
      }
    },
    [briefId],
  );

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    void load(controller.signal);
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void load(controller.signal);
    }, REVISIONS_POLL_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [load]);

  const reload = useCallback(() => load(), [load]);
  return { state, reload };
}
