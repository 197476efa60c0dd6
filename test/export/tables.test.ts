/**
 * Table layout in exported PDFs: column widths, rows taller than a page,
 * tables with many columns.
 */
import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../server/export/render.ts';
import { pageGeometry, SPACING } from '../../server/export/theme.ts';
import { EDITOR_TEXT_WIDTH_PX } from '../../shared/editorLayout.ts';
import {
  doc,
  fixtureMeta,
  h,
  li,
  p,
  partnerTable,
  table,
  td,
  text,
  th,
  tr,
  ul,
  type PMNode,
} from '../fixtures/export/briefs.ts';
import { allText, readPdf, type PdfPage } from './pdfText.ts';

const LETTER = pageGeometry('letter');

/** Lines of the body frame, without the running header and footer. */
function bodyLines(page: PdfPage): PdfPage['lines'] {
  return page.lines.filter((l) => l.top > LETTER.top && l.top < LETTER.bottom);
}

describe('table column widths', () => {
  it('keeps whole a word its column is sized to', async () => {
    // "Topic" is the widest word of the first column, whose width is exactly that word's.
    const brief = doc(table(tr(th('Topic'), th('Notes')), tr(td('Long'), td('x '.repeat(300)))));
    const { pdf } = await renderPdf(brief, fixtureMeta({ toc: false }));
    expect(allText(await readPdf(pdf))).toContain('\nTopic Notes\n');
  });

  it('sizes a column to its words as printed, bold included', async () => {
    const bold = { type: 'paragraph', content: [text('Unemployment', 'bold')] };
    const cell = { type: 'tableCell', attrs: { colspan: 1, rowspan: 1 }, content: [bold] };
    const brief = doc(table(tr(th('Rate'), th('Notes')), tr(cell, td('x '.repeat(300)))));
    const { pdf } = await renderPdf(brief, fixtureMeta({ toc: false }));
    expect(allText(await readPdf(pdf))).toMatch(/\nUnemployment x x /);
  });
});

/** A table with every cell given its column's width, as the editor stores a dragged border. */
function withColwidths(node: PMNode, widths: readonly (number | null)[]): PMNode {
  return {
    ...node,
    content: node.content?.map((row) => ({
      ...row,
      content: row.content?.map((cell, i) => ({
        ...cell,
        attrs: { ...cell.attrs, colwidth: widths[i] === null ? null : [widths[i]] },
      })),
    })),
  };
}

/** Left edges of the text items on page one, by their text. */
async function itemLefts(pdf: Uint8Array): Promise<Map<string, number>> {
  const proxy = await getDocumentProxy(new Uint8Array(pdf));
  const content = await (await proxy.getPage(1)).getTextContent();
  const lefts = new Map<string, number>();
  for (const raw of content.items) {
    if ('str' in raw && !lefts.has(raw.str.trim())) lefts.set(raw.str.trim(), raw.transform[4]);
  }
  await proxy.destroy();
  return lefts;
}

