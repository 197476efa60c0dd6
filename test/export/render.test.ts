import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBriefPdf, shutdownExportWorker } from '../../server/export/index.ts';
import { edgeBrief, fixtureMeta, fixtureSources, fullBrief } from '../fixtures/export/briefs.ts';
import { allText, readPdf, saveArtifacts, type PdfPage } from './pdfText.ts';

const TITLE = 'Secretary’s trip — Panama, Bogotá and São Paulo';
const MARKING = 'DRAFT — INTERNAL';
const TABLE_HEADER = '# Country Lead official Engagement notes';
const HEADINGS = [
  'Purpose',
  'Key messages',
  'Sequenced asks',
  'Quoted position',
  'Partners',
  'Closing',
  'Sources',
];
const COUNTRIES = /^(\d+) (Panama|Colombia|Brazil|Poland|Mexico|Chile|Peru|Ecuador)\b/;

/** Lines of the body frame, without the running header and footer. */
function bodyLines(page: PdfPage): PdfPage['lines'] {
  return page.lines.filter((l) => l.top > 80 && l.top < page.height - 72);
}

/** Asserts each needle appears after the previous one. */
function expectInOrder(text: string, needles: readonly string[]): void {
  let from = 0;
  for (const needle of needles) {
    const at = text.indexOf(needle, from);
    expect(at, `"${needle}" after offset ${from}`).toBeGreaterThanOrEqual(0);
    from = at + needle.length;
  }
}

afterAll(async () => {
  await shutdownExportWorker();
});

describe('PDF export of a full brief (Letter, with contents)', () => {
  let pages: PdfPage[];
  let text: string;
  let pdf: Buffer;

  beforeAll(async () => {
    pdf = await renderBriefPdf(fullBrief(), fixtureMeta(), fixtureSources);
    saveArtifacts('full-letter', pdf);
    pages = await readPdf(pdf);
    text = allText(pages);
  });

  it('has Letter pages and a stable page count', () => {
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(pages.length).toBeLessThanOrEqual(6);
    for (const page of pages) {
      expect(page.width).toBeCloseTo(612, 0);
      expect(page.height).toBeCloseTo(792, 0);
    }
  });

  it('prints the title, the marking top and bottom, and "Page X of Y" on every page', () => {
    pages.forEach((page, i) => {
      const top = page.lines.filter((l) => l.top < 72).map((l) => l.text);
      const bottom = page.lines.filter((l) => l.top > page.height - 72).map((l) => l.text);
      expect(top).toContain(MARKING);
      expect(bottom).toContain(MARKING);
      expect(top.some((l) => l.startsWith(TITLE))).toBe(true);
      expect(bottom.some((l) => l.endsWith(`Page ${i + 1} of ${pages.length}`))).toBe(true);
    });
  });

  it('prints the title block with status, date, authors and revision', () => {
    const first = allText(pages.slice(0, 1));
    expectInOrder(first, [
      'BRIEFING PAPER',
      TITLE.slice(0, 30),
      'STATUS DATE AUTHORS REVISION',
      'Approved 14 March 2025 Ana Peña, Jorge Arévalo r-20250314-07',
      'by Deputy Secretary',
      'Renée Ibáñez',
      '12 March 2025',
    ]);
  });

  it('keeps the content in document order', () => {
    const body = text.slice(text.indexOf('\nPurpose\n', text.indexOf('Sources')));
    expectInOrder(body, [
      'Purpose',
      'This brief prepares the Secretary',
      'Markers: underlined, struck, inline_code(), the programme page, and a line',
      'after a hard break.[2]',
      'Key messages',
      '• Reaffirm support for the canal financing.',
      '◦ Second level bullet',
      '– Third level bullet',
      '• Raise port security cooperation.[1]',
      'Sequenced asks',
      '3. Start at three.',
      '4. Then four.',
      '1. Nested restarts at one.',
      '2. Nested two.',
      '1. Third level one.',
      '5. Then five.',
      'Quoted position',
      '“We will not reopen the agreement,” the minister told reporters.[3]',
      'function schedule(day) {',
      '.filter((s) => s.open);',
      'Partners',
      TABLE_HEADER,
      '1 Panama Ana Peña',
      '66 Colombia Jorge Arévalo',
      'Closing',
      '[unsupported content]',
      'After the unsupported node.',
      'Sources',
    ]);
  });

  it('extracts accented names exactly', async () => {
    const plain = await extractText(new Uint8Array(pdf), { mergePages: true });
    for (const name of ['Ana Peña', 'Jorge Arévalo', 'Bogotá', 'São Paulo', 'Łódź']) {
      expect(plain.text).toContain(name);
    }
    for (const name of [
      'Ana Peña',
      'Jorge Arévalo',
      'Bogotá',
      'São Paulo',
      'Łódź',
      'Luísa Conceição',
      'Tomás Ñúñez',
    ]) {
      expect(text).toContain(name);
    }
  });

  it('indents nested lists level by level', () => {
    const x = (prefix: string): number => {
      const line = pages.flatMap((p) => p.lines).find((l) => l.text.startsWith(prefix));
      expect(line, prefix).toBeDefined();
      return line?.x ?? 0;
    };
    expect(x('◦ Second')).toBeGreaterThan(x('• Reaffirm'));
    expect(x('– Third')).toBeGreaterThan(x('◦ Second'));
    expect(x('1. Nested restarts')).toBeGreaterThan(x('3. Start at three'));
    expect(x('1. Third level one')).toBeGreaterThan(x('1. Nested restarts'));
  });

  it('repeats the table header on every page the table spans, and never splits a row', () => {
    const spanned = pages.filter((p) => p.lines.some((l) => COUNTRIES.test(l.text)));
    expect(spanned.length).toBeGreaterThanOrEqual(3);
    for (const page of spanned) {
      const body = bodyLines(page);
      const header = body.findIndex((l) => l.text === TABLE_HEADER);
      const firstRow = body.findIndex((l) => COUNTRIES.test(l.text));
      expect(header).toBeGreaterThanOrEqual(0);
      expect(header).toBeLessThan(firstRow);
      // Rows with long notes wrap to three lines; all three stay on the page.
      body.forEach((line, i) => {
        const m = COUNTRIES.exec(line.text);
        if (m && (Number(m[1]) - 1) % 5 === 0) {
          expect(
            body.slice(i, i + 4).some((l) => l.text.includes('summit.')),
            `row ${m[1]} complete`,
          ).toBe(true);
        }
      });
    }
    const rows = new Set(
      spanned.flatMap((p) => p.lines.map((l) => COUNTRIES.exec(l.text)?.[1]).filter(Boolean)),
    );
    expect(rows.size).toBe(66);
  });

  it('numbers citations by first appearance and lists the sources', () => {
    const sources = text.slice(text.lastIndexOf('\nSources\n'));
    expectInOrder(sources, [
      '[1] Embassy Panama City cable 0412 (restricted)',
      'https://cables.example.gov/0412',
      '“The minister confirmed the timetable.”',
      '“Port visits resumed in May.”',
      '[2] IMF Article IV consultation, 2024',
      '“Growth is projected at 3.1 percent.”',
      '[3] Interagency meeting minutes, 3 March',
      '“Minister’s remarks, recorded.”',
    ]);
    expect(sources).not.toContain('[4]');
    expect(text).toContain('mayor of Łódź.[1]');
  });

  it('prints a table of contents whose page numbers match the headings', () => {
    const first = pages[0].lines;
    const start = first.findIndex((l) => l.text === 'Contents');
    expect(start).toBeGreaterThan(0);
    const entries = first.slice(start + 1, start + 1 + HEADINGS.length);
    const tocBottom = entries[entries.length - 1].top;
    entries.forEach((entry, i) => {
      const m = /^(.*) (\d+)$/.exec(entry.text);
      expect(m, entry.text).not.toBeNull();
      expect(m?.[1]).toBe(HEADINGS[i]);
      const pageNo = Number(m?.[2]);
      // The heading itself, not its contents entry, must be on that page.
      const found = bodyLines(pages[pageNo - 1]).some(
        (l) => l.text === HEADINGS[i] && (pageNo > 1 || l.top > tocBottom),
      );
      expect(found, `${HEADINGS[i]} on page ${pageNo}`).toBe(true);
    });
  });

  it('never ends a page with a heading', () => {
    for (const page of pages) {
      const body = bodyLines(page);
      const last = body[body.length - 1];
      expect(HEADINGS).not.toContain(last.text);
    }
  });

  it('makes links clickable and citations jump to the sources', () => {
    const links = pages.flatMap((p) => p.links);
    expect(links).toContain('https://example.gov/programme');
    expect(links).toContain('https://cables.example.gov/0412');
    expect(pages.reduce((n, p) => n + p.destinations, 0)).toBeGreaterThanOrEqual(
      3 + HEADINGS.length,
    );
  });

  it('prints a box for characters no font has, without failing', () => {
    expect(text.replace(/\n/g, ' ')).toMatch(/Emoji and Tibetan degrade safely: □+ □+ □+ — end\./);
  });
});

