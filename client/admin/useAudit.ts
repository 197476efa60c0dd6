import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEntry } from '../../shared/api.ts';
import { isAbortError, toApiError, type ApiError } from '../api.ts';
import { listAudit } from './api.ts';

export const AUDIT_PAGE_SIZE = 50;

export type AuditState =
  | { status: 'loading' }
  | {
      status: 'ready';
      entries: AuditEntry[];
      /** A full page came back last time, so older entries may exist. */
      hasMore: boolean;
      more: { status: 'idle' } | { status: 'loading' } | { status: 'error'; error: ApiError };
    }
  | { status: 'error'; error: ApiError };

/** The audit log, newest first, paged backwards by entry id ("Load more"). */
export function useAudit() {
  const [state, setState] = useState<AuditState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const moreController = useRef<AbortController | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    moreController.current?.abort();
    setState({ status: 'loading' });
    listAudit({ limit: AUDIT_PAGE_SIZE }, controller.signal).then(
      (entries) =>
        setState({
          status: 'ready',
          entries,
          hasMore: entries.length === AUDIT_PAGE_SIZE,
          more: { status: 'idle' },
        }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ status: 'error', error: toApiError(error) });
      },
    );
    return () => controller.abort();
  }, [generation]);

  useEffect(() => () => moreController.current?.abort(), []);

  const loadMore = useCallback(() => {
    if (state.status !== 'ready' || !state.hasMore || state.more.status === 'loading') return;
    const last = state.entries[state.entries.length - 1];
    const controller = new AbortController();
    moreController.current = controller;
    setState({ ...state, more: { status: 'loading' } });
    listAudit({ limit: AUDIT_PAGE_SIZE, before: last?.id }, controller.signal).then(
      (older) =>
        setState((prev) =>
          prev.status === 'ready'
            ? {
                status: 'ready',
                entries: [...prev.entries, ...older],
                hasMore: older.length === AUDIT_PAGE_SIZE,
                more: { status: 'idle' },
              }
            : prev,
        ),
      (error: unknown) => {
        if (isAbortError(error)) return;
        setState((prev) =>
          prev.status === 'ready'
            ? { ...prev, more: { status: 'error', error: toApiError(error) } }
            : prev,
        );
      },
    );
  }, [state]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { state, loadMore, reload };
}
