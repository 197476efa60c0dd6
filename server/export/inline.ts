import { paragraphDirection, visualOrder, type Direction } from './bidi.ts';
import { cleanText, fontName, type Family, type FontBook } from './fonts.ts';
import { EPSILON, type Box, type Decor } from './layout.ts';
import type { Doc } from './pdf.ts';
import {
  CITATION_RISE,
  CITATION_SCALE,
  COLORS,
  INLINE_CODE_SCALE,
  type TextRole,
} from './theme.ts';
import type { Inline, Marks } from './types.ts';

/**
 * Inline layout: styled runs are measured word by word and broken into lines
 * here rather than by pdfkit's own wrapper, because pdfkit cannot measure a
 * paragraph that mixes fonts, draw inline-code backgrounds, or tell us where
 * lines fall, and pagination needs all three.
 */

export const UNSUPPORTED_TEXT = '[unsupported content]';

/** A piece of a line in one font and style. */
export interface Frag {
  text: string;
  font: string;
  size: number;
  /** Raise above the baseline (citation markers). */
  rise: number;
  width: number;
  color: string;
  underline: boolean;
  strike: boolean;
  codeBg: boolean;
  href: string | null;
  /** Named destination the fragment links to. */
  goTo: string | null;
}

export interface Line {
  /** In visual order, left to right (bidi.ts). */
  frags: Frag[];
  width: number;
  /** Set flush right when given a measure (lineBoxes' `width`): a right-to-left paragraph's line. */
  rtl?: boolean;
}

type Token =
  | { kind: 'word'; frags: Frag[]; width: number }
  | { kind: 'space'; frag: Frag }
  /** A line may break here, and nothing is drawn: between two words of Chinese or Thai. */
  | { kind: 'soft' }
  | { kind: 'break' };

interface RunStyle {
  family: Family;
  size: number;
  rise: number;
  bold: boolean;
  italic: boolean;
  color: string;
  underline: boolean;
  strike: boolean;
  codeBg: boolean;
  href: string | null;
  goTo: string | null;
}

// Breakable whitespace; no-break spaces (U+00A0, U+2007, U+202F) stay inside words.
const SPACES = /[ \t\n\r\f\v\u1680\u2000-\u2006\u2008-\u200A\u205F\u3000]+/;
const SPACES_SPLIT = new RegExp(`(${SPACES.source})`);

/** Scripts written without spaces between words, so lines break between the words themselves. */
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
/** ICU finds the words of those scripts by dictionary. */
const WORDS = new Intl.Segmenter('en', { granularity: 'word' });
/** Marks that may not start a line (。，」) or end one (「（). */
const NO_BREAK_BEFORE = /^[\p{Pe}\p{Pf}\p{Po}\u30FC\u3005]/u;
const NO_BREAK_AFTER = /[\p{Ps}\p{Pi}]$/u;

/**
 * Splits a space-free stretch of text into the pieces a line may break
 * between. Only where either side is in an unspaced script: "U.S.-China" or
 * "Panama's" stays whole, as before.
 */
export function unspacedPieces(text: string): string[] {
  if (!UNSPACED.test(text)) return [text];
  const pieces: string[] = [];
  for (const { segment } of WORDS.segment(text)) {
    const last = pieces.length - 1;
    const breakable =
      last >= 0 &&
      (UNSPACED.test(pieces[last]) || UNSPACED.test(segment)) &&
      !NO_BREAK_BEFORE.test(segment) &&
      !NO_BREAK_AFTER.test(pieces[last]);
    if (last >= 0 && !breakable) pieces[last] += segment;
    else pieces.push(segment);
  }
  return pieces;
}

export function citationDestination(n: number): string {
  return `cite-${n}`;
}

function styleFor(role: TextRole, marks: Marks): RunStyle {
  const code = marks.code;
  return {
    family: code ? 'mono' : role.family,
    size: code ? role.size * INLINE_CODE_SCALE : role.size,
    rise: 0,
    bold: role.bold || marks.bold,
    italic: role.italic || marks.italic,
    color: marks.href ? COLORS.link : role.color,
    underline: marks.underline || marks.href !== null,
    strike: marks.strike,
    codeBg: code,
    href: marks.href,
    goTo: null,
  };
}

function citationStyle(role: TextRole, n: number): RunStyle {
  return {
    family: 'sans',
    size: role.size * CITATION_SCALE,
    rise: role.size * CITATION_RISE,
    bold: true,
    italic: false,
    color: COLORS.accent,
    underline: false,
    strike: false,
    codeBg: false,
    href: null,
    goTo: citationDestination(n),
  };
}

function placeholderStyle(role: TextRole): RunStyle {
  return {
    ...styleFor(role, {
      bold: false,
      italic: true,
      underline: false,
      strike: false,
      code: false,
      href: null,
    }),
    color: COLORS.placeholder,
  };
}