describe('column widths set in the editor', () => {
  it('widens a column dragged narrower than its longest word, from the other columns', async () => {
    const notes =
      'The ministry expects the first tranche to be disbursed before the summit. '.repeat(3);
    const brief = doc(
      withColwidths(
        table(
          tr(th('Stage'), th('Owner'), th('Notes')),
          tr(td('Implementation'), td('Treasury'), td(notes)),
        ),
        [40, 120, 480],
      ),
    );
    const { pdf } = await renderPdf(brief, fixtureMeta({ toc: false }));
    const lines = (await readPdf(pdf)).flatMap(bodyLines);
    expect(lines.find((l) => l.text.startsWith('Implementation'))?.text).toMatch(
      /^Implementation Treasury The ministry/,
    );
    // The editor's proportions still lead: the notes column stays the widest by far.
    const lefts = await itemLefts(pdf);
    const owner = lefts.get('Owner') ?? NaN;
    const notesLeft = lefts.get('Notes') ?? NaN;
    expect(notesLeft - owner).toBeGreaterThan(60);
    expect(LETTER.left + LETTER.contentWidth - notesLeft).toBeGreaterThan(LETTER.contentWidth / 2);
  });

  /**
   * Expects the partner table's header words where columns of these widths
   * (editor pixels, adding up to the editor's table width) put them on the page.
   */
  async function expectColumnsAt(pdf: Uint8Array, widths: readonly number[]): Promise<void> {
    const lefts = await itemLefts(pdf);
    const total = widths.reduce((a, b) => a + b, 0);
    const columnLeft = (k: number): number =>
      LETTER.left +
      (widths.slice(0, k).reduce((a, b) => a + b, 0) / total) * LETTER.contentWidth +
      SPACING.cellPadX;
    expect(lefts.get('Country')).toBeCloseTo(columnLeft(1), 1);
    expect(lefts.get('Lead official')).toBeCloseTo(columnLeft(2), 1);
    expect(lefts.get('Engagement notes')).toBeCloseTo(columnLeft(3), 1);
  }

  it('follows editor widths that hold every word exactly as they were set', async () => {
    const widths = [30, 90, 130, 330];
    const { pdf } = await renderPdf(
      doc(withColwidths(partnerTable(3), widths)),
      fixtureMeta({ toc: false }),
    );
    await expectColumnsAt(pdf, widths);
  });

  it('gives columns without a width what the editor gives them: an equal share of the rest', async () => {
    // The "#" column was set to 189 px of the editor's text width (630 px): 30%.
    // The three others share the rest equally, as the editor draws them.
    const { pdf } = await renderPdf(
      doc(withColwidths(partnerTable(3), [189, null, null, null])),
      fixtureMeta({ toc: false }),
    );
    const share = (EDITOR_TEXT_WIDTH_PX - 189) / 3;
    expect(share).toBe(147);
    await expectColumnsAt(pdf, [189, share, share, share]);
  });
});

describe('a table row taller than a page', () => {
  const sentences = (n: number): string =>
    Array.from({ length: n }, (_, i) => `Sentence ${i + 1} of a very long cell.`).join(' ');
  const huge = sentences(160);
  const brief = doc(
    h(1, 'Tall row'),
    p('Intro paragraph.'),
    table(
      tr(th('Topic'), th('Notes')),
      tr(td('Short'), td('A short note.')),
      tr(td('Long'), td(huge)),
      tr(td('After'), td('The row after.')),
    ),
  );

  it('starts below the rows before it and continues on the next page under the header', async () => {
    const { pdf } = await renderPdf(brief, fixtureMeta({ toc: false }));
    const pages = await readPdf(pdf);
    expect(pages).toHaveLength(2);
    const [first, second] = pages.map(bodyLines);

    const firstCell = first.findIndex((l) => l.text.includes('Sentence 1 of'));
    expect(firstCell).toBeGreaterThan(first.findIndex((l) => l.text.includes('A short note.')));
    // The row fills page one down to the footer's frame.
    expect(first.at(-1)?.text).toMatch(/Sentence \d+/);
    expect(first.at(-1)?.top).toBeGreaterThan(LETTER.bottom - 30);

    expect(second[0].text).toBe('Topic Notes');
    expect(second[1].text).not.toMatch(/^(Long|Short)/);
    expect(second.findIndex((l) => l.text.includes('The row after.'))).toBeGreaterThan(1);

    // Every sentence once, in order, and every line inside the margins.
    const cellLines = pages
      .flatMap(bodyLines)
      .filter((l) => /Sentence|very long cell/.test(l.text));
    const text = cellLines.map((l) => l.text.replace(/^Long /, '')).join(' ');
    expect(text).toBe(huge);
    for (const line of cellLines) {
      expect(line.x).toBeGreaterThanOrEqual(LETTER.left);
      expect(line.right).toBeLessThanOrEqual(LETTER.left + LETTER.contentWidth);
      expect(line.top).toBeLessThanOrEqual(LETTER.bottom);
    }
  });

  it('keeps the bullet of a list item that opens with such a row', async () => {
    const { pdf } = await renderPdf(
      doc(p('Intro paragraph.'), ul(li(table(tr(td(sentences(300))))))),
      fixtureMeta({ toc: false }),
    );
    const [first] = (await readPdf(pdf)).map(bodyLines);
    expect(first.find((l) => l.text.includes('Sentence 1 of'))?.text).toMatch(/^• Sentence 1 of/);
  });
});

