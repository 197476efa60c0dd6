/**
 * Which countries each sentence is about. A sentence naming countries (or
 * people tied to them) is about those, except countries named only inside an
 * issue phrase ("Chinese influence") or, in a "Panama: …" item, besides the
 * label's. One naming none borrows them, at a lower weight, from the lead-in
 * above a list or table, from the previous sentence when it opens with
 * "This…/It…/He…" or is itself a lead-in, or from the section heading.
 */
import type { IssueLinkVia, MentionVia } from '../../shared/cards.ts';
import type { PlaceMention } from './countries.ts';
import type { TermHit } from './issues.ts';
import type { Person } from './people.ts';
import type { Unit } from './segment.ts';
import { uniq } from './text.ts';

export interface Context {
  countries: string[];
  weight: number;
  via: IssueLinkVia;
}

export interface UnitInfo {
  t0: number;
  t1: number;
  /** Countries named in the unit (including modifiers and linked people). */
  countries: Map<string, MentionVia>;
  /**
   * Countries the unit is about. Not those named only inside an issue phrase
   * ("Chinese influence", "Chinese-backed"), nor, in a "Panama: …" item,
   * countries other than the label's.
   */
  subjects: string[];
  /** Links decided by proximity rather than by the unit's subject. */
  extraLinks: { country: string; issue: string; weight: number }[];
  /** Links come from extraLinks only (quote scoping decided them all). */
  scoped: boolean;
  /** Countries named as actors: no "Chinese-backed". */
  parties: Set<string>;
  regions: Set<string>;
  issues: Map<string, number>;
  ctx: Context | null;
}

