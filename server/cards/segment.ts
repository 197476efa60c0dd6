/**
 * Splits normalised text into units: headings, sentences (compromise),
 * list items and table rows. Units are what facts cite and what issue links
 * are decided on; the block structure (paragraph, list, table, heading) is
 * what lets a sentence borrow its subject from context.
 */
import { analyseText, lexiconTags, sliceBlock, type NlpBlock } from './nlp.ts';
import { parseTableCells } from './tables.ts';

export type UnitKind = 'heading' | 'sentence' | 'list-item' | 'table-header' | 'table-row';

export interface Unit {
  index: number;
  kind: UnitKind;
  start: number;
  end: number;
  block: number;
  /** The unit ends with ":" and introduces the list or table that follows. */
  leadIn: boolean;
  /** For list items and table rows: the lead-in unit above them, if any. */
  leadInUnit: number | null;
  /** "Panama: …" list items and "Country | …" rows: the label's span. */
  label: { start: number; end: number } | null;
  /** Table rows: index of the table in the document and the row's cells. */
  table: { id: number; cells: { start: number; end: number }[] } | null;
  /** The nearest heading above, if any. */
  heading: number | null;
}

export interface Block {
  kind: 'heading' | 'paragraph' | 'list-item' | 'table';
  start: number;
  end: number;
  nlp: NlpBlock | null;
}

export interface Segmented {
  text: string;
  blocks: Block[];
  units: Unit[];
}

const LIST_RE = /^(?:[-*•]|\d{1,2}[.)])\s+/;

function isTableLine(line: string): boolean {
  return / \| /.test(line) || /^\S[^|]*\|\s*$/.test(line);
}

