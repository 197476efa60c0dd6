import { useCallback, useEffect, useRef, useState } from 'react';
import type { SourceSummary } from '../../shared/api.ts';
import { isAbortError, toApiError, type ApiError } from '../api.ts';
import { addSource, listSources, removeSource } from './api.ts';
import { rejectReason } from './upload.ts';
import { useRefresh } from '../ui/useRefresh.ts';

export type SourcesState =
  | { status: 'loading' }
  | { status: 'ready'; sources: SourceSummary[] }
  | { status: 'error'; error: ApiError };

/** One file handed to the sidebar, from pick or drop to the server's answer. */
export type UploadItem = { key: number; name: string } & (
  | { status: 'uploading' }
  | { status: 'added'; source: SourceSummary }
  | { status: 'known'; source: SourceSummary }
  | { status: 'rejected'; message: string }
);

/** How often an open sidebar looks for sources others added or removed. */
export const SOURCES_POLL_MS = 15_000;

function idsOf(sources: readonly SourceSummary[]): string {
  return sources
    .map((s) => s.id)
    .sort()
    .join(',');
}

/** Newest first: what was just added is what a person looks for. */
const byNewest = (a: SourceSummary, b: SourceSummary) => b.createdAt.localeCompare(a.createdAt);

/**
 * The stored sources, uploads in progress and their outcomes, and removal.
 * `onChanged` runs after anything that changes the cards (a new source, a
 * removed one) so the caller can reload them.
 */
export function useSources(onChanged: () => void) {
  const [state, setState] = useState<SourcesState>({ status: 'loading' });
  const [uploads, setUploads] = useState<UploadItem[]>([]);
  const [generation, setGeneration] = useState(0);
  const nextKey = useRef(1);
  const onChangedRef = useRef(onChanged);
  useEffect(() => {
    onChangedRef.current = onChanged;
  });

  useEffect(() => {
    const controller = new AbortController();
    setState((prev) => (prev.status === 'ready' ? prev : { status: 'loading' }));
    listSources(controller.signal).then(
      (sources) => setState({ status: 'ready', sources: [...sources].sort(byNewest) }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ status: 'error', error: toApiError(error) });
      },
    );
    return () => controller.abort();
  }, [generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);

  // Others add and remove sources too, and nothing pushes that: the small
  // list is fetched again, and a different set of sources reloads it and the cards.
  const known = useRef<string | null>(null);
  useEffect(() => {
    if (state.status === 'ready') known.current = idsOf(state.sources);
  }, [state]);
  const background = useRef<AbortController | null>(null);
  useEffect(() => () => background.current?.abort(), []);
  useRefresh(() => {
    if (known.current === null) return;
    background.current?.abort();
    const current = new AbortController();
    background.current = current;
    listSources(current.signal).then(
      (sources) => {
        if (idsOf(sources) === known.current) return;
        known.current = idsOf(sources);
        setState({ status: 'ready', sources: [...sources].sort(byNewest) });
        onChangedRef.current();
      },
      () => undefined, // a missed check is retried at the next one
    );
  }, SOURCES_POLL_MS);

  const settle = useCallback((key: number, item: UploadItem) => {
    setUploads((list) => list.map((u) => (u.key === key ? item : u)));
  }, []);

  /** Checks, reads and sends each file; files go one at a time so results arrive in order. */
  const upload = useCallback(
    async (files: readonly File[]) => {
      const items = files.map((file) => ({ file, key: nextKey.current++ }));
      setUploads((list) => [
        ...items.map(({ file, key }): UploadItem => {
          const reason = rejectReason(file);
          return reason
            ? { key, name: file.name, status: 'rejected', message: reason }
            : { key, name: file.name, status: 'uploading' };
        }),
        ...list,
      ]);
      let changed = false;
      for (const { file, key } of items) {
        if (rejectReason(file)) continue;
        const name = file.name;
        let content: string;
        try {
          content = await file.text();
        } catch {
          settle(key, { key, name, status: 'rejected', message: 'The file couldn’t be read.' });
          continue;
        }
        try {
          const { source, created } = await addSource({ filename: name, content });
          settle(key, { key, name, status: created ? 'added' : 'known', source });
          if (created) {
            changed = true;
            setState((prev) =>
              prev.status === 'ready'
                ? { status: 'ready', sources: [source, ...prev.sources].sort(byNewest) }
                : prev,
            );
          }
        } catch (error) {
          settle(key, { key, name, status: 'rejected', message: toApiError(error).message });
        }
      }
      if (changed) onChangedRef.current();
    },
    [settle],
  );

  const dismissUpload = useCallback((key: number) => {
    setUploads((list) => list.filter((u) => u.key !== key));
  }, []);

  const clearUploads = useCallback(() => {
    setUploads((list) => list.filter((u) => u.status === 'uploading'));
  }, []);

  /** Rejects with the server's reason (e.g. a 403 for someone else's source). */
  const remove = useCallback(async (id: string) => {
    await removeSource(id);
    setState((prev) =>
      prev.status === 'ready'
        ? { status: 'ready', sources: prev.sources.filter((s) => s.id !== id) }
        : prev,
    );
    onChangedRef.current();
  }, []);

  return { state, uploads, upload, dismissUpload, clearUploads, remove, reload };
}
