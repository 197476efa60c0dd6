import { useCallback, useEffect, useState } from 'react';
import type { BriefSummary } from '../../shared/api.ts';
import type { BriefId } from '../../shared/briefId.ts';
import { ApiError, getBrief, isAbortError, renameBrief } from '../api.ts';

export type BriefState =
  | { status: 'loading' }
  | { status: 'ready'; brief: BriefSummary; stale: boolean }
  | { status: 'not-found' }
  /** Unreachable and never seen on this device: the editor still opens from its local copy. */
  | { status: 'unavailable'; error: ApiError };

// The last known metadata, so a brief opened offline still shows its title.
const cacheKey = (id: BriefId) => `briefdesk:brief:${id}`;

function readCache(id: BriefId): BriefSummary | null {
  try {
    const raw = localStorage.getItem(cacheKey(id));
    return raw ? (JSON.parse(raw) as BriefSummary) : null;
  } catch {
    return null;
  }
}

/** Seeds the cache, e.g. with a brief just created, so its page shows the title at once. */
export function rememberBrief(brief: BriefSummary): void {
  writeCache(brief);
}

function writeCache(brief: BriefSummary): void {
  try {
    localStorage.setItem(cacheKey(brief.id), JSON.stringify(brief));
  } catch {
    // Only a convenience for offline use.
  }
}

export function forgetBrief(id: BriefId): void {
  try {
    localStorage.removeItem(cacheKey(id));
  } catch {
    // See writeCache.
  }
}

const REFRESH_MS = 60_000;

/**
 * One brief's metadata (title, who edited last). Titles are not part of the
 * collaborative document, so others' renames are picked up by refetching when
 * the window regains focus and once a minute while it is visible.
 */
export function useBrief(id: BriefId): {
  state: BriefState;
  rename: (title: string) => Promise<BriefSummary>;
} {
  const [state, setState] = useState<{ id: BriefId; value: BriefState }>(() => {
    const cached = readCache(id);
    return {
      id,
      value: cached ? { status: 'ready', brief: cached, stale: true } : { status: 'loading' },
    };
  });

  useEffect(() => {
    let controller: AbortController | null = null;
    const load = () => {
      controller?.abort();
      const current = new AbortController();
      controller = current;
      getBrief(id, current.signal).then(
        (brief) => {
          writeCache(brief);
          setState({ id, value: { status: 'ready', brief, stale: false } });
        },
        (error: unknown) => {
          if (isAbortError(error)) return;
          if (error instanceof ApiError && error.code === 'not_found') {
            forgetBrief(id);
            setState({ id, value: { status: 'not-found' } });
            return;
          }
          const apiError =
            error instanceof ApiError ? error : new ApiError(0, 'network', String(error));
          setState((prev) => {
            if (prev.id === id && prev.value.status === 'ready') {
              return { id, value: { ...prev.value, stale: true } };
            }
            const cached = readCache(id);
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
    load();
    const onFocus = () => load();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') load();
    }, REFRESH_MS);
    window.addEventListener('focus', onFocus);
    window.addEventListener('online', onFocus);
    return () => {
      controller?.abort();
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      window.removeEventListener('online', onFocus);
    };
  }, [id]);

  const rename = useCallback(
    async (title: string) => {
      const brief = await renameBrief(id, title);
      writeCache(brief);
      setState({ id, value: { status: 'ready', brief, stale: false } });
      return brief;
    },
    [id],
  );

  const value: BriefState = state.id === id ? state.value : { status: 'loading' };
  return { state: value, rename };
}
