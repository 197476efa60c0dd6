import { describe, expect, it } from 'vitest';
import { normalizeBrief } from '../../server/export/normalize.ts';
import { renderPdf } from '../../server/export/render.ts';
import {
  code,
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
  type PMNode,
} from '../fixtures/export/briefs.ts';
import { allText, readPdf } from './pdfText.ts';

/** Renders in-process and returns the extracted text of every page. */
async function textOf(
  input: unknown,
  meta: unknown = fixtureMeta({ toc: false }),
): Promise<string> {
  const { pdf } = await renderPdf(input, meta);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  return allText(await readPdf(pdf));
}

function nested(depth: number, leaf: PMNode): PMNode {
  let node = leaf;
  for (let i = 0; i < depth; i++) {
    node = i % 2 === 0 ? { type: 'blockquote', content: [node] } : ul(li(node));
  }
  return doc(node);
}

describe('malformed and unusual input', () => {
  it.each([
    ['null', null],
    ['a string that is not JSON', 'not json'],
    ['a number', 42],
    ['an empty object', {}],
    ['a doc whose content is not an array', { type: 'doc', content: 'oops' }],
    ['an empty doc', { type: 'doc', content: [] }],
  ])('still exports for %s', async (_label, input) => {
    const text = await textOf(input);
    expect(text).toContain('Page 1 of 1');
  });

  it('accepts a bare list of nodes and a doc nested in a doc', async () => {
    expect(await textOf([p('Bare list item')])).toContain('Bare list item');
    expect(await textOf(doc(p('Outer'), doc(p('Inner'))))).toMatch(/Outer\nInner/);
  });

  it('prints a placeholder for unknown nodes and keeps going', async () => {
    const text = await textOf(
      doc(
        p('Before.'),
        { type: 'video', attrs: { src: 'x' } },
        { notAType: true } as unknown as PMNode,
        p('Inline ', { type: 'mention', attrs: { id: 1 } }, ' after.'),
        p('After.'),
      ),
    );
    expect(text).toMatch(
      /Before\.\n\[unsupported content\]\n\[unsupported content\]\nInline \[unsupported content\] after\.\nAfter\./,
    );
  });

  it('tolerates bad attributes and marks', async () => {
    const out = await textOf(
      doc(
        { type: 'heading', attrs: { level: 9 }, content: [text('Level nine')] },
        { type: 'orderedList', attrs: { start: 'abc' }, content: [li(p('first'))] },
        {
          type: 'paragraph',
          content: [
            {
              type: 'text',
              text: 'evil link',
              marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }],
            },
            {
              type: 'text',
              text: ' odd mark',
              marks: [{ type: 'sparkle' }, 'bold' as unknown as { type: string }],
            },
            { type: 'text', text: 42 as unknown as string },
          ],
        },
        table(
          tr(th('A', { colspan: -3, rowspan: 'x' }), th('B')),
          tr(td('1', { colwidth: 'wide' }), td('2')),
        ),
        { type: 'codeBlock', attrs: { language: { no: 1 } }, content: [text('x = 1')] },
      ),
    );
    expect(out).toContain('Level nine');
    expect(out).toContain('1. first');
    expect(out).toContain('evil link odd mark');
    expect(out).toContain('A B');
    expect(out).toContain('x = 1');
  });

  it('only makes http, https and mailto links clickable', async () => {
    const { pdf } = await renderPdf(
      doc(
        p(
          {
            type: 'text',
            text: 'bad',
            marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }],
          },
          ' ',
          {
            type: 'text',
            text: 'good',
            marks: [{ type: 'link', attrs: { href: 'https://ok.example' } }],
          },
          ' ',
          {
            type: 'text',
            text: 'bare',
            marks: [{ type: 'link', attrs: { href: 'example.org/x' } }],
          },
        ),
      ),
      fixtureMeta({ toc: false }),
    );
    const links = (await readPdf(pdf)).flatMap((page) => page.links);
    expect(links).toEqual(['https://ok.example/', 'https://example.org/x']);
  });

  it('caps nesting depth instead of overflowing the stack', async () => {
    const text = await textOf(nested(5000, p('Deep leaf text')));
    expect(text).toContain('Deep leaf text');
  });

  it('renders 3 levels of lists inside table cells and tables inside lists', async () => {
    const cell: PMNode = {
      type: 'tableCell',
      content: [
        ul(li(p('cell level one'), ul(li(p('cell level two'), ul(li(p('cell level three'))))))),
      ],
    };
    const text = await textOf(doc(ul(li(p('item with table'), table(tr(th('Head')), tr(cell))))));
    expect(text).toContain('• cell level one');
    expect(text).toContain('– cell level three');
  });

  it('handles emoji, CJK, RTL, control characters and broken surrogates', async () => {
    const text = await textOf(
      doc(
        p('Emoji 😀👍🏽🇵🇦 family 👨‍👩‍👧 keycap 1️⃣'),
        p('CJK 中文 日本語 한국어; Arabic مرحبا; Hebrew שלום'),
        p('Controls \u0000\u0007\u001b and lone \uD800 surrogate \uDC00 end'),
        code('tab\there\u0000 and 😀'),
      ),
    );
    expect(text).toContain('Emoji');
    expect(text).toContain('end');
    expect(text).toContain('□');
  });

  it('wraps a word longer than the line and keeps every character', async () => {
    const long = 'q'.repeat(3000);
    const text = await textOf(
      doc(p(long), table(tr(th('H')), tr(td(`https://example.org/${'y'.repeat(400)}`)))),
    );
    expect(text.replace(/[^q]/g, '').length).toBe(3000);
    expect(text.replace(/[^y]/g, '').length).toBeGreaterThanOrEqual(400);
  });

  it('breaks a long URL after a slash or hyphen, as by hand, not mid-segment', async () => {
    const url =
      'https://www.example.org/reports/2026/regional-security-assessment-for-the-andean-countries/' +
      'annex-b-maritime-interdiction-statistics-by-quarter-and-port-of-entry/full-tables';
    const text = await textOf(doc(p(url)));
    const lines = text.split('\n').filter((l) => /example\.org|annex|tables/.test(l));
    expect(lines.join('')).toBe(url);
    expect(lines.length).toBeGreaterThan(1);
    // Every line but the last ends at a break character.
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/[/\-.]$/);
  });

  it('splits a table cell taller than a page rather than losing it', async () => {
    const huge = Array.from(
      { length: 400 },
      (_, i) => `Sentence ${i + 1} of a very long cell.`,
    ).join(' ');
    const { pdf } = await renderPdf(
      doc(table(tr(th('Notes')), tr(td(huge)))),
      fixtureMeta({ toc: false }),
    );
    const pages = await readPdf(pdf);
    expect(pages.length).toBeGreaterThan(2);
    const text = allText(pages);
    expect(text).toContain('Sentence 1 of');
    expect(text).toContain('Sentence 400 of a very long cell.');
    // The header repeats above each slice.
    for (const page of pages.filter((pg) => pg.text.includes('Sentence'))) {
      expect(page.lines.some((l) => l.text === 'Notes')).toBe(true);
    }
  });

  it('renders a huge brief without crashing', async () => {
    const paragraphs = Array.from({ length: 1500 }, (_, i) =>
      p(`Paragraph ${i + 1}. ${'Lorem ipsum dolor sit amet. '.repeat(6)}`),
    );
    const { pages } = await renderPdf(doc(h(1, 'Huge'), ...paragraphs), fixtureMeta({ toc: true }));
    expect(pages).toBeGreaterThan(50);
  });

  it('fills in missing metadata', async () => {
    const text = await textOf(doc(p('Body')), {
      title: '',
      authors: [null, 'Ana Peña'],
      paper: 'folio',
    });
    expect(text).toContain('Untitled brief');
    expect(text).toContain('Ana Peña');
    expect(text).toContain('Draft');
  });

  it('does not let one export corrupt the text of the next (shared fonts)', async () => {
    await renderPdf(
      doc(p('Composites first: é è ê ë á à â ä ó ò ô ö ú ù û ü ñ ç Ł ł ő ű ё й')),
      fixtureMeta(),
    );
    const text = await textOf(doc(p('Plain letters next: e a o u n c L l y i and dots...')));
    expect(text).toContain('Plain letters next: e a o u n c L l y i and dots...');
  });
});