/** How much a sentence counts for a country it borrows from context, by where it borrows from. */
const WEIGHT = {
  sentence: 1,
  'table-row': 1,
  'lead-in': 0.75,
  carried: 0.75,
  heading: 0.5,
  dateline: 0.5,
} as const;
const ANAPHOR =
  /^[“"‘]?(this|these|that|those|it|its|they|their|such|he|she|his|her|the (country|nation|government|administration|agreement|deal|accord|pact|plan|move|president|minister|leader|visit|trip))\b/i;
// "… ties with these nations …", "the three governments": a recent sentence naming that many countries.
const GROUP_ANAPHOR =
  /\b(these|both|the two|the three) (nations|countries|governments|partners)\b/i;
const GROUP_SIZE: Record<string, number> = { these: 2, both: 2, 'the two': 2, 'the three': 3 };
const PRONOUN_PERSON = /^[“"‘]?(he|she|his|her)\b/i;

/**
 * Which named countries the unit is about (see UnitInfo.subjects), and the
 * proximity links for the others: a country named inside an issue phrase
 * links to that issue only; a country in a labelled item other than the
 * label's links to issues in its own phrase ("Haiti’s ongoing crisis").
 */
export function decideSubjects(
  text: string,
  u: Unit,
  inf: UnitInfo,
  hits: TermHit[],
  mentions: PlaceMention[],
): void {
  const bound = new Map<string, Set<string>>();
  const free = new Set<string>();
  for (const m of mentions) {
    // Named inside the issue phrase ("Chinese influence"), or right next to a
    // co-occurrence word ("China's growing role"): the mention is that issue's.
    const h = hits.find(
      (x) =>
        x.issue &&
        ((x.start <= m.start && m.end <= x.end) ||
          (x.strength === 'cooccur' &&
            x.t0 >= m.t1 &&
            x.t0 - m.t1 <= 3 &&
            !/[,;:.!?]/.test(text.slice(m.end, x.start)))),
    );
    if (h) bound.set(m.id, (bound.get(m.id) ?? new Set()).add(h.issue));
    else free.add(m.id);
  }
  // People's countries are never inside an issue phrase.
  for (const [c, via] of inf.countries) if (via === 'person') free.add(c);
  const label = u.label;
  const labelled = label
    ? mentions.filter((m) => m.start >= label.start && m.end <= label.end).map((m) => m.id)
    : [];
  const subjects = labelled.length > 0 ? uniq(labelled) : [...free];
  inf.subjects = subjects;
  if (labelled.length === 0 && scopeByQuote(text, u, inf, hits, mentions, free)) return;
  for (const [c, issues] of bound) {
    if (free.has(c) && subjects.includes(c)) continue;
    for (const issue of issues) inf.extraLinks.push({ country: c, issue, weight: 1 });
  }
  if (labelled.length === 0) return;
  for (const m of mentions) {
    if (subjects.includes(m.id) || !free.has(m.id)) continue;
    for (const h of hits) {
      if (!h.issue) continue;
      const between = h.start >= m.end ? text.slice(m.end, h.start) : text.slice(h.end, m.start);
      const near = h.t0 >= m.t1 ? h.t0 - m.t1 : m.t0 - h.t1;
      if (near >= 0 && near <= 3 && !/[,;:.!?]/.test(between))
        inf.extraLinks.push({ country: m.id, issue: h.issue, weight: 1 });
    }
  }
}

const QUOTE_SPAN = /“[^”]*”|"[^"]*"/g;

/**
 * A sentence with a quotation and countries on both sides ("“…the regime in
 * Venezuela,” he said, also referencing Haiti"): issue words inside the quote
 * go to the countries inside it and to named speakers; words outside, to the
 * countries outside. Returns false when there is nothing to scope.
 */
function scopeByQuote(
  text: string,
  u: Unit,
  inf: UnitInfo,
  hits: TermHit[],
  mentions: PlaceMention[],
  free: Set<string>,
): boolean {
  const quotes = [...text.slice(u.start, u.end).matchAll(QUOTE_SPAN)]
    .filter((m) => m[0].split(/\s+/).length >= 3)
    .map((m) => ({ start: u.start + (m.index ?? 0), end: u.start + (m.index ?? 0) + m[0].length }));
  if (quotes.length === 0) return false;
  const inside = (a: number, b: number): boolean => quotes.some((q) => a >= q.start && b <= q.end);
  const freeMentions = mentions.filter((m) => free.has(m.id));
  const inQuote = new Set(freeMentions.filter((m) => inside(m.start, m.end)).map((m) => m.id));
  const outQuote = new Set(freeMentions.filter((m) => !inside(m.start, m.end)).map((m) => m.id));
  if (inQuote.size === 0 || outQuote.size === 0) return false;
  const speakers = [...inf.countries].filter(([, via]) => via === 'person').map(([c]) => c);
  for (const h of hits) {
    if (!h.issue) continue;
    const targets = inside(h.start, h.end) ? uniq([...inQuote, ...speakers]) : [...outQuote];
    for (const c of targets) inf.extraLinks.push({ country: c, issue: h.issue, weight: 1 });
  }
  inf.scoped = true;
  return true;
}

/** Sets `ctx` on every unit, in document order (a carried context may itself be carried). */
export function resolveContexts(
  text: string,
  units: Unit[],
  info: UnitInfo[],
  people: Person[],
  home: string | null,
): void {
  const personMentions = people
    .filter((p) => p.country !== null)
    .flatMap((p) => p.mentions.map((m) => ({ start: m.start, country: p.country as string })))
    .sort((a, b) => a.start - b.start);
  const own = (k: number): string[] => info[k].subjects;
  for (const [k, u] of units.entries()) {
    const mine = own(k);
    if (mine.length > 0) {
      info[k].ctx = {
        countries: mine,
        weight: WEIGHT.sentence,
        via: u.kind === 'table-row' ? 'table-row' : 'sentence',
      };
      continue;
    }
    if (u.kind === 'heading' || u.kind === 'table-header') continue;
    const lead = u.leadInUnit !== null ? info[u.leadInUnit].ctx : null;
    if ((u.kind === 'list-item' || u.kind === 'table-row') && lead) {
      info[k].ctx = {
        countries: lead.countries,
        weight: Math.min(lead.weight, WEIGHT['lead-in']),
        via: 'lead-in',
      };
      continue;
    }
    const sentence = text.slice(u.start, u.end);
    const prev = k > 0 && units[k - 1].kind !== 'heading' ? info[k - 1].ctx : null;
    const group = GROUP_ANAPHOR.exec(sentence);
    if (group) {
      // "The three governments signed…": the last sentence in this section naming that many countries.
      const need = GROUP_SIZE[group[1].toLowerCase()] ?? 2;
      let j = k - 1;
      while (j >= 0 && k - j <= 6 && units[j].kind !== 'heading' && own(j).length < need) j--;
      if (j >= 0 && k - j <= 6 && units[j].kind !== 'heading') {
        info[k].ctx = { countries: own(j), weight: WEIGHT.carried, via: 'carried' };
        continue;
      }
    }
    // A lead-in naming no country ("…he will present initiatives that focus
    // on:") continues its paragraph: what it introduces is what the paragraph
    // was about.
    const continues = u.leadIn && k > 0 && units[k - 1].block === u.block;
    if (ANAPHOR.test(sentence) || GROUP_ANAPHOR.test(sentence) || continues) {
      if (PRONOUN_PERSON.test(sentence)) {
        const last = personMentions.filter((m) => m.start < u.start).pop();
        if (last) {
          info[k].ctx = { countries: [last.country], weight: WEIGHT.carried, via: 'carried' };
          continue;
        }
      }
      if (prev) {
        info[k].ctx = {
          countries: prev.countries,
          weight: Math.min(prev.weight, WEIGHT.carried),
          via: 'carried',
        };
        continue;
      }
    }
    if (u.heading !== null && info[u.heading].subjects.length > 0) {
      info[k].ctx = { countries: own(u.heading), weight: WEIGHT.heading, via: 'heading' };
      continue;
    }
    // "LA PAZ (Reuters) - … Annual inflation reached 23%": in a story told from
    // one country, a sentence that names none is that country's.
    if (home !== null)
      info[k].ctx = { countries: [home], weight: WEIGHT.dateline, via: 'dateline' };
  }
}
