/**
 * Times in the history list (client/history/format.ts): versions saved in the
 * same minute are told apart by their seconds, and only those.
 */
import { describe, expect, it } from 'vitest';
import type { RevisionSummary } from '../../shared/api.ts';
import {
  formatTime,
  revisionLabel,
  revisionName,
  timeLabels,
} from '../../client/history/format.ts';

const at = (id: number, createdAt: string): RevisionSummary => ({
  id,
  createdAt,
  kind: 'auto',
  name: null,
  restoredFrom: null,
  createdBy: null,
  authors: [],
  wordsAdded: 1,
  wordsRemoved: 0,
  formattingChanged: false,
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

describe('revisionName', () => {
  const ana = { id: 'u1', displayName: 'Ana', color: '#123456' };
  const from = '2026-12-07T12:00:00.000Z';
  const now = new Date('2026-12-07T12:05:00.000Z');
  const restore = (over: Partial<RevisionSummary>): RevisionSummary => ({
    ...at(5, '2026-12-07T12:04:00.000Z'),
    kind: 'restore',
    createdBy: ana,
    ...over,
  });

  it('names a restore from what it brought back, an unnamed one by its time here', () => {
    const unnamed = restore({ restoredFrom: { id: 2, createdAt: from, name: null } });
    expect(revisionName(unnamed, now)).toBe(`Restored from today at ${formatTime(from)} by Ana`);
    const named = restore({ restoredFrom: { id: 2, createdAt: from, name: 'Cleared' } });
    expect(revisionLabel(named, now)).toBe('Restored from Cleared by Ana');
    // The restorer's account is gone: the name says only what was restored.
    expect(revisionName({ ...named, createdBy: null }, now)).toBe('Restored from Cleared');
  });

  it('gives the time as the list does: to the second when another version shares its minute', () => {
    const twin = '2026-12-07T12:00:41.000Z';
    const restoreOf = restore({ restoredFrom: { id: 2, createdAt: from, name: null } });
    const times = timeLabels([restoreOf, at(3, twin), at(2, from)]);
    const seconds = times.get(2)!;
    expect(seconds).toMatch(/^\d\d:\d\d:00$/);
    expect(revisionName(restoreOf, now, times)).toBe(`Restored from today at ${seconds} by Ana`);
    expect(revisionLabel(at(3, twin), now, times)).toBe(`Version of today at ${times.get(3)}`);
    expect(times.get(3)).toMatch(/:41$/);
    // Alone in its minute, a version keeps the short time.
    const alone = timeLabels([restoreOf, at(2, from)]);
    expect(revisionName(restoreOf, now, alone)).toBe(
      `Restored from today at ${formatTime(from)} by Ana`,
    );
  });

  it('keeps the name a restore was stored with before, and names no automatic version', () => {
    const legacy = 'Restored from 2026-12-07 12:00 UTC by Ana';
    expect(revisionName(restore({ name: legacy }), now)).toBe(legacy);
    expect(revisionName(at(1, from), now)).toBeNull();
  });
});