describe('a table with many columns', () => {
  /** Words printed in the table, in reading order: the body lines from its header row down. */
  async function printedWords(brief: unknown, header: string): Promise<string[]> {
    const { pdf } = await renderPdf(brief, fixtureMeta({ toc: false }));
    const lines = (await readPdf(pdf)).flatMap(bodyLines);
    const from = lines.findIndex((l) => l.text.startsWith(header));
    expect(from).toBeGreaterThanOrEqual(0);
    for (const line of lines.slice(from)) {
      expect(line.x).toBeGreaterThanOrEqual(LETTER.left);
      expect(line.right).toBeLessThanOrEqual(LETTER.left + LETTER.contentWidth + 0.5);
    }
    return lines.slice(from).flatMap((l) => l.text.split(' '));
  }

  it('breaks no word, setting the text smaller when it must', async () => {
    const headers = [
      'Country',
      'Population',
      'GDP growth',
      'Inflation',
      'Unemployment',
      'Current account',
      'Government debt',
      'Exchange rate regime',
      'Credit rating',
    ];
    const row = [
      'Colombia',
      '52.2 million',
      '1.7 percent',
      '6.6 percent',
      '10.2 percent',
      'Deficit of 2.7 percent',
      '55.0 percent of GDP',
      'Independently floating',
      'BB+ stable',
    ];
    const brief = doc(table(tr(...headers.map((t) => th(t))), tr(...row.map((t) => td(t)))));
    const words = await printedWords(brief, 'Country');
    const expected = [...headers, ...row].flatMap((t) => t.split(' '));
    // Every printed word is one of the table's words: none was cut in two.
    expect(words.filter((w) => !expected.includes(w))).toEqual([]);
    expect([...words].sort()).toEqual([...expected].sort());
  });

  it('breaks only a word too long for any column, keeping the others whole', async () => {
    const long = 'Entwicklungszusammenarbeitsministerium';
    const columns = ['Ministry', ...'ABCDEFG'.split('').map((c) => `Column ${c}`)];
    const cells = [long, ...'ABCDEFG'.split('').map((c) => `coordination ${c}`)];
    const brief = doc(table(tr(...columns.map((t) => th(t))), tr(...cells.map((t) => td(t)))));
    const words = await printedWords(brief, 'Ministry');
    const expected = [...columns, ...cells].flatMap((t) => t.split(' '));
    const cut = words.filter((w) => !expected.includes(w));
    expect(cut.length).toBeGreaterThan(1);
    expect(cut.join('')).toBe(long);
    expect(words.filter((w) => w === 'coordination')).toHaveLength(7);
  });

  it('sets the text smaller, not breaking words, when editor widths cannot hold them', async () => {
    const headers = ['Country', 'Population', 'Inflation', 'Unemployment', 'Government debt'];
    const extra = ['Exchange rate regime', 'Credit rating', 'Implementation', 'Responsibility'];
    const columns = [...headers, ...extra];
    const row = columns.map((_, k) => `${k + 1}.0 percent`);
    // Nine equal columns a little over 50 pt wide: too narrow for the longest words at 8 pt.
    const brief = doc(
      withColwidths(
        table(tr(...columns.map((t) => th(t))), tr(...row.map((t) => td(t)))),
        columns.map(() => 100),
      ),
    );
    const words = await printedWords(brief, 'Country');
    const expected = [...columns, ...row].flatMap((t) => t.split(' '));
    expect(words.filter((w) => !expected.includes(w))).toEqual([]);
    expect([...words].sort()).toEqual([...expected].sort());
  });
});
