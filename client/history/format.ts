/**
 * Dates and labels of the history panel. British English throughout ("Mon
 * 16 Nov", "14:32"): the app's copy is English, and a 24-hour clock with the
 * day before the month reads unambiguously to every office that uses it.
 */
import type { RevisionSummary } from '../../shared/api.ts';

const LOCALE = 'en-GB';
const time = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit' });
const timeWithSeconds = new Intl.DateTimeFormat(LOCALE, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const weekdayDate = new Intl.DateTimeFormat(LOCALE, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});
const weekdayDateYear = new Intl.DateTimeFormat(LOCALE, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const shortDate = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short' });
const shortDateYear = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

function dayKey(date: Date): string {
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

function daysBetween(earlier: Date, later: Date): number {
  const a = new Date(earlier.getFullYear(), earlier.getMonth(), earlier.getDate());
  const b = new Date(later.getFullYear(), later.getMonth(), later.getDate());
  return Math.round((b.getTime() - a.getTime()) / 86_400_000);
}

/** "14:32" */
export function formatTime(iso: string): string {
  return time.format(new Date(iso));
}

/**
 * Each revision's time as the list shows it: "14:32", or "14:32:07" when
 * another revision was saved in the same minute of the same day — several
 * automatic versions a minute apart otherwise read as one time, over and over.
 */
export function timeLabels(revisions: readonly RevisionSummary[]): Map<number, string> {
  const minuteOf = (iso: string) => `${dayKey(new Date(iso))} ${formatTime(iso)}`;
  const perMinute = new Map<string, number>();
  for (const r of revisions) {
    const key = minuteOf(r.createdAt);
    perMinute.set(key, (perMinute.get(key) ?? 0) + 1);
  }
  return new Map(
    revisions.map((r) => [
      r.id,
      (perMinute.get(minuteOf(r.createdAt)) ?? 0) > 1
        ? timeWithSeconds.format(new Date(r.createdAt))
        : formatTime(r.createdAt),
    ]),
  );
}

/** "Today", "Yesterday", "Mon 16 Nov" (with the year when it is not this year's). */
export function dayLabel(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  const days = daysBetween(date, now);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  // Intl puts a comma after the weekday ("Mon, 16 Nov"); the timeline reads better without.
  const format = date.getFullYear() === now.getFullYear() ? weekdayDate : weekdayDateYear;
  return format.format(date).replace(',', '');
}

/**
 * "today at 14:32", "yesterday at 09:05", "16 Nov at 14:32". `time` replaces
 * the minute: a list's label for the revision, "14:32:07" when another
 * version shares its minute (timeLabels).
 */
export function dateTimePhrase(
  iso: string,
  now: Date = new Date(),
  time: string = formatTime(iso),
): string {
  const date = new Date(iso);
  const days = daysBetween(date, now);
  const day =
    days === 0
      ? 'today'
      : days === 1
        ? 'yesterday'
        : (date.getFullYear() === now.getFullYear() ? shortDate : shortDateYear).format(date);
  return `${day} at ${time}`;
}

/** Each revision's time as a list shows it (timeLabels), by id. */
export type TimeLabels = ReadonlyMap<number, string>;

/**
 * A revision's name: a named version's, or a restore's "Restored from … by …".
 * The server keeps what a restore brought back, not a name, so the time in it
 * is put in the reader's time zone here; restores from before that keep the
 * name they were stored with. Null for an automatic version. With the
 * list's `times`, an unnamed version is given the time the list shows for it,
 * to the second when it shares its minute with another.
 */
export function revisionName(
  revision: Pick<RevisionSummary, 'name' | 'restoredFrom' | 'createdBy'>,
  now: Date = new Date(),
  times?: TimeLabels,
): string | null {
  if (revision.name) return revision.name;
  const from = revision.restoredFrom;
  if (!from) return null;
  const by = revision.createdBy ? ` by ${revision.createdBy.displayName}` : '';
  const when = dateTimePhrase(from.createdAt, now, times?.get(from.id));
  return `Restored from ${from.name ?? when}${by}`;
}

/** A revision as people refer to it: its name, or when it was saved (see revisionName). */
export function revisionLabel(
  revision: RevisionSummary,
  now: Date = new Date(),
  times?: TimeLabels,
): string {
  return (
    revisionName(revision, now, times) ??
    `Version of ${dateTimePhrase(revision.createdAt, now, times?.get(revision.id))}`
  );
}

/**
 * The approved revision as people refer to it, with the list's `times`
 * (timeLabels); by its number when it is not in the list.
 */
export function approvedLabel(
  approvedId: number,
  revisions: readonly RevisionSummary[],
  times: TimeLabels,
): string {
  const revision = revisions.find((r) => r.id === approvedId);
  return revision ? revisionLabel(revision, new Date(), times) : `version ${approvedId}`;
}

export interface DayGroup {
  key: string;
  label: string;
  revisions: RevisionSummary[];
}

/** Revisions (newest first) grouped by local day, in the same order. */
export function groupByDay(revisions: readonly RevisionSummary[], now = new Date()): DayGroup[] {
  const groups: DayGroup[] = [];
  for (const revision of revisions) {
    const key = dayKey(new Date(revision.createdAt));
    const last = groups[groups.length - 1];
    if (last?.key === key) last.revisions.push(revision);
    else groups.push({ key, label: dayLabel(revision.createdAt, now), revisions: [revision] });
  }
  return groups;
}

/** "+12 words −3 words"; null when no words changed (formatting only, or an empty restore). */
export function wordsSummary(revision: Pick<RevisionSummary, 'wordsAdded' | 'wordsRemoved'>): {
  added: string | null;
  removed: string | null;
} {
  const plural = (n: number) => (n === 1 ? 'word' : 'words');
  return {
    added:
      revision.wordsAdded > 0 ? `+${revision.wordsAdded} ${plural(revision.wordsAdded)}` : null,
    removed:
      revision.wordsRemoved > 0
        ? `−${revision.wordsRemoved} ${plural(revision.wordsRemoved)}`
        : null,
  };
}
