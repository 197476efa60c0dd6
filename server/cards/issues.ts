/**
 * The issue taxonomy (taxonomy.json) and its matcher. Terms compile to token
 * patterns indexed by their first token (exact) or its first three letters
 * (prefix terms), so matching is one pass over the tokens whatever the size
 * of the taxonomy.
 */
import taxonomyJson from './taxonomy.json' with { type: 'json' };
import { fold, tokenize, type Token } from './text.ts';

export interface IssueDef {
  id: string;
  label: string;
  description: string;
  terms: string[];
  weakTerms: string[];
  cooccur: { countries: string[]; terms: string[] } | null;
}

export interface Taxonomy {
  issues: IssueDef[];
  neutral: string[];
  actionCues: string[];
}

export class TaxonomyError extends Error {
  override readonly name = 'TaxonomyError';
}

function strings(v: unknown, where: string): string[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
    throw new TaxonomyError(`taxonomy: ${where} must be an array of strings`);
  }
  return v;
}

/** Validates the JSON shape once at load, so a bad edit fails at start, not mid-extraction. */
export function parseTaxonomy(raw: unknown): Taxonomy {
  if (typeof raw !== 'object' || raw === null) throw new TaxonomyError('taxonomy: not an object');
  const o = raw as Record<string, unknown>;
  if (!Array.isArray(o.issues)) throw new TaxonomyError('taxonomy: issues must be an array');
  const seen = new Set<string>();
  const issues = o.issues.map((x: unknown, i): IssueDef => {
    const it = (x ?? {}) as Record<string, unknown>;
    if (typeof it.id !== 'string' || !/^[a-z][a-z0-9-]*$/.test(it.id) || seen.has(it.id)) {
      throw new TaxonomyError(`taxonomy: issues[${i}].id must be a unique kebab-case string`);
    }
    seen.add(it.id);
    if (typeof it.label !== 'string' || typeof it.description !== 'string') {
      throw new TaxonomyError(`taxonomy: ${it.id} needs a label and a description`);
    }
    let cooccur: IssueDef['cooccur'] = null;
    if (it.cooccur !== undefined) {
      const c = it.cooccur as Record<string, unknown>;
      cooccur = {
        countries: strings(c.countries, `${it.id}.cooccur.countries`),
        terms: strings(c.terms, `${it.id}.cooccur.terms`),
      };
    }
    return {
      id: it.id,
      label: it.label,
      description: it.description,
      terms: strings(it.terms, `${it.id}.terms`),
      weakTerms: it.weakTerms === undefined ? [] : strings(it.weakTerms, `${it.id}.weakTerms`),
      cooccur,
    };
  });
  return {
    issues,
    neutral: o.neutral === undefined ? [] : strings(o.neutral, 'neutral'),
    actionCues: o.actionCues === undefined ? [] : strings(o.actionCues, 'actionCues'),
  };
}

export const taxonomy: Taxonomy = parseTaxonomy(taxonomyJson);
const issueById = new Map(taxonomy.issues.map((i) => [i.id, i]));

export function issueDef(id: string): IssueDef | undefined {
  return issueById.get(id);
}

// ------------------------------------------------------------ term matcher

type Strength = 'cooccur' | 'term' | 'weak' | 'neutral' | 'cue';
const PRIORITY: Record<Strength, number> = { cooccur: 4, term: 3, weak: 2, cue: 1, neutral: 0 };
export const STRENGTH_WEIGHT: Record<Strength, number> = {
  cooccur: 1,
  term: 1,
  weak: 0.5,
  cue: 0,
  neutral: 0,
};

interface Part {
  key: string;
  prefix: boolean;
}

interface Pattern {
  parts: Part[];
  /** Issue id, or '' for neutral phrases and cues. */
  issue: string;
  strength: Strength;
  cooccur: string[] | null;
}

export interface TermHit {
  issue: string;
  strength: Strength;
  t0: number;
  t1: number;
  start: number;
  end: number;
}

export class TermMatcher {
  private readonly exact = new Map<string, Pattern[]>();
  /** Prefix patterns by the char codes of their first three letters (no string allocation per token). */
  private readonly prefix = new Map<number, Pattern[]>();