describe('PDF export on A4', () => {
  it('uses A4 pages, skips the contents when not asked, and shows a draft', async () => {
    const pdf = await renderBriefPdf(
      fullBrief(),
      fixtureMeta({
        paper: 'a4',
        toc: false,
        status: { kind: 'draft' },
        marking: 'OFFICIAL — SENSITIVE',
      }),
    );
    saveArtifacts('full-a4', pdf);
    const pages = await readPdf(pdf);
    for (const page of pages) {
      expect(page.width).toBeCloseTo(595.28, 0);
      expect(page.height).toBeCloseTo(841.89, 0);
      expect(page.lines.filter((l) => l.text === 'OFFICIAL — SENSITIVE')).toHaveLength(2);
    }
    const text = allText(pages);
    expect(text).not.toContain('Contents');
    expect(text).toContain('Draft');
    // Without the extra sources map, the citation's own title is used.
    expect(text).toContain('[1] Embassy Panama cable 0412');
  });
});

describe('PDF export of layout edge cases', () => {
  it('handles spans, deep nesting, long lines and a quote across pages', async () => {
    const pdf = await renderBriefPdf(edgeBrief(), fixtureMeta({ title: 'Edge cases', toc: true }));
    saveArtifacts('edge-letter', pdf);
    const pages = await readPdf(pdf);
    const text = allText(pages);
    expectInOrder(text, [
      'Region Lead',
      'Andes Bogotá Jorge Arévalo',
      'Quito Martín Ibáñez',
      'Southern Cone Santiago Tomás Ñúñez',
      'A row whose notes span the whole width of the table',
      '9. Nine',
      '10. Ten, with a nested bullet list',
      '◦ deeper',
      '1. deepest one',
      '2. deepest two',
      '11. Eleven',
      'const veryLongLine',
      'indented with a tab',
      'A list inside the quote',
      'Final paragraph after the long quote.',
    ]);
    // Exactly three headings: the contents appear.
    expect(pages[0].lines.some((l) => l.text === 'Contents')).toBe(true);
  });
});