describe('normalizeBrief', () => {
  it('numbers one citation per distinct source, in order of first appearance', () => {
    const cite = (sourceId: string, excerpt: string): PMNode => ({
      type: 'citation',
      attrs: { sourceId, sourceTitle: `Title ${sourceId}`, excerpt, factId: null },
    });
    const brief = normalizeBrief(
      doc(p('a', cite('s2', 'x')), p('b', cite('s1', 'y'), cite('s2', 'z'), cite('s2', 'x'))),
      { s1: { title: 'Better title', url: 'https://s1.example' } },
    );
    const numbers = brief.blocks.flatMap((b) =>
      b.kind === 'paragraph' ? b.inlines.flatMap((i) => (i.kind === 'citation' ? [i.n] : [])) : [],
    );
    expect(numbers).toEqual([1, 2, 1, 1]);
    expect(brief.sources).toEqual([
      { n: 1, title: 'Title s2', url: null, excerpts: ['x', 'z'] },
      { n: 2, title: 'Better title', url: 'https://s1.example', excerpts: ['y'] },
    ]);
  });

  it('skips headings inside tables for the contents', () => {
    const brief = normalizeBrief(
      doc(h(1, 'Top'), table(tr({ type: 'tableCell', content: [h(2, 'In table')] })), h(2, 'Next')),
    );
    expect(brief.headings.map((x) => x.text)).toEqual(['Top', 'Next']);
  });
});
