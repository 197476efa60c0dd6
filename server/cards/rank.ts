/**
 * "Relevant to this brief": which of the index's countries and issues the
 * brief being written talks about. It runs on every pause in typing, so it
 * uses only the token matchers (no compromise), and it remembers the analysis
 * of each paragraph: while someone types, only the paragraph being edited is
 * read again.
 */
import type { CardsIndex, RankedCard, RankedCards } from '../../shared/cards.ts';
import { countryName, scanPlaces } from './countries.ts';
import { issueDef, issueMatcher, STRENGTH_WEIGHT } from './issues.ts';
import { round, tokenize } from './text.ts';

interface Prepared {
  countries: Set<string>;
  issues: Set<string>;
  /** country → issue → share of that country's issue score (0..1). */
  countryIssues: Map<string, Map<string, number>>;
}

/** What one paragraph says, independent of the index. */
interface ParagraphScan {
  /** code → [mentions, weighted score] */
  countries: Map<string, [number, number]>;
  /** issue → [mentions, weighted score] */
  issues: Map<string, [number, number]>;
}

const prepared = new WeakMap<CardsIndex, Prepared>();
const paragraphs = new Map<string, ParagraphScan>();
const MAX_CACHED_PARAGRAPHS = 4000;

const VIA_WEIGHT = { name: 1, alias: 1, demonym: 0.8, capital: 0.8, city: 0.8, person: 1 } as const;
/** How much the issues of the countries a brief names add to those issues' relevance. */
const COUNTRY_TO_ISSUE = 0.5;
/** How much a brief's issues add to the countries whose cards carry them. */
const ISSUE_TO_COUNTRY = 0.25;

function prepare(index: CardsIndex): Prepared {
  const hit = prepared.get(index);
  if (hit) return hit;
  const countryIssues = new Map<string, Map<string, number>>();
  for (const c of index.countries) {
    const total = c.issues.reduce((s, i) => s + i.score, 0);
    countryIssues.set(
      c.code,
      new Map(c.issues.map((i) => [i.id, total > 0 ? i.score / total : 0])),
    );
  }
  const p: Prepared = {
    countries: new Set(index.countries.map((c) => c.code)),
    issues: new Set(index.issues.map((i) => i.id)),
    countryIssues,
  };
  prepared.set(index, p);
  return p;
}

function bump(m: Map<string, [number, number]>, id: string, w: number): void {
  const v = m.get(id);
  if (v) {
    v[0]++;
    v[1] += w;
  } else m.set(id, [1, w]);
}

function scanParagraph(text: string): ParagraphScan {
  const cached = paragraphs.get(text);
  if (cached) {
    // Refresh its place in the LRU order.
    paragraphs.delete(text);
    paragraphs.set(text, cached);
    return cached;
  }
  const tokens = tokenize(text);
  const countries = new Map<string, [number, number]>();
  const actors = new Set<string>();
  for (const m of scanPlaces(text, 0, tokens)) {
    if (m.kind !== 'country') continue;
    bump(countries, m.id, VIA_WEIGHT[m.via]);
    if (!m.modifier) actors.add(m.id);
  }
  const issues = new Map<string, [number, number]>();
  for (const h of issueMatcher.match(text, tokens, 0, tokens.length, actors)) {
    if (h.issue) bump(issues, h.issue, STRENGTH_WEIGHT[h.strength]);
  }
  const scan = { countries, issues };
  paragraphs.set(text, scan);
  if (paragraphs.size > MAX_CACHED_PARAGRAPHS) {
    const oldest = paragraphs.keys().next().value;
    if (oldest !== undefined) paragraphs.delete(oldest);
  }
  return scan;
}

export function rankCardsForText(index: CardsIndex, briefText: string): RankedCards {
  const prep = prepare(index);
  const countryScore = new Map<string, number>();
  const countryMentions = new Map<string, number>();
  const issueScore = new Map<string, number>();
  const issueMentions = new Map<string, number>();
  for (const para of briefText.split(/\n\s*\n/)) {
    if (para.trim().length === 0) continue;
    const scan = scanParagraph(para);
    for (const [id, [n, w]] of scan.countries) {
      countryMentions.set(id, (countryMentions.get(id) ?? 0) + n);
      countryScore.set(id, (countryScore.get(id) ?? 0) + w);
    }
    for (const [id, [n, w]] of scan.issues) {
      issueMentions.set(id, (issueMentions.get(id) ?? 0) + n);
      issueScore.set(id, (issueScore.get(id) ?? 0) + w);
    }
  }

  const totalCountry = [...countryMentions.values()].reduce((a, b) => a + b, 0);
  for (const [code, n] of countryMentions) {
    const share = n / totalCountry;
    for (const [issue, w] of prep.countryIssues.get(code) ?? []) {
      issueScore.set(issue, (issueScore.get(issue) ?? 0) + COUNTRY_TO_ISSUE * share * w);
      if (issueMentions.has(issue))
        countryScore.set(code, (countryScore.get(code) ?? 0) + ISSUE_TO_COUNTRY * w);
    }
  }

  const ranked = (
    scores: Map<string, number>,
    mentions: Map<string, number>,
    known: Set<string>,
    label: (id: string) => string,
  ): RankedCard[] =>
    [...scores]
      .filter(([id, s]) => known.has(id) && s > 0)
      .map(([id, s]) => ({
        id,
        label: label(id),
        score: round(s),
        mentions: mentions.get(id) ?? 0,
      }))
      .sort((a, b) => b.score - a.score || b.mentions - a.mentions || a.id.localeCompare(b.id));

  return {
    countries: ranked(countryScore, countryMentions, prep.countries, countryName),
    issues: ranked(issueScore, issueMentions, prep.issues, (id) => issueDef(id)?.label ?? id),
  };
}
