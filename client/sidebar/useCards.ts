import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CardsIndex, CountryCard, IssueCard, RegionCard } from '../../shared/cards.ts';
import { isAbortError, toApiError, type ApiError } from '../api.ts';
import { getCards } from './api.ts';

export type CardsState =
  | { status: 'loading' }
  /** `refreshing`: a reload is under way; the cards shown are the previous ones. */
  | { status: 'ready'; cards: CardsIndex; refreshing: boolean }
  | { status: 'error'; error: ApiError };

/**
 * The cards index. A reload (after sources change) keeps the cards on screen
 * until the new ones arrive, so the list does not flash to a skeleton; a
 * failed reload keeps them too, since stale cards beat none.
 */
export function useCards() {
  const [state, setState] = useState<CardsState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState((prev) =>
      prev.status === 'ready' ? { ...prev, refreshing: true } : { status: 'loading' },
    );
    getCards(controller.signal).then(
      (cards) => setState({ status: 'ready', cards, refreshing: false }),
      (error: unknown) => {
        if (isAbortError(error)) return;
        setState((prev) =>
          prev.status === 'ready'
            ? { ...prev, refreshing: false }
            : { status: 'error', error: toApiError(error) },
        );
      },
    );
    return () => controller.abort();
  }, [generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { state, reload, generation };
}

/** Lookups the card views need: by code or id, and document titles for citations. */
export interface CardsLookup {
  index: CardsIndex;
  country: (code: string) => CountryCard | undefined;
  issue: (id: string) => IssueCard | undefined;
  region: (id: string) => RegionCard | undefined;
  /** The title as shown in the sidebar (sample prefix dropped; a badge says it). */
  documentTitle: (id: string) => string;
  /** The title as stored, for citations: a brief citing a sample should say so. */
  citationTitle: (id: string) => string;
}

export function useCardsLookup(index: CardsIndex | null): CardsLookup | null {
  return useMemo(() => {
    if (!index) return null;
    const countries = new Map(index.countries.map((c) => [c.code, c]));
    const issues = new Map(index.issues.map((i) => [i.id, i]));
    const regions = new Map(index.regions.map((r) => [r.id, r]));
    const titles = new Map(index.documents.map((d) => [d.id, d.title]));
    return {
      index,
      country: (code) => countries.get(code),
      issue: (id) => issues.get(id),
      region: (id) => regions.get(id),
      documentTitle: (id) => cleanTitle(titles.get(id) ?? ''),
      citationTitle: (id) => titles.get(id) || 'Untitled source',
    };
  }, [index]);
}

/** Sample titles carry a "Sample source:" prefix meant for the file; the badge says it instead. */
export function cleanTitle(title: string): string {
  return title.replace(/^Sample source:\s*/i, '').trim() || 'Untitled source';
}
