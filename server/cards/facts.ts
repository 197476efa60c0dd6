/**
 * extractFacts: one normalised source in, everything the cards need out:
 * countries, regions, issue links, facts and recommended actions.
 *
 * Issue links are made only from a per-sentence view of which countries the
 * sentence is about (context.ts), never from two names merely sharing a
 * document.
 */
import type {
  DocumentCountry,
  DocumentRegion,
  ExtractedDocument,
  Fact,
  IssueLink,
  MentionVia,
  NormalisedSource,
  RecommendedAction,
} from '../../shared/cards.ts';
import { findAgreements, namesNoParty, type AgreementUnit } from './agreements.ts';
import { decideSubjects, resolveContexts, type UnitInfo } from './context.ts';
import { countryName, regionLabel, scanPlaces, type PlaceMention } from './countries.ts';
import { findFigures } from './figures.ts';
import { cueMatcher, issueMatcher, scoreHits } from './issues.ts';
import type { NlpTerm } from './nlp.ts';
import { findPeople, homeCountry, unitAt, type Person } from './people.ts';
import { findQuotes } from './quotes.ts';
import { segment, type Unit } from './segment.ts';
import { actionColumn, headerNames, placeColumn } from './tables.ts';
import { factId, tokenize, uniq, round } from './text.ts';

