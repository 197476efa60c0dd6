/**
 * Where compromise parses documents (figures.ts only asks it to read
 * spelled-out numbers). Term offsets are not in compromise's types and its
 * selections' output is `any`, so the shapes we rely on are checked here and
 * the rest of the engine sees plain typed data with absolute positions.
 */
import nlp from 'compromise';

export interface NlpTerm {
  text: string;
  tags: ReadonlySet<string>;
  start: number;
  end: number;
}

export interface NlpSentence {
  start: number;
  end: number;
  terms: NlpTerm[];
}

export interface NlpSpan {
  text: string;
  start: number;
  end: number;
}

export interface NlpBlock {
  sentences: NlpSentence[];
  people: NlpSpan[];
  /** Noun phrases (compromise chunks), used to name what a figure measures. */
  nouns: NlpSpan[];
}

function rec(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}

function offsetOf(v: unknown): { start: number; length: number } | null {
  const o = rec(rec(v).offset);
  return typeof o.start === 'number' && typeof o.length === 'number'
    ? { start: o.start, length: o.length }
    : null;
}

/**
 * Each match's text as compromise prints it (its terms with their
 * punctuation and spaces), and the offset of its first term. The offsets are
 * those `analyseText` computed once for the whole document: asking a view of
 * matches for `out('offset')` recomputes every term's offset in the document
 * for each match, which made extraction quadratic in the length of a text
 * naming many people.
 */
function matchOffsets(docs: unknown): { text: string; offset: unknown }[] {
  if (!Array.isArray(docs)) return [];
  const out: { text: string; offset: unknown }[] = [];
  for (const terms of docs) {
    if (!Array.isArray(terms) || terms.length === 0) continue;
    let t = '';
    for (const term of terms) {
      const r = rec(term);
      t += `${String(r.pre ?? '')}${String(r.text ?? '')}${String(r.post ?? '')}`;
    }
    out.push({ text: t.trim(), offset: rec(terms[0]).offset });
  }
  return out;
}

function spans(items: { text: string; offset: unknown }[], text: string, base: number): NlpSpan[] {
  const out: NlpSpan[] = [];
  for (const item of items) {
    const off = offsetOf(item);
    const t = item.text;
    if (!off) continue;
    // compromise's span offset starts after leading punctuation while its
    // length counts it; trust the start and re-measure the trimmed text.
    const clean = t
      .trim()
      .replace(/^[“"‘'(\-–—•\s]+/, '')
      .replace(/[\s,.;:!?”"’')]+$/, '');
    const at = text.indexOf(clean, Math.max(0, off.start - 2));
    if (clean.length === 0 || at < 0) continue;
    out.push({ text: clean, start: base + at, end: base + at + clean.length });
  }
  return out;
}

/**
 * Sentences, terms, people and noun chunks of a text starting at `base`.
 * One compromise pass over a whole document is several times cheaper than
 * one per paragraph; `sliceBlock` then hands each line its share.
 */
export function analyseText(text: string, base: number): NlpBlock {
  const doc = nlp(text);
  // Read the parsed terms directly (typed as `document`) with offsets computed
  // in place: `.json()` would copy every term and costs more than the tagging.
  doc.compute('offset');
  const sentences: NlpSentence[] = [];
  const nouns: NlpSpan[] = [];
  for (const s of doc.document) {
    const terms: NlpTerm[] = [];
    // Noun phrases from compromise's chunker (term.chunk), which the tagger
    // has already run: `.nouns()` would redo the work and grows badly with
    // document length.
    let chunk: { start: number; end: number } | null = null;
    const closeChunk = (): void => {
      if (chunk) nouns.push({ text: text.slice(chunk.start - base, chunk.end - base), ...chunk });
      chunk = null;
    };
    for (const t of s) {
      const off = offsetOf(t);
      if (!off) continue;
      const start = base + off.start;
      const end = start + t.text.length;
      terms.push({ text: t.text, tags: t.tags ?? new Set<string>(), start, end });
      if (t.chunk === 'Noun') {
        if (chunk) chunk.end = end;
        else chunk = { start, end };
        if (/[,;:.!?()"“”]/.test(t.post)) closeChunk();
      } else closeChunk();
    }
    closeChunk();
    if (terms.length > 0)
      sentences.push({ start: terms[0].start, end: terms[terms.length - 1].end, terms });
  }
  return {
    sentences,
    people: spans(matchOffsets(doc.people().docs), text, base),
    nouns,
  };
}

let lexicon: Record<string, unknown> | null = null;

/**
 * The tags compromise's built-in lexicon gives a lower-case word (a plain
 * word or a first name), or none when the word is not in it: its lexicon is a
 * word list the engine already ships.
 */
export function lexiconTags(word: string): string[] {
  lexicon ??= rec(rec(rec(nlp.model()).one).lexicon);
  const tags = lexicon[word];
  if (typeof tags === 'string') return [tags];
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
}

/** First index in a start-sorted array whose item ends after `pos`. */
function firstEndingAfter<T extends { end: number }>(xs: T[], pos: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid].end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The part of a whole-document analysis inside [from, to): sentences are cut
 * at the block's edges (a line is always a boundary, whatever compromise
 * thought), people and nouns kept when inside.
 */
export function sliceBlock(all: NlpBlock, from: number, to: number): NlpBlock {
  const sentences: NlpSentence[] = [];
  for (let i = firstEndingAfter(all.sentences, from); i < all.sentences.length; i++) {
    const s = all.sentences[i];
    if (s.start >= to) break;
    const terms = s.terms.filter((t) => t.start >= from && t.end <= to);
    if (terms.length > 0)
      sentences.push({ start: terms[0].start, end: terms[terms.length - 1].end, terms });
  }
  const inside = (x: NlpSpan): boolean => x.start >= from && x.end <= to;
  const pick = (xs: NlpSpan[]): NlpSpan[] => {
    const out: NlpSpan[] = [];
    for (let i = firstEndingAfter(xs, from); i < xs.length && xs[i].start < to; i++)
      if (inside(xs[i])) out.push(xs[i]);
    return out;
  };
  return { sentences, people: pick(all.people), nouns: pick(all.nouns) };
}
