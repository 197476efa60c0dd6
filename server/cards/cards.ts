/**
 * buildCards: extracted documents in, country / issue / region cards out.
 * Pure and deterministic: the same documents in any order give the same
 * cards, and a document given twice (same id) counts once.
 */
import type {
  CardIssue,
  CardsIndex,
  CountryCard,
  ExtractedDocument,
  Fact,
  IssueCard,
  PersonFact,
  RecommendedAction,
  RegionCard,
} from '../../shared/cards.ts';
import { countryFlag, countryName, regionLabel, scanPlaces } from './countries.ts';
import { issueDef, taxonomy } from './issues.ts';
import { round } from './text.ts';

/**
 * An issue shows on a country's card when the sources tie them together at
 * least this much: one sentence naming both (1), or a carried sentence
 * (0.75); a single heading-level or weak-term link (0.5) is not enough.
 */
export const MIN_ISSUE_SCORE = 0.75;

interface Acc {
  mentions: number;
  issues: Map<string, number>;
  facts: Map<string, Fact>;
  actions: Map<string, RecommendedAction>;
  sources: Set<string>;
  regions: Set<string>;
}

function acc(): Acc {
  return {
    mentions: 0,
    issues: new Map(),
    facts: new Map(),
    actions: new Map(),
    sources: new Set(),
    regions: new Set(),
  };
}

function get(m: Map<string, Acc>, k: string): Acc {
  let a = m.get(k);
  if (!a) {
    a = acc();
    m.set(k, a);
  }
  return a;
}

const actionKey = (a: RecommendedAction): string =>
  `${a.source.documentId}:${a.source.start}:${a.text}`;

function rankedIssues(scores: Map<string, number>): CardIssue[] {
  return [...scores]
    .filter(([, s]) => s >= MIN_ISSUE_SCORE)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([id, score]) => ({ id, label: issueDef(id)?.label ?? id, score: round(score) }));
}

function sortedFacts(m: Map<string, Fact>): Fact[] {
  return [...m.values()].sort(
    (a, b) =>
      a.source.documentId.localeCompare(b.source.documentId) ||
      a.source.start - b.source.start ||
      a.span.start - b.span.start,
  );
}

/** People named without a country in one source but with one in another. */
function fillPeopleAcrossDocuments(docs: ExtractedDocument[]): Map<string, Fact> {
  const known = new Map<string, string>();
  for (const d of docs) {
    for (const f of d.facts)
      if (f.kind === 'person' && f.country && f.countryVia === 'pattern')
        known.set(f.name, f.country);
  }
  const filled = new Map<string, Fact>();
  for (const d of docs) {
    for (const f of d.facts) {
      if (f.kind !== 'person' || f.country) continue;
      const c = known.get(f.name);
      if (c)
        filled.set(f.id, {
          ...f,
          country: c,
          countryVia: 'context',
          countries: [c],
        } satisfies PersonFact);
    }
  }
  return filled;
}

function countriesNamedIn(text: string): Set<string> {
  return new Set(scanPlaces(text).flatMap((m) => (m.kind === 'country' ? [m.id] : [])));
}

/** The first paragraph of the body, not counting a title line repeated at the top. */
function leadParagraph(d: ExtractedDocument): string {
  const title = d.title.trim();
  return d.text.split(/\n\s*\n/).find((p) => p.trim() !== '' && p.trim() !== title) ?? '';
}

/**
 * The one country a document is about, when that is clear: the only country
 * its title names (or, when the title names none, its first paragraph), and
 * mentioned at least twice as often as any other; or, whatever the title,
 * mentioned at least three times, and three times as often as any other.
 * A story shared by two countries has no subject: guessing would put one
 * country's figures on the other's card.
 */
function documentSubject(d: ExtractedDocument): string | null {
  const [top, next] = [...d.countries].sort((a, b) => b.mentions - a.mentions);
  if (!top) return null;
  const second = next?.mentions ?? 0;
  let lead = countriesNamedIn(d.title);
  if (lead.size === 0) lead = countriesNamedIn(leadParagraph(d));
  if (lead.size === 1 && lead.has(top.code) && top.mentions >= 2 * second) return top.code;
  if (top.mentions >= 3 && top.mentions >= 3 * second) return top.code;
  return null;
}

/**
 * Whether a fact that names no country belongs to the document's subject: it
 * names no region either, and for a person, the sentence that introduces them
 * names no country (a person's own country is linked only by explicit
 * patterns, so "Rubio said the United States…" says nothing about Rubio).
 */
function aboutSubject(f: Fact): boolean {
  if (f.countries.length > 0 || f.regions.length > 0) return false;
  if (f.kind === 'figure' || f.kind === 'quote') return true;
  return f.kind === 'person' && countriesNamedIn(f.excerpt).size === 0;
}