/** Fragments for text in one style, split across faces where glyphs are missing. */
export function frags(fonts: FontBook, text: string, style: RunStyle): Frag[] {
  if (!text) return [];
  return fonts.split(text, style.family).map((run) => {
    const font = fontName(run.face, style.bold, style.italic);
    return {
      text: run.text,
      font,
      size: style.size,
      rise: style.rise,
      width: fonts.width(font, style.size, run.text),
      color: style.color,
      underline: style.underline,
      strike: style.strike,
      codeBg: style.codeBg,
      href: style.href,
      goTo: style.goTo,
    };
  });
}

class TokenBuilder {
  readonly tokens: Token[] = [];
  constructor(private readonly fonts: FontBook) {}

  text(raw: string, style: RunStyle): void {
    const text = cleanText(raw);
    for (const part of text.split(SPACES_SPLIT)) {
      if (!part) continue;
      if (SPACES.test(part)) this.space(style);
      else {
        unspacedPieces(part).forEach((piece, i) => {
          if (i > 0) this.tokens.push({ kind: 'soft' });
          this.word(frags(this.fonts, piece, style));
        });
      }
    }
  }

  word(pieces: Frag[]): void {
    if (pieces.length === 0) return;
    const width = pieces.reduce((w, f) => w + f.width, 0);
    const last = this.tokens[this.tokens.length - 1];
    // Text glued to the previous word (a style change mid-word, a citation
    // right after a word) must not become a break opportunity.
    if (last?.kind === 'word') {
      last.frags.push(...pieces);
      last.width += width;
    } else {
      this.tokens.push({ kind: 'word', frags: pieces, width });
    }
  }

  /** Appends to the previous word, turning a space before it into a no-break space. */
  glue(pieces: Frag[]): void {
    const n = this.tokens.length;
    const space = this.tokens[n - 1];
    const word = this.tokens[n - 2];
    if (space?.kind === 'space' && word?.kind === 'word') {
      this.tokens.pop();
      word.frags.push(space.frag);
      word.width += space.frag.width;
    }
    this.word(pieces);
  }

  space(style: RunStyle): void {
    const last = this.tokens[this.tokens.length - 1];
    if (last?.kind === 'space') return;
    this.tokens.push({ kind: 'space', frag: frags(this.fonts, ' ', style)[0] });
  }

  lineBreak(): void {
    this.tokens.push({ kind: 'break' });
  }
}

function tokenize(fonts: FontBook, inlines: readonly Inline[], role: TextRole): Token[] {
  const builder = new TokenBuilder(fonts);
  for (const inline of inlines) {
    switch (inline.kind) {
      case 'text':
        builder.text(inline.text, styleFor(role, inline.marks));
        break;
      case 'break':
        builder.lineBreak();
        break;
      case 'citation':
        // A citation marker never starts a line on its own.
        builder.glue(frags(fonts, `[${inline.n}]`, citationStyle(role, inline.n)));
        break;
      case 'unsupported':
        builder.text(UNSUPPORTED_TEXT, placeholderStyle(role));
        break;
    }
  }
  return builder.tokens;
}

/** Characters after which a long word (a URL, a path, a compound) may break. */
const BREAK_AFTER = new Set(['/', '-', '?', '&', '=', '_', '.', '#', '\u2013', '\u2014']);

/**
 * Splits a word wider than the line into pieces that fit. A piece ends after
 * the last "/", "-", "?"… that leaves it at least 40% of the line, as a URL
 * is broken by hand ("…/very-" · "long-path"); failing that, at the last
 * character that fits.
 */
function splitWord(fonts: FontBook, word: Frag[], maxWidth: number): Token[] {
  const chars: { frag: Frag; ch: string; width: number }[] = [];
  for (const frag of word) {
    for (const ch of frag.text)
      chars.push({ frag, ch, width: fonts.width(frag.font, frag.size, ch) });
  }
  const out: Token[] = [];
  const emit = (from: number, to: number): void => {
    const frags: Frag[] = [];
    let total = 0;
    for (let k = from; k < to; k++) {
      const { frag, ch, width } = chars[k];
      const last = frags.at(-1);
      if (last && chars[k - 1].frag === frag) {
        last.text += ch;
        last.width += width;
      } else {
        frags.push({ ...frag, text: ch, width });
      }
      total += width;
    }
    if (frags.length > 0) out.push({ kind: 'word', frags, width: total });
  };
  let start = 0;
  let width = 0;
  let breakAt = -1;
  let breakWidth = 0;
  for (let k = 0; k < chars.length; k++) {
    if (width + chars[k].width > maxWidth && k > start) {
      const cut = breakAt > start && breakWidth >= 0.4 * maxWidth ? breakAt : k;
      emit(start, cut);
      width = 0;
      for (let m = cut; m < k; m++) width += chars[m].width;
      start = cut;
      breakAt = -1;
    }
    width += chars[k].width;
    if (BREAK_AFTER.has(chars[k].ch)) {
      breakAt = k + 1;
      breakWidth = width;
    }
  }
  emit(start, chars.length);
  return out;
}

