import { useCallback, useState } from 'react';
import type { BriefSummary } from '../../shared/api.ts';

export type BriefOrder = 'edited' | 'title' | 'created';

export const BRIEF_ORDERS: ReadonlyArray<{ value: BriefOrder; label: string }> = [
  { value: 'edited', label: 'Last edited' },
  { value: 'title', label: 'Title' },
  { value: 'created', label: 'Date created' },
];

const STORAGE_KEY = 'briefdesk:briefs-order';

export function isBriefOrder(value: unknown): value is BriefOrder {
  return BRIEF_ORDERS.some((order) => order.value === value);
}

function readOrder(): BriefOrder {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isBriefOrder(stored) ? stored : 'edited';
  } catch {
    return 'edited';
  }
}

/** How the list is sorted: a person's habit, so remembered in this browser rather than per account. */
export function useBriefOrder(): [BriefOrder, (order: BriefOrder) => void] {
  const [order, setOrder] = useState(readOrder);
  const choose = useCallback((next: BriefOrder) => {
    setOrder(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Storage full or disabled: the choice holds until the page is left.
    }
  }, []);
  return [order, choose];
}

// Numeric: "Brief 2" before "Brief 10"; base sensitivity: "émigré" beside "emigre", case aside.
const titleCollator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function newestFirst(a: string, b: string): number {
  return Date.parse(b) - Date.parse(a);
}

// Ties fall back to the last edit, then the id, so equal keys never swap places between refreshes.
const compare: Record<BriefOrder, (a: BriefSummary, b: BriefSummary) => number> = {
  edited: (a, b) => newestFirst(a.updatedAt, b.updatedAt),
  title: (a, b) => titleCollator.compare(a.title, b.title) || newestFirst(a.updatedAt, b.updatedAt),
  created: (a, b) => newestFirst(a.createdAt, b.createdAt) || newestFirst(a.updatedAt, b.updatedAt),
};

/** A sorted copy: the list is not paginated, so the whole of it is at hand. */
export function sortBriefs(briefs: readonly BriefSummary[], order: BriefOrder): BriefSummary[] {
  return [...briefs].sort((a, b) => compare[order](a, b) || (a.id < b.id ? -1 : 1));
}

/** When any of the briefs was last edited, whatever their order; null for none. */
export function lastEdited(briefs: readonly BriefSummary[]): string | null {
  let latest: string | null = null;
  for (const brief of briefs) {
    if (latest === null || Date.parse(brief.updatedAt) > Date.parse(latest))
      latest = brief.updatedAt;
  }
  return latest;
}
