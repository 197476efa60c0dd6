import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { ApprovalStatus } from '../../shared/api.ts';
import type { BriefId } from '../../shared/briefId.ts';
import { toApiError, type ApiError } from '../api.ts';
import type { SyncTracker } from '../collab/syncTracker.ts';
import { getApproval } from './api.ts';

export type ApprovalState =
  | { status: 'loading' }
  | { status: 'ready'; approval: ApprovalStatus }
  | { status: 'error'; error: ApiError };

/**
 * How often the approval state is refetched. It flips to "changed" as soon as
 * anyone edits an approved brief, and the server does not push that, so the
 * top-bar pill may lag a live edit by up to this long.
 */
export const APPROVAL_POLL_MS = 30_000;

/*
 * One approval state per brief, shared by everything that shows it: the pill in
 * the top bar and the banner in the history panel are far apart in the tree,
 * and an approval or restore made in the panel must show in the pill at once.
 */
const LOADING: ApprovalState = { status: 'loading' };
const states = new Map<BriefId, ApprovalState>();
const listeners = new Map<BriefId, Set<() => void>>();
const inFlight = new Map<BriefId, Promise<void>>();

function setState(id: BriefId, state: ApprovalState): void {
  states.set(id, state);
  for (const listener of listeners.get(id) ?? []) listener();
}

/** Records an approval state the server just answered (approve, revisions list). */
export function publishApproval(id: BriefId, approval: ApprovalStatus): void {
  setState(id, { status: 'ready', approval });
}

/** Refetches now (e.g. after a restore changed the text); concurrent calls share one request. */
export function refreshApproval(id: BriefId): Promise<void> {
  const running = inFlight.get(id);
  if (running) return running;
  const work = getApproval(id)
    .then(
      (approval) => publishApproval(id, approval),
      (error: unknown) => {
        // A failed poll keeps the last known state rather than blanking the pill.
        if (states.get(id)?.status !== 'ready') {
          setState(id, { status: 'error', error: toApiError(error) });
        }
      },
    )
    .finally(() => inFlight.delete(id));
  inFlight.set(id, work);
  return work;
}

/** The brief's approval state, fetched on mount and kept fresh while the page is visible. */
export function useApproval(briefId: BriefId): { state: ApprovalState; refresh: () => void } {
  const subscribe = useCallback(
    (listener: () => void) => {
      const set = listeners.get(briefId) ?? new Set();
      set.add(listener);
      listeners.set(briefId, set);
      return () => {
        set.delete(listener);
      };
    },
    [briefId],
  );
  const state = useSyncExternalStore(subscribe, () => states.get(briefId) ?? LOADING);

  useEffect(() => {
    void refreshApproval(briefId);
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refreshApproval(briefId);
    }, APPROVAL_POLL_MS);
    return () => clearInterval(timer);
  }, [briefId]);

  const refresh = useCallback(() => void refreshApproval(briefId), [briefId]);
  return { state, refresh };
}

/**
 * An approved brief becomes "changed since approval" with the next edit. The
 * server does not push that, so when this person's own edits have just been
 * saved (the tracker goes from saving to saved; the status shown hides short
 * saves, so the tracker is read directly) the state is fetched again at once,
 * instead of at the next poll up to 30 s later.
 */
export function useApprovalAfterSaves(briefId: BriefId, tracker: SyncTracker): void {
  useEffect(() => {
    let previous = tracker.getSnapshot().state;
    return tracker.subscribe(() => {
      const now = tracker.getSnapshot().state;
      const was = previous;
      previous = now;
      const known = states.get(briefId);
      if (
        was === 'saving' &&
        now === 'saved' &&
        known?.status === 'ready' &&
        known.approval.state === 'approved'
      ) {
        void refreshApproval(briefId);
      }
    });
  }, [briefId, tracker]);
}