  add(term: string, issue: string, strength: Strength, cooccur: string[] | null = null): void {
    const raw = term.trim();
    const parts = raw.split(/[\s-]+/).flatMap((w): Part[] => {
      const isPrefix = w.endsWith('*');
      const toks = tokenize(isPrefix ? w.slice(0, -1) : w);
      return toks.map((t, i) => ({ key: fold(t.text), prefix: isPrefix && i === toks.length - 1 }));
    });
    if (parts.length === 0) return;
    const p: Pattern = { parts, issue, strength, cooccur };
    const first = parts[0];
    if (first.prefix) {
      if (first.key.length < 3) throw new TaxonomyError(`taxonomy: prefix "${term}" is too short`);
      const k = prefixCode(first.key);
      this.prefix.set(k, [...(this.prefix.get(k) ?? []), p]);
    } else {
      this.exact.set(first.key, [...(this.exact.get(first.key) ?? []), p]);
    }
  }

  /**
   * Non-overlapping hits in tokens[from, to): longest first, then the
   * stronger kind. `countries` enables co-occurrence terms (e.g. "influence"
   * counts for china-influence only where China is named).
   */
  match(
    text: string,
    tokens: Token[],
    from = 0,
    to = tokens.length,
    countries: ReadonlySet<string> = new Set(),
    offset = 0,
  ): TermHit[] {
    const cands: TermHit[] = [];
    for (let i = from; i < to; i++) {
      const key = tokens[i].key;
      const exact = this.exact.get(key);
      const prefix = key.length >= 3 ? this.prefix.get(prefixCode(key)) : undefined;
      if (exact === undefined && prefix === undefined) continue;
      for (const list of [exact, prefix]) {
        if (!list) continue;
        for (const p of list) {
          if (p.cooccur && !p.cooccur.some((c) => countries.has(c))) continue;
          const n = p.parts.length;
          if (i + n > to) continue;
          let ok = true;
          for (let j = 0; j < n && ok; j++) {
            const part = p.parts[j];
            const t = tokens[i + j];
            ok = part.prefix ? t.key.startsWith(part.key) : t.key === part.key;
            if (ok && j > 0) ok = phraseGap(text, tokens[i + j - 1].end - offset, t.start - offset);
          }
          if (ok) {
            cands.push({
              issue: p.issue,
              strength: p.strength,
              t0: i,
              t1: i + n,
              start: tokens[i].start,
              end: tokens[i + n - 1].end,
            });
          }
        }
      }
    }
    cands.sort(
      (a, b) =>
        b.t1 - b.t0 - (a.t1 - a.t0) || PRIORITY[b.strength] - PRIORITY[a.strength] || a.t0 - b.t0,
    );
    const taken = new Uint8Array(Math.max(0, to - from));
    const out: TermHit[] = [];
    for (const c of cands) {
      let free = true;
      for (let k = c.t0; k < c.t1 && free; k++) free = taken[k - from] === 0;
      if (!free) continue;
      for (let k = c.t0; k < c.t1; k++) taken[k - from] = 1;
      if (c.strength !== 'neutral') out.push(c);
    }
    return out.sort((a, b) => a.t0 - b.t0);
  }
}

function prefixCode(key: string): number {
  // Three 10-bit slices: a small integer, so the Map lookup stays on the fast
  // path. Rare collisions only add candidates, which are then checked exactly.
  return (
    ((key.charCodeAt(0) & 0x3ff) << 20) |
    ((key.charCodeAt(1) & 0x3ff) << 10) |
    (key.charCodeAt(2) & 0x3ff)
  );
}

/** One or two spaces or hyphens between the words of a phrase. */
function phraseGap(text: string, from: number, to: number): boolean {
  if (to - from < 1 || to - from > 2) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 45 && c !== 0x2013 && c !== 10 && c !== 9) return false;
  }
  return true;
}

export const issueMatcher = new TermMatcher();
for (const def of taxonomy.issues) {
  for (const t of def.terms) issueMatcher.add(t, def.id, 'term');
  for (const t of def.weakTerms) issueMatcher.add(t, def.id, 'weak');
  if (def.cooccur) {
    for (const t of def.cooccur.terms)
      issueMatcher.add(t, def.id, 'cooccur', def.cooccur.countries);
  }
}
for (const t of taxonomy.neutral) issueMatcher.add(t, '', 'neutral');

export const cueMatcher = new TermMatcher();
for (const t of taxonomy.actionCues) cueMatcher.add(t, '', 'cue');

/** Issue id → summed weight of its hits. */
export function scoreHits(hits: TermHit[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const h of hits) {
    if (!h.issue) continue;
    m.set(h.issue, (m.get(h.issue) ?? 0) + STRENGTH_WEIGHT[h.strength]);
  }
  return m;
}
