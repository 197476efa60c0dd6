/**
 * Right-to-left text in exported PDFs (server/export/bidi.ts): each line's
 * runs are put in the order UAX #9 gives, and an RTL paragraph is set flush right.
 */
import bidiFactory from 'bidi-js';
import { PDFDocument } from '../../server/export/pdf.ts';
import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { visualOrder, type Direction } from '../../server/export/bidi.ts';
import { layoutBlocks } from '../../server/export/blocks.ts';
import { FontBook } from '../../server/export/fonts.ts';
import { normalizeBrief } from '../../server/export/normalize.ts';
import { renderPdf } from '../../server/export/render.ts';
import { BODY, SPACING } from '../../server/export/theme.ts';
import { doc, fixtureMeta, li, ol, p, quote, text, ul } from '../fixtures/export/briefs.ts';

const bidi = bidiFactory();

/** What fontkit draws for a fragment: its characters reversed when it holds RTL letters. */
function drawn(fragment: string): string {
  return /[\p{Script=Arabic}\p{Script=Hebrew}]/u.test(fragment)
    ? [...fragment].reverse().join('')
    : fragment;
}

/** The line as it appears, left to right, when its fragments are drawn in visual order. */
function appearance(pieces: string[], direction: Direction): string {
  const ordered = visualOrder(
    pieces.map((t) => ({ text: t })),
    direction,
    (_, t) => ({ text: t }),
  );
  return ordered.map((f) => drawn(f.text)).join('');
}

/** The reference: bidi-js's own reordering of the whole line, mirroring included. */
function reference(line: string, direction: Direction): string {
  return bidi.getReorderedString(line, bidi.getEmbeddingLevels(line, direction));
}

/** Renders `brief` on letter paper and finds each drawn text item by its string. */
async function drawnOnLetter(
  brief: Parameters<typeof renderPdf>[0],
): Promise<(str: string) => Item> {
  const { pdf } = await renderPdf(brief, fixtureMeta({ toc: false, paper: 'letter' }));
  const found = await items(pdf);
  return (str) => {
    const item = found.find((i) => i.str === str);
    if (!item) throw new Error(`"${str}" not drawn: ${found.map((i) => i.str).join(' | ')}`);
    return item;
  };
}

describe('visualOrder', () => {
  it.each<[string, string[], Direction]>([
    ['a Hebrew phrase in English', ['He said ', 'שלום עולם', ' today.'], 'ltr'],
    ['an Arabic sentence with figures', ['قال الوزير إن ', '35 دولة', ' شاركت في 2024.'], 'rtl'],
    ['brackets around Latin in Hebrew', ['הממשלה אישרה ', '(USD)', ' ביום ראשון.'], 'rtl'],
    ['brackets alone at an RTL level', ['עברית (', 'שלום', ') עוד'], 'rtl'],
    ['Arabic-Indic digits', ['العدد ', '١٢٣', ' فقط'], 'rtl'],
    ['Arabic punctuation', ['نعم، ', 'لا؟ ', 'ربما'], 'rtl'],
    ['English inside Arabic', ['قال ', 'the minister', ' اليوم'], 'rtl'],
    ['a quotation mark after Arabic', ['"السلام عليكم"', ' before the talks'], 'ltr'],
  ])('orders %s as UAX #9 does', (_, pieces, direction) => {
    expect(appearance(pieces, direction)).toBe(reference(pieces.join(''), direction));
  });

  it('returns a line with no RTL text as it is', () => {
    const pieces = [{ text: 'Plain ' }, { text: 'English (2024).' }];
    expect(visualOrder(pieces, 'ltr', () => ({ text: 'changed' }))).toBe(pieces);
  });
});

interface Item {
  str: string;
  left: number;
  right: number;
  baseline: number;
}

async function items(pdf: Uint8Array): Promise<Item[]> {
  const proxy = await getDocumentProxy(new Uint8Array(pdf));
  const content = await (await proxy.getPage(1)).getTextContent();
  const out: Item[] = [];
  for (const raw of content.items) {
    if (!('str' in raw) || raw.str.trim() === '') continue;
    out.push({
      str: raw.str,
      left: raw.transform[4],
      right: raw.transform[4] + raw.width,
      baseline: raw.transform[5],
    });
  }
  await proxy.destroy();
  return out;
}