export function buildCards(input: ExtractedDocument[]): CardsIndex {
  const byId = new Map<string, ExtractedDocument>();
  for (const d of input) byId.set(d.documentId, d);
  const docs = [...byId.values()].sort((a, b) => a.documentId.localeCompare(b.documentId));
  const filled = fillPeopleAcrossDocuments(docs);

  const countries = new Map<string, Acc>();
  const issues = new Map<string, Acc>();
  const regions = new Map<string, Acc>();
  const issueTotals = new Map<string, number>();

  for (const d of docs) {
    const subject = documentSubject(d);
    for (const c of d.countries) {
      const a = get(countries, c.code);
      a.mentions += c.mentions;
      a.sources.add(d.documentId);
    }
    for (const r of d.regions) {
      const a = get(regions, r.id);
      a.mentions += r.mentions;
      a.sources.add(d.documentId);
    }
    for (const i of d.issues) {
      get(issues, i.id).sources.add(d.documentId);
      issueTotals.set(i.id, (issueTotals.get(i.id) ?? 0) + i.sentences);
    }
    for (const l of d.issueLinks) {
      if (l.country) {
        const c = get(countries, l.country);
        c.issues.set(l.issue, (c.issues.get(l.issue) ?? 0) + l.weight);
        const i = get(issues, l.issue);
        i.issues.set(l.country, (i.issues.get(l.country) ?? 0) + l.weight);
      }
      if (l.region) {
        const r = get(regions, l.region);
        r.issues.set(l.issue, (r.issues.get(l.issue) ?? 0) + l.weight);
      }
    }
    for (const raw of d.facts) {
      const f = filled.get(raw.id) ?? raw;
      for (const c of f.countries) {
        const a = get(countries, c);
        a.facts.set(f.id, f);
        for (const r of f.regions) a.regions.add(r);
      }
      // "Inflation fell to 1.5 percent" in a story about Pakistan is Pakistan's figure.
      if (subject !== null && aboutSubject(f)) get(countries, subject).facts.set(f.id, f);
      // Issue and region cards hold what can be cited about them — figures,
      // quotes, agreements and table rows. A person belongs on their country's
      // card; an issue's card listing everyone who mentioned it says nothing.
      // (Table rows were left out once, and an issue card then read "0 facts"
      // beside a country card showing that issue's row.)
      if (f.kind !== 'person') {
        for (const i of f.issues) get(issues, i).facts.set(f.id, f);
        for (const r of f.regions) get(regions, r).facts.set(f.id, f);
      }
    }
    for (const a of d.recommendedActions) {
      for (const i of a.issues) get(issues, i).actions.set(actionKey(a), a);
      for (const r of a.regions) get(regions, r).actions.set(actionKey(a), a);
    }
  }

  const countryCards: CountryCard[] = [...countries]
    .filter(([, a]) => a.mentions > 0)
    .map(([code, a]) => ({
      code,
      name: countryName(code),
      flag: countryFlag(code),
      mentions: a.mentions,
      issues: rankedIssues(a.issues),
      facts: sortedFacts(a.facts),
      regions: [...a.regions].sort(),
      sources: [...a.sources].sort(),
    }))
    .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));

  const order = new Map(taxonomy.issues.map((d, i) => [d.id, i]));
  const issueCards: IssueCard[] = [...issues]
    .map(([id, a]) => {
      const def = issueDef(id);
      const countryScores = [...a.issues]
        .filter(([, s]) => s >= MIN_ISSUE_SCORE)
        .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
        .map(([code, score]) => ({ code, score: round(score) }));
      return {
        id,
        label: def?.label ?? id,
        description: def?.description ?? '',
        score: issueTotals.get(id) ?? 0,
        countries: countryScores.map((c) => c.code),
        countryScores,
        facts: sortedFacts(a.facts),
        recommendedActions: [...a.actions.values()],
        sources: [...a.sources].sort(),
      };
    })
    .filter((c) => c.score > 0 || c.countries.length > 0)
    .sort((a, b) => b.score - a.score || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));

  const regionCards: RegionCard[] = [...regions]
    .filter(([, a]) => a.mentions > 0)
    .map(([id, a]) => ({
      id,
      label: regionLabel(id),
      mentions: a.mentions,
      issues: rankedIssues(a.issues),
      facts: sortedFacts(a.facts),
      recommendedActions: [...a.actions.values()],
      sources: [...a.sources].sort(),
    }))
    .sort((a, b) => b.mentions - a.mentions || a.label.localeCompare(b.label));

  return {
    countries: countryCards,
    issues: issueCards,
    regions: regionCards,
    documents: docs.map((d) => ({ id: d.documentId, title: d.title })),
  };
}