function looksLikeHeading(line: string, next: string | null): boolean {
  if (line.length > 120 || /[.!:;,]$/.test(line) || /^\p{Ll}/u.test(line)) return false;
  const words = line.split(/\s+/);
  if (words.length > 14) return false;
  if (line.endsWith('?') && words.length > 12) return false;
  const long = words.filter((w) => w.replace(/[^\p{L}]/gu, '').length >= 4);
  const capital = long.filter((w) => /^[\p{Lu}\d“"‘']/u.test(w)).length;
  const titleCase = long.length === 0 || capital / long.length >= 0.5;
  // A short line before a longer paragraph reads as a heading even in sentence case.
  return titleCase || (words.length <= 6 && next !== null && next.length > line.length * 2);
}

export function segment(text: string): Segmented {
  const blocks: Block[] = [];
  const units: Unit[] = [];
  const lines: { text: string; start: number }[] = [];
  let pos = 0;
  for (const l of text.split('\n')) {
    if (l.trim().length > 0) lines.push({ text: l, start: pos });
    pos += l.length + 1;
  }

  const all = analyseText(text, 0);
  let heading: number | null = null;
  let tableId = 0;
  let leadIn: number | null = null;
  const push = (u: Omit<Unit, 'index' | 'heading'>): Unit => {
    const unit: Unit = { ...u, index: units.length, heading };
    units.push(unit);
    return unit;
  };

  for (let li = 0; li < lines.length; li++) {
    const { text: line, start } = lines[li];
    const next = li + 1 < lines.length ? lines[li + 1].text : null;

    // A table is two or more consecutive pipe lines.
    if (isTableLine(line) && next !== null && isTableLine(next)) {
      const b = blocks.length;
      let lj = li;
      const id = tableId++;
      while (lj < lines.length && isTableLine(lines[lj].text)) {
        const row = lines[lj];
        const cells = parseTableCells(row.text, row.start);
        push({
          kind: lj === li ? 'table-header' : 'table-row',
          start: row.start,
          end: row.start + row.text.length,
          block: b,
          leadIn: false,
          leadInUnit: leadIn,
          label: cells.length > 0 ? cells[0] : null,
          table: { id, cells },
        });
        lj++;
      }
      const end = lines[lj - 1].start + lines[lj - 1].text.length;
      blocks.push({ kind: 'table', start, end, nlp: sliceBlock(all, start, end) });
      li = lj - 1;
      continue;
    }

    const listMatch = LIST_RE.exec(line);
    if (!listMatch && looksLikeHeading(line, next)) {
      const b = blocks.length;
      blocks.push({ kind: 'heading', start, end: start + line.length, nlp: null });
      heading = push({
        kind: 'heading',
        start,
        end: start + line.length,
        block: b,
        leadIn: false,
        leadInUnit: null,
        label: null,
        table: null,
      }).index;
      leadIn = null;
      continue;
    }

    const bodyStart = start + (listMatch ? listMatch[0].length : 0);
    const body = text.slice(bodyStart, start + line.length);
    const b = blocks.length;
    const analysed = sliceBlock(all, bodyStart, start + line.length);
    blocks.push({
      kind: listMatch ? 'list-item' : 'paragraph',
      start: bodyStart,
      end: start + line.length,
      nlp: analysed,
    });
    const spans = sentenceSpans(text, bodyStart, start + line.length, analysed);
    const first = units.length;
    for (const [s, e] of spans) {
      push({
        kind: listMatch ? 'list-item' : 'sentence',
        start: s,
        end: e,
        block: b,
        leadIn: false,
        leadInUnit: listMatch ? leadIn : null,
        label: null,
        table: null,
      });
    }
    if (listMatch && units.length > first) {
      const m = /^([^:]{2,60}):\s/.exec(body);
      if (m) units[first].label = { start: bodyStart, end: bodyStart + m[1].length };
    }
    if (!listMatch) {
      const last = units[units.length - 1];
      const introduces = next !== null && (LIST_RE.test(next) || isTableLine(next));
      if (
        last &&
        last.block === b &&
        /:\s*$/.test(text.slice(last.start, last.end)) &&
        introduces
      ) {
        last.leadIn = true;
        leadIn = last.index;
      } else {
        leadIn = null;
      }
    }
  }
  return { text, blocks, units };
}

/** Sentence spans of a block: compromise's sentences widened to their punctuation. */
function sentenceSpans(text: string, from: number, to: number, nlp: NlpBlock): [number, number][] {
  const out: [number, number][] = [];
  let cursor = from;
  for (const s of nlp.sentences) {
    let start = Math.max(s.start, cursor);
    let end = Math.min(s.end, to);
    while (start > cursor && /[“"‘'([¿¡]/.test(text[start - 1])) start--;
    while (end < to && /[.!?…”"’')\]:;,]/.test(text[end])) end++;
    if (end <= start) continue;
    if (out.length === 0 && start > from && text.slice(from, start).trim().length > 0) start = from;
    if (out.length > 0 && text.slice(cursor, start).trim().length > 0) {
      // compromise skipped something (rare): give it to the previous sentence.
      out[out.length - 1][1] = start;
    }
    out.push([start, end]);
    cursor = end;
  }
  if (out.length === 0) out.push([from, to]);
  else if (text.slice(cursor, to).trim().length > 0) out[out.length - 1][1] = to;
  const split: [number, number][] = [];
  for (const [s, e] of out) {
    let at = s;
    for (const cut of missedBreaks(text, s, e)) {
      split.push([at, cut]);
      at = cut;
    }
    split.push([at, e]);
  }
  // Trim spaces at both ends of each span.
  return split.map(([s, e]) => {
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    return [s, e];
  });
}

/**
 * Word classes that open sentences but never continue a name: after
 * "…to the U.S." a capitalised "In", "It" or "The" starts a new sentence,
 * while "U.S. Navy", "U.S. Secretary", "U.S. China policy" or "D.C. Mayor"
 * are one phrase. A capitalised content word stays ambiguous ("…to the U.S.
 * Officials said" reads like "U.S. Officials" in a title) and is left joined.
 */
const OPENER_TAGS = new Set([
  'Determiner',
  'Pronoun',
  'Possessive',
  'Preposition',
  'Conjunction',
  'Adverb',
  'QuestionWord',
  'Negative',
]);

function opensSentence(word: string): boolean {
  const w = word.toLowerCase();
  // "there" is tagged as a noun in compromise's lexicon.
  return w === 'there' || lexiconTags(w).some((t) => OPENER_TAGS.has(t));
}

/** Sentence ends inside [s, e) that compromise joined across. */
function missedBreaks(text: string, s: number, e: number): number[] {
  const cuts: number[] = [];
  const body = text.slice(s, e);
  // `… territory." Venezuelan leader …`: a quote closing on a full stop
  // before a capital ends the sentence.
  for (const m of body.matchAll(/[.!?][”"]\s+(?=[\p{Lu}“"])/gu)) cuts.push(s + (m.index ?? 0) + 2);
  // compromise never ends a sentence on a dotted initialism ("U.S.", "U.K.",
  // "D.C."), so "…migration to the U.S. In conjunction with…" stays one.
  for (const m of body.matchAll(/(?<![\p{L}.])(?:\p{Lu}\.){2,}(?=\s+(\p{Lu}\p{Ll}*)\b)/gu)) {
    if (opensSentence(m[1])) cuts.push(s + (m.index ?? 0) + m[0].length);
  }
  return cuts.sort((a, b) => a - b);
}