export function extractFacts(source: NormalisedSource): ExtractedDocument {
  const { id: documentId, text } = source;
  const seg = segment(text);
  const units = seg.units;
  const tokens = tokenize(text);
  const places = scanPlaces(text, 0, tokens);
  const people = findPeople({ text, tokens, places, units, blocks: seg.blocks });
  const at = (pos: number): number => unitAt(units, pos);

  // ---- per-unit view
  const info: UnitInfo[] = units.map(() => ({
    t0: 0,
    t1: 0,
    countries: new Map(),
    subjects: [],
    extraLinks: [],
    scoped: false,
    parties: new Set(),
    regions: new Set(),
    issues: new Map(),
    ctx: null,
  }));
  let ti = 0;
  for (const [k, u] of units.entries()) {
    while (ti < tokens.length && tokens[ti].end <= u.start) ti++;
    info[k].t0 = ti;
    while (ti < tokens.length && tokens[ti].start < u.end) ti++;
    info[k].t1 = ti;
  }
  // Per unit, the countries named only as what something is aimed at, or in a
  // sea's name (see namesNoParty): no party to an agreement the unit reports.
  const aimedOnly = info.map(() => new Set<string>());
  const namedOtherwise = info.map(() => new Set<string>());
  for (const m of places) {
    const k = at(m.start);
    if (k < 0) continue;
    if (m.kind === 'region') info[k].regions.add(m.id);
    else {
      if (!info[k].countries.has(m.id)) info[k].countries.set(m.id, m.via);
      if (!m.modifier) {
        info[k].parties.add(m.id);
        (namesNoParty(tokens, m.t0, m.t1) ? aimedOnly : namedOtherwise)[k].add(m.id);
      }
    }
  }
  for (const p of people) {
    if (!p.country) continue;
    for (const m of p.mentions) {
      if (m.unit < 0) continue;
      if (!info[m.unit].countries.has(p.country)) info[m.unit].countries.set(p.country, 'person');
      info[m.unit].parties.add(p.country);
      namedOtherwise[m.unit].add(p.country);
    }
  }
  const placesByUnit = new Map<number, PlaceMention[]>();
  for (const m of places) {
    const k = at(m.start);
    if (k < 0 || m.kind !== 'country') continue;
    const list = placesByUnit.get(k);
    if (list) list.push(m);
    else placesByUnit.set(k, [m]);
  }
  for (const [k, u] of units.entries()) {
    const inf = info[k];
    inf.subjects = [...inf.countries.keys()];
    if (u.kind === 'table-header') continue;
    // Co-occurrence terms ("influence" near China) need the country as an actor, not "Chinese-backed".
    const actors = new Set([...inf.parties]);
    const hits = issueMatcher.match(text, tokens, inf.t0, inf.t1, actors);
    for (const [issue, score] of scoreHits(hits)) inf.issues.set(issue, score);
    decideSubjects(text, u, inf, hits, placesByUnit.get(k) ?? []);
  }
  resolveContexts(text, units, info, people, homeCountry({ text, units, places }));

  // ---- issue links
  const issueLinks: IssueLink[] = [];
  const sentencesPerIssue = new Map<string, number>();
  for (const [k, u] of units.entries()) {
    const inf = info[k];
    const source = { documentId, start: u.start, end: u.end };
    for (const [issue, score] of inf.issues) {
      sentencesPerIssue.set(issue, (sentencesPerIssue.get(issue) ?? 0) + 1);
      const strength = Math.min(2, score);
      const ctx = inf.scoped ? null : inf.ctx;
      if (ctx) {
        for (const c of ctx.countries) {
          const weight = round(ctx.weight * strength);
          issueLinks.push({ issue, country: c, region: null, weight, via: ctx.via, source });
        }
      }
      const seen = new Set<string>();
      for (const x of inf.extraLinks) {
        if (seen.has(`${x.country} ${x.issue}`)) continue;
        seen.add(`${x.country} ${x.issue}`);
        if (x.issue !== issue || (!inf.scoped && inf.ctx?.countries.includes(x.country))) continue;
        issueLinks.push({
          issue,
          country: x.country,
          region: null,
          weight: round(x.weight * strength),
          via: 'sentence',
          source,
        });
      }
      for (const r of inf.regions) {
        issueLinks.push({
          issue,
          country: null,
          region: r,
          weight: round(strength),
          via: 'sentence',
          source,
        });
      }
    }
  }

  // ---- facts
  const facts: Fact[] = [];
  const base = (k: number, kind: Fact['kind'], s: number, e: number, srcFrom = k, srcTo = k) => {
    const start = units[srcFrom].start;
    const end = units[srcTo].end;
    const ks = [];
    for (let x = srcFrom; x <= srcTo; x++) ks.push(x);
    return {
      id: factId(documentId, kind, s, e),
      source: { documentId, start, end },
      excerpt: text.slice(start, end),
      span: { start: s, end: e },
      countries: uniq(
        ks.flatMap((x) => [...(info[x].ctx?.countries ?? []), ...info[x].countries.keys()]),
      ),
      regions: uniq(ks.flatMap((x) => [...info[x].regions])),
      issues: uniq(ks.flatMap((x) => [...info[x].issues.keys()])),
    };
  };

  const headerOf = new Map<number, Unit>();
  for (const u of units) if (u.kind === 'table-header' && u.table) headerOf.set(u.table.id, u);
  const columnNames = (u: Unit): string[] => {
    if (!u.table) return [];
    const header = headerOf.get(u.table.id);
    return headerNames(text, header?.table?.cells ?? [], u.table.cells.length);
  };

  // Figures, sentence by sentence (table rows are analysed on their own).
  for (const [k, u] of units.entries()) {
    if (u.kind === 'heading' || u.kind === 'table-header') continue;
    const block = seg.blocks[u.block];
    if (!block.nlp) continue;
    const nlpBlock = block.nlp;
    const terms: NlpTerm[] = nlpBlock.sentences
      .flatMap((s) => s.terms)
      .filter((t) => t.start >= u.start && t.end <= u.end);
    for (const f of findFigures(text, terms, nlpBlock.nouns, u.start)) {
      let measure = f.measure;
      if (u.kind === 'table-row' && u.table) {
        // In a table the row's words, or else the number's column, say what it
        // is about: not the place (the card says that), not itself, and not
        // the row's other numbers ("95,008" measured "92,784").
        const names = columnNames(u);
        const at = u.table.cells.findIndex((c) => f.start >= c.start && f.end <= c.end);
        const column = at >= 0 && !/^Column \d+$/.test(names[at]) ? [names[at]] : [];
        const other = u.table.cells
          .filter((_, i) => i !== at)
          .map((c) => text.slice(c.start, c.end))
          .filter((c) => c.length > 0 && !onlyPlaces(c) && !NUMBERS_ONLY.test(c));
        // The column's name only where the row has no words: "2022" for "Peru | 95,008 | 92,784".
        const words = other.length > 0 ? other : column;
        if (words.length > 0) measure = words.join(' — ').slice(0, 80);
      }
      facts.push({
        ...base(k, 'figure', f.start, f.end),
        kind: 'figure',
        value: f.value,
        category: f.category,
        unit: f.unit,
        measure,
        raw: f.raw,
      });
    }
  }

  for (const q of findQuotes(text, units, people, at)) {
    const b = base(q.unitFrom, 'quote', q.start, q.end, q.unitFrom, q.unitTo);
    const speakerCountry = q.speaker?.country ?? null;
    facts.push({
      ...b,
      countries: uniq([...(speakerCountry ? [speakerCountry] : []), ...b.countries]),
      kind: 'quote',
      text: q.text,
      speaker: q.speaker?.name ?? null,
      speakerCountry,
    });
  }

  const agreementUnits: AgreementUnit[] = units
    .filter((u) => u.kind === 'sentence' || u.kind === 'list-item')
    .map((u) => {
      const inf = info[u.index];
      const named = [...inf.parties].filter(
        (c) => !aimedOnly[u.index].has(c) || namedOtherwise[u.index].has(c),
      );
      // A sentence naming no party ("The three governments signed…") takes its
      // carried context, and a list item its lead-in's ("Key outcomes:" in a
      // readout of a meeting with Nigeria's foreign minister).
      const borrows =
        inf.ctx?.via === 'carried' || (u.kind === 'list-item' && inf.ctx?.via === 'lead-in');
      const parties = named.length > 0 ? named : borrows && inf.ctx ? inf.ctx.countries : [];
      return { index: u.index, start: u.start, end: u.end, t0: inf.t0, t1: inf.t1, parties };
    });
  for (const a of findAgreements(text, tokens, agreementUnits)) {
    const b = base(a.unitFrom, 'agreement', a.nameStart, a.nameEnd, a.unitFrom, a.unitTo);
    facts.push({
      ...b,
      countries: uniq([...a.parties, ...b.countries]),
      kind: 'agreement',
      name: a.name,
      description: a.description,
      parties: a.parties,
    });
  }

  for (const p of people) {
    const k = p.anchor.unit;
    if (k < 0) continue;
    const b = base(k, 'person', p.anchor.start, p.anchor.end);
    facts.push({
      ...b,
      countries: p.country ? [p.country] : [],
      kind: 'person',
      name: p.name,
      title: p.title,
      country: p.country,
      countryVia: p.countryVia,
      mentions: p.mentions.length,
    });
  }

  const recommendedActions: RecommendedAction[] = [];
  for (const [k, u] of units.entries()) {
    const inf = info[k];
    const src = { documentId, start: u.start, end: u.end };
    if (u.kind === 'table-row' && u.table) {
      const names = columnNames(u);
      const cells: Record<string, string> = {};
      u.table.cells.forEach((c, i) => (cells[names[i]] = text.slice(c.start, c.end)));
      const col = placeColumn(names);
      let country: string | null = null;
      if (col >= 0 && u.table.cells[col]) {
        const c = u.table.cells[col];
        country =
          places.find((m) => m.kind === 'country' && m.start >= c.start && m.end <= c.end)?.id ??
          null;
      }
      country ??= [...inf.countries.keys()][0] ?? null;
      const b = base(k, 'table-row', u.start, u.end);
      facts.push({ ...b, kind: 'table-row', header: names, cells, country });
      const ac = actionColumn(names);
      if (ac >= 0 && u.table.cells[ac] && inf.issues.size > 0) {
        recommendedActions.push({
          text: cells[names[ac]],
          issues: [...inf.issues.keys()],
          countries: inf.ctx?.countries ?? [],
          regions: [...inf.regions],
          source: src,
        });
      }
      continue;
    }
    if (u.kind === 'heading' || u.kind === 'table-header' || inf.issues.size === 0) continue;
    const sentence = text.slice(u.start, u.end);
    if (/\?\s*[”"]?$/.test(sentence)) continue;
    const cue = cueMatcher.match(text, tokens, inf.t0, inf.t1).length > 0;
    const underCue =
      u.leadInUnit !== null &&
      cueMatcher.match(text, tokens, info[u.leadInUnit].t0, info[u.leadInUnit].t1).length > 0;
    if (cue || underCue) {
      recommendedActions.push({
        text: sentence,
        issues: [...inf.issues.keys()],
        countries: inf.ctx?.countries ?? [],
        regions: [...inf.regions],
        source: src,
      });
    }
  }

  facts.sort((a, b) => a.source.start - b.source.start || a.span.start - b.span.start);
  return {
    documentId,
    title: source.title,
    format: source.format,
    contentHash: source.contentHash,
    text,
    countries: summariseCountries(places, people),
    regions: summariseRegions(places),
    issues: [...sentencesPerIssue]
      .map(([id, sentences]) => ({ id, sentences }))
      .sort((a, b) => b.sentences - a.sentences),
    issueLinks,
    recommendedActions,
    facts,
  };
}

/** A cell of figures only ("92,784", "$1.2 bn", "4.5%", "–"): says nothing of what they measure. */
const NUMBERS_ONLY = /^[\s\p{Sc}\d.,%+\-–—~]*(?:bn|m|k|million|billion)?[\s%]*$/iu;

/** A cell such as "Tijuana, Mexico" or "Dominican Rep.": names places and nothing else. */
function onlyPlaces(cell: string): boolean {
  const toks = tokenize(cell);
  const covered = scanPlaces(cell, 0, toks).reduce((n, m) => n + (m.t1 - m.t0), 0);
  return toks.length > 0 && covered >= toks.length;
}

function summariseCountries(places: PlaceMention[], people: Person[]): DocumentCountry[] {
  const m = new Map<string, DocumentCountry>();
  const add = (code: string, pos: number, via: MentionVia): void => {
    const c = m.get(code) ?? { code, name: countryName(code), mentions: 0, first: pos, via: [] };
    c.mentions++;
    c.first = Math.min(c.first, pos);
    if (!c.via.includes(via)) c.via.push(via);
    m.set(code, c);
  };
  for (const p of places) if (p.kind === 'country') add(p.id, p.start, p.via);
  for (const p of people)
    if (p.country) for (const x of p.mentions) add(p.country, x.start, 'person');
  return [...m.values()].sort((a, b) => b.mentions - a.mentions || a.first - b.first);
}

function summariseRegions(places: PlaceMention[]): DocumentRegion[] {
  const m = new Map<string, DocumentRegion>();
  for (const p of places) {
    if (p.kind !== 'region') continue;
    const r = m.get(p.id) ?? { id: p.id, label: regionLabel(p.id), mentions: 0, first: p.start };
    r.mentions++;
    m.set(p.id, r);
  }
  return [...m.values()].sort((a, b) => b.mentions - a.mentions || a.first - b.first);
}
