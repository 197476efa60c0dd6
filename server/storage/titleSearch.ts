/**
 * Title search for the brief list, as people expect from Google Docs: every
 * word of the query must appear in the title, in any order, ignoring case
 * and accents ("summit panama" finds "Panamá: options for the summit").
 *
 * Matching happens here rather than in SQL so that SQLite and PostgreSQL
 * agree exactly: SQLite's LIKE folds only ASCII case, PostgreSQL's ILIKE
 * folds by the database's locale, and neither removes accents without an
 * extension or a stored search key. It costs nothing extra: a search reads
 * the same rows as the unfiltered list, which every open list fetches every
 * few seconds anyway. Query characters are plain text, so `%` and `_` are
 * literal.
 */
import { fold } from '../../shared/text.ts';
import type { BriefRecord } from './types.ts';

/** Words beyond these are ignored: no title needs more to be found. */
export const SEARCH_MAX_WORDS = 10;

/** The query's distinct folded words, at most SEARCH_MAX_WORDS; none for a blank query. */
export function searchWords(query: string | undefined): string[] {
  const words = new Set(
    fold(query ?? '')
      .split(/\s+/u)
      .filter(Boolean),
  );
  return [...words].slice(0, SEARCH_MAX_WORDS);
}

/** The briefs whose title holds every word of `query`, in their order; all of them for a blank query. */
export function filterByTitle(briefs: BriefRecord[], query: string | undefined): BriefRecord[] {
  const words = searchWords(query);
  if (words.length === 0) return briefs;
  return briefs.filter((brief) => {
    const title = fold(brief.title);
    return words.every((word) => title.includes(word));
  });
}
