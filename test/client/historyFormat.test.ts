/**
 * Times in the history list (client/history/format.ts): versions saved in the
 * same minute are told apart by their seconds, and only those.
 */
import { describe, expect, it } from 'vitest';
import type { RevisionSummary } from '../../shared/api.ts';
import { formatTime, timeLabels } from '../../client/history/format.ts';

const at = (id: number, createdAt: string): RevisionSummary => ({
  id,
  createdAt,
  kind: 'auto',
  name: null,
  authors: [],
  wordsAdded: 1,
  wordsRemoved: 0,
});

describe('timeLabels', () => {
  it('adds seconds only where two versions share a minute', () => {
    const revisions = [
      at(4, '2026-12-07T10:45:30.000Z'),
      at(3, '2026-12-07T10:44:52.000Z'),
      at(2, '2026-12-07T10:44:07.000Z'),
      at(1, '2026-12-06T10:44:20.000Z'), // the same minute, the day before
    ];
    const labels = timeLabels(revisions);
    const minute = (iso: string) => formatTime(iso);
    expect(labels.get(4)).toBe(minute('2026-12-07T10:45:30.000Z'));
    expect(labels.get(1)).toBe(minute('2026-12-06T10:44:20.000Z'));
    expect(labels.get(3)).toMatch(/^\d\d:\d\d:52$/);
    expect(labels.get(2)).toMatch(/^\d\d:\d\d:07$/);
    expect(labels.get(3)!.startsWith(minute('2026-12-07T10:44:52.000Z'))).toBe(true);
  });
});