describe('PDF export of right-to-left text', () => {
  it('puts an RTL phrase in visual order and sets an RTL paragraph flush right', async () => {
    const brief = doc(
      p('He said ', text('שלום', 'bold'), ' עולם today.'),
      p(text('הממשלה', 'bold'), ' אישרה את התקציב (USD) ביום ראשון.'),
    );
    const at = await drawnOnLetter(brief);

    // English reads left to right around the phrase; the phrase's first word is on its right.
    expect(at('He said').right).toBeLessThan(at('עולם').left);
    expect(at('עולם').right).toBeLessThan(at('שלום').left);
    expect(at('שלום').right).toBeLessThan(at('today.').left);

    // The Hebrew paragraph starts at the right margin (Letter: 612 pt less 72 pt) and reads leftwards.
    const first = at('הממשלה');
    expect(first.right).toBeCloseTo(612 - 72, 0);
    expect(at('אישרה').right).toBeLessThan(first.left);
    expect(at('(USD)').right).toBeLessThan(at('התקציב').left);
    expect(at('ביום').right).toBeLessThan(at('(USD)').left);
    expect(at('ראשון').right).toBeLessThan(at('ביום').left);
  });
});

describe('PDF export of right-to-left list items', () => {
  it('puts the marker of an RTL item on the right and indents its text from the right', async () => {
    const brief = doc(
      ul(li(p('English item')), li(p('שלום עולם'))),
      ol(1, li(p('البند الأول')), li(p('English second'))),
    );
    const { pdf } = await renderPdf(brief, fixtureMeta({ toc: false, paper: 'letter' }));
    const found = await items(pdf);
    const at = (needle: string): Item => {
      const item = found.find((i) => i.str.includes(needle));
      if (!item) throw new Error(`"${needle}" not drawn: ${found.map((i) => i.str).join(' | ')}`);
      return item;
    };
    const markerBeside = (line: Item, marker: string): Item => {
      const item = found.find((i) => i.str.trim() === marker && i.baseline === line.baseline);
      if (!item) throw new Error(`no "${marker}" beside "${line.str}"`);
      return item;
    };
    const rightMargin = 612 - 72;

    // Left to right, marker and text are drawn as one run, marker first.
    expect(at('English item').str).toMatch(/^• ?English item/);
    expect(at('English second').str).toMatch(/^2\. ?English second/);

    const hebrew = at('שלום'); // The first word, so the rightmost.
    const bullet = markerBeside(hebrew, '•');
    expect(bullet.left).toBeGreaterThan(hebrew.right);
    expect(bullet.right).toBeLessThanOrEqual(rightMargin + 0.5);
    // Indented from the right margin as an LTR item is from the left.
    expect(hebrew.right).toBeCloseTo(rightMargin - SPACING.listIndent, 0);

    // Arabic comes back from the PDF in presentation forms: find the text by its baseline.
    const number = at('.1');
    const words = found.filter((i) => i.baseline === number.baseline && i !== number);
    expect(words.length).toBeGreaterThan(0);
    for (const word of words) expect(word.right).toBeLessThan(number.left);
  });
});

describe('PDF export of right-to-left quotes', () => {
  const WIDTH = 468;

  /** Where each quote's rule is drawn, as an offset from the left of the text column. */
  function quoteRules(brief: unknown): number[] {
    const fonts = new FontBook(new PDFDocument({ autoFirstPage: false }));
    const ctx = {
      fonts,
      x: 0,
      width: WIDTH,
      decor: [],
      role: BODY,
      listLevel: 0,
      tight: false,
      inTable: false,
      frameHeight: 600,
    };
    const rules = new Set(
      layoutBlocks(ctx, normalizeBrief(brief).blocks, 0).flatMap((b) =>
        b.decor.filter((d) => d.kind === 'rule'),
      ),
    );
    return [...rules].map((r) => r.x);
  }

  it('draws the rule on the right of an RTL quote and indents it from the right', async () => {
    const brief = doc(
      quote(p('Quoted in English.')),
      quote(p('הממשלה אישרה את התקציב.')),
      // Mixed: the first paragraph's direction sets the side.
      quote(p('قال الوزير إن الاتفاق نهائي.'), p('The minister said so in Arabic.')),
      quote(p('The minister said, in English first:'), p('הממשלה אישרה.')),
    );
    const [english, hebrew, arabicFirst, englishFirst] = quoteRules(brief);
    expect(english).toBeLessThan(SPACING.quoteIndent);
    expect(hebrew).toBeGreaterThan(WIDTH - SPACING.quoteIndent);
    expect(arabicFirst).toBeGreaterThan(WIDTH - SPACING.quoteIndent);
    expect(englishFirst).toBeLessThan(SPACING.quoteIndent);

    const at = await drawnOnLetter(brief);
    const left = 72;
    const rightMargin = 612 - 72;
    expect(at('Quoted in English.').left).toBeCloseTo(left + SPACING.quoteIndent, 0);
    // The Hebrew quote's first word ends where an English quote's text would start, mirrored.
    expect(at('הממשלה').right).toBeCloseTo(rightMargin - SPACING.quoteIndent, 0);
    // An English paragraph in an RTL quote stays flush left, inside the quote's left edge.
    expect(at('The minister said so in Arabic.').left).toBeCloseTo(left, 0);
  });
});