function sameStyle(a: Frag, b: Frag): boolean {
  return (
    a.font === b.font &&
    a.size === b.size &&
    a.rise === b.rise &&
    a.color === b.color &&
    a.underline === b.underline &&
    a.strike === b.strike &&
    a.codeBg === b.codeBg &&
    a.href === b.href &&
    a.goTo === b.goTo
  );
}

/** Joins neighbouring fragments of one style so each is drawn in one call. */
function mergeFrags(list: Frag[]): Frag[] {
  const out: Frag[] = [];
  for (const f of list) {
    const last = out[out.length - 1];
    if (last && sameStyle(last, f)) {
      last.text += f.text;
      last.width += f.width;
    } else {
      out.push({ ...f });
    }
  }
  return out;
}

function breakLines(
  fonts: FontBook,
  tokens: Token[],
  maxWidth: number,
  direction: Direction,
): Line[] {
  const lines: Line[] = [];
  let cur: Frag[] = [];
  let width = 0;
  let pendingSpace: Frag | null = null;
  const remake = (f: Frag, text: string): Frag => ({
    ...f,
    text,
    width: fonts.width(f.font, f.size, text),
  });
  const flush = (): void => {
    const logical = mergeFrags(cur);
    const frags = visualOrder(logical, direction, remake);
    if (frags === logical) lines.push({ frags, width });
    else {
      const visualWidth = frags.reduce((w, f) => w + f.width, 0);
      lines.push({ frags, width: visualWidth, ...(direction === 'rtl' ? { rtl: true } : {}) });
    }
    cur = [];
    width = 0;
    pendingSpace = null;
  };
  // Widths are sums of floats: a word exactly as wide as the measure (a table
  // column sized to its longest word) may come out a hair wider, and fits.
  const limit = maxWidth + EPSILON;
  const addWord = (word: Extract<Token, { kind: 'word' }>): void => {
    const spaceWidth = pendingSpace && cur.length > 0 ? pendingSpace.width : 0;
    if (cur.length > 0 && width + spaceWidth + word.width > limit) flush();
    if (cur.length === 0 && word.width > limit) {
      const pieces = splitWord(fonts, word.frags, maxWidth);
      pieces.forEach((piece, i) => {
        if (i > 0) flush();
        if (piece.kind === 'word') {
          cur.push(...piece.frags);
          width += piece.width;
        }
      });
      return;
    }
    if (pendingSpace && cur.length > 0) {
      cur.push(pendingSpace);
      width += pendingSpace.width;
    }
    cur.push(...word.frags);
    width += word.width;
    pendingSpace = null;
  };
  for (const token of tokens) {
    if (token.kind === 'break') flush();
    else if (token.kind === 'space') pendingSpace = token.frag;
    else if (token.kind === 'soft') pendingSpace = null;
    else addWord(token);
  }
  if (cur.length > 0 || lines.length === 0) flush();
  return lines;
}

/**
 * What a paragraph needs across, measured as it will be broken into lines:
 * its widest word, the least it can be set in without breaking a word, and
 * its width set on one line.
 */
export function measureInlines(
  fonts: FontBook,
  inlines: readonly Inline[],
  role: TextRole,
): { longest: number; whole: number } {
  let longest = 0;
  let whole = 0;
  let line = 0;
  let space = 0;
  for (const token of tokenize(fonts, inlines, role)) {
    if (token.kind === 'word') {
      longest = Math.max(longest, token.width);
      line += (line > 0 ? space : 0) + token.width;
      space = 0;
    } else if (token.kind === 'space') space = token.frag.width;
    else if (token.kind === 'soft') space = 0;
    else {
      whole = Math.max(whole, line);
      line = 0;
      space = 0;
    }
  }
  return { longest, whole: Math.max(whole, line) };
}

/** The base direction of a paragraph with these inlines (bidi.ts). */
export function inlinesDirection(inlines: readonly Inline[]): Direction {
  return paragraphDirection(inlines.map((i) => (i.kind === 'text' ? i.text : ' ')).join(''));
}

export function layoutInlines(
  fonts: FontBook,
  inlines: readonly Inline[],
  role: TextRole,
  width: number,
): Line[] {
  return breakLines(
    fonts,
    tokenize(fonts, inlines, role),
    Math.max(width, 1),
    inlinesDirection(inlines),
  );
}

