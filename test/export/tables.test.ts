/**
 * Table layout in exported PDFs: column widths, rows taller than a page,
 * tables with many columns.
 */
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../server/export/render.ts';
import { pageGeometry } from '../../server/export/theme.ts';
import {
  doc,
  fixtureMeta,
  h,
  li,
  p,
  table,
  td,
  text,
  th,
  tr,
  ul,
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
});