export const PLAIN: Marks = {
  bold: false,
  italic: false,
  underline: false,
  strike: false,
  code: false,
  href: null,
};

export function layoutPlain(
  fonts: FontBook,
  text: string,
  role: TextRole,
  width: number,
  marks: Partial<Marks> = {},
): Line[] {
  return layoutInlines(fonts, [{ kind: 'text', text, marks: { ...PLAIN, ...marks } }], role, width);
}

/**
 * Lines of preformatted text: whitespace kept, tabs expanded to 4-column
 * stops, long lines wrapped at the character that overflows.
 */
export function layoutPreformatted(
  fonts: FontBook,
  text: string,
  role: TextRole,
  width: number,
): Line[] {
  const style = styleFor(role, PLAIN);
  const lines: Line[] = [];
  for (const rawLine of cleanText(text.replace(/\r\n?/g, '\n')).split('\n')) {
    let expanded = '';
    for (const ch of rawLine) {
      expanded += ch === '\t' ? ' '.repeat(4 - (expanded.length % 4)) : ch;
    }
    const pieces = frags(fonts, expanded, style);
    const total = pieces.reduce((w, f) => w + f.width, 0);
    if (total <= width) {
      lines.push({ frags: mergeFrags(pieces), width: total });
      continue;
    }
    for (const token of splitWord(fonts, pieces, Math.max(width, 1))) {
      if (token.kind === 'word') lines.push({ frags: mergeFrags(token.frags), width: token.width });
    }
  }
  return lines;
}

/** Where the first baseline sits in a line box: centred like CSS half-leading. */
export function baselineOffset(role: TextRole): number {
  return role.leading / 2 + role.size * 0.39;
}

export function paintLine(doc: Doc, line: Line, x: number, baseline: number): void {
  let cx = x;
  for (const f of line.frags) {
    const textY = baseline - f.rise;
    if (f.codeBg) {
      doc.save();
      doc
        .roundedRect(cx - 1, baseline - f.size * 0.95, f.width + 2, f.size * 1.3, 1.5)
        .fill(COLORS.inlineCodeBg);
      doc.restore();
    }
    doc.font(f.font).fontSize(f.size).fillColor(f.color);
    doc.text(f.text, cx, textY, { lineBreak: false, baseline: 'alphabetic' });
    if (f.underline || f.strike) {
      const thickness = Math.max(0.45, f.size * 0.05);
      doc.save().lineWidth(thickness).strokeColor(f.color);
      const width = f.text.endsWith(' ') ? f.width - doc.widthOfString(' ') : f.width;
      if (f.underline) {
        const uy = textY + f.size * 0.14;
        doc
          .moveTo(cx, uy)
          .lineTo(cx + width, uy)
          .stroke();
      }
      if (f.strike) {
        const sy = textY - f.size * 0.28;
        doc
          .moveTo(cx, sy)
          .lineTo(cx + width, sy)
          .stroke();
      }
      doc.restore();
    }
    if (f.href) doc.link(cx, textY - f.size * 0.95, f.width, f.size * 1.3, f.href);
    if (f.goTo) doc.goTo(cx, textY - f.size * 0.95, f.width, f.size * 1.3, f.goTo);
    cx += f.width;
  }
}

export interface LineBoxOptions {
  x: number;
  /** The measure: right-to-left lines are set flush right against it. */
  width?: number;
  decor: readonly Decor[];
  spaceBefore: number;
  /** Keeps every line with the next (headings, short captions). */
  keepTogether?: boolean;
  /** Adds extra space inside the first/last box (code block padding). */
  padTop?: number;
  padBottom?: number;
}

/**
 * One box per line. Widow and orphan control is expressed as keep-with-next
 * on the first line and the second-to-last line, so a paragraph never leaves
 * a single line alone at the bottom or top of a page.
 */
export function lineBoxes(lines: readonly Line[], role: TextRole, opts: LineBoxOptions): Box[] {
  const base = baselineOffset(role);
  const last = lines.length - 1;
  return lines.map((line, i) => {
    const padTop = i === 0 ? (opts.padTop ?? 0) : 0;
    const padBottom = i === last ? (opts.padBottom ?? 0) : 0;
    const keep = opts.keepTogether === true || (i === 0 && last > 0) || (i === last - 1 && i > 0);
    return {
      height: role.leading + padTop + padBottom,
      spaceBefore: i === 0 ? opts.spaceBefore : 0,
      keepWithNext: keep && i < last ? true : opts.keepTogether === true,
      baseline: padTop + base,
      decor: opts.decor,
      paint: (doc, ox, y) => {
        const shift = line.rtl && opts.width !== undefined ? opts.width - line.width : 0;
        paintLine(doc, line, ox + opts.x + Math.max(0, shift), y + padTop + base);
      },
    };
  });
}
