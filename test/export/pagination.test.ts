import { describe, expect, it } from 'vitest';
import { lineBoxes, type Line } from '../../server/export/inline.ts';
import { paginate, type Box, type Placement } from '../../server/export/layout.ts';
import { renderPdf } from '../../server/export/render.ts';
import type { TextRole } from '../../server/export/theme.ts';
import { doc, fixtureMeta, h, p, table, td, th, tr } from '../fixtures/export/briefs.ts';
import { readPdf } from './pdfText.ts';

/** Synthetic boxes: 10pt lines on a 100pt page, so the arithmetic is easy to follow. */
const ROLE: TextRole = {
  family: 'serif',
  size: 8,
  leading: 10,
  bold: false,
  italic: false,
  color: '#000',
};
const FRAME = { top: 0, bottom: 100 };
const line: Line = { frags: [], width: 0 };

function paragraph(name: string, lines: number, spaceBefore = 0): Box[] {
  return lineBoxes(Array<Line>(lines).fill(line), ROLE, { x: 0, decor: [], spaceBefore }).map(
    (b, i) => Object.assign(b, { anchor: `${name}${i + 1}` }),
  );
}

function heading(name: string): Box[] {
  return lineBoxes([line], ROLE, { x: 0, decor: [], spaceBefore: 0, keepTogether: true }).map((b) =>
    Object.assign(b, { anchor: name }),
  );
}

function names(pages: Placement[][]): string[][] {
  return pages.map((page) => page.map((pl) => pl.box.anchor ?? '?'));
}

describe('paginate', () => {
  it('moves a paragraph whose first line would be alone at the bottom (orphan)', () => {
    const pages = paginate([...paragraph('f', 9), ...paragraph('p', 4)], FRAME);
    expect(names(pages)[1]).toEqual(['p1', 'p2', 'p3', 'p4']);
  });

  it('never leaves the last line of a paragraph alone at the top (widow)', () => {
    const pages = paginate([...paragraph('f', 7), ...paragraph('p', 4)], FRAME);
    expect(names(pages)).toEqual([
      ['f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'p1', 'p2'],
      ['p3', 'p4'],
    ]);
  });

  it('keeps a heading with the first two lines of the next paragraph', () => {
    const pages = paginate([...paragraph('f', 8), ...heading('H'), ...paragraph('p', 5)], FRAME);
    expect(names(pages)[0].at(-1)).toBe('f8');
    expect(names(pages)[1].slice(0, 3)).toEqual(['H', 'p1', 'p2']);
  });

  it('fills pages at once with a keep-together run taller than a page', () => {
    // Twelve headings in a row (10pt each, 5pt apart): 175pt, on 100pt pages.
    const headings = Array.from({ length: 12 }, (_, k) =>
      lineBoxes([line], ROLE, { x: 0, decor: [], spaceBefore: 5, keepTogether: true }).map((b) =>
        Object.assign(b, { anchor: `H${k + 1}` }),
      ),
    ).flat();
    const pages = paginate([...paragraph('f', 2), ...headings], FRAME);
    // Moving the run to a fresh page cannot keep it together; page one must not be left empty.
    expect(names(pages)[0].slice(0, 3)).toEqual(['f1', 'f2', 'H1']);
  });

  it('drops the space above a box that starts a page', () => {
    const pages = paginate([...paragraph('f', 10), ...paragraph('p', 1, 30)], FRAME);
    expect(pages[1][0].y).toBe(FRAME.top);
  });

  it('repeats table headers at the top of each page a table continues on', () => {
    const header: Box = { ...heading('TH')[0], height: 10 };
    const rows: Box[] = Array.from({ length: 25 }, (_, i) => ({
      height: 10,
      spaceBefore: 0,
      keepWithNext: false,
      baseline: null,
      decor: [],
      anchor: `r${i + 1}`,
      tableHeader: [header],
      paint: () => undefined,
    }));
    const pages = names(paginate([header, ...rows], FRAME));
    expect(pages.length).toBe(3);
    for (const page of pages) expect(page[0]).toBe('TH');
    expect(pages.flat().filter((n) => n.startsWith('r'))).toHaveLength(25);
  });

  it('breaks a keep-together run taller than a page instead of looping', () => {
    const boxes = lineBoxes(Array<Line>(25).fill(line), ROLE, {
      x: 0,
      decor: [],
      spaceBefore: 0,
      keepTogether: true,
    });
    const pages = paginate(boxes, FRAME);
    expect(pages.map((pg) => pg.length)).toEqual([10, 10, 5]);
  });

  /** A row of `lines` 10pt lines that splits between lines, keeping at least two on a page. */
  function tallRow(name: string, lines: number, header: Box[]): Box {
    return {
      height: lines * 10,
      spaceBefore: 0,
      keepWithNext: false,
      baseline: null,
      decor: [],
      anchor: name,
      tableHeader: header,
      paint: () => undefined,
      split: (room) => {
        const fit = Math.floor(room / 10);
        if (fit < 2) return null;
        return [
          { ...tallRow(`${name}:${fit}`, fit, header), split: undefined },
          tallRow(name, lines - fit, header),
        ];
      },
    };
  }

  it('starts a row taller than a page where it is and continues it under the repeated header', () => {
    const header: Box = { ...heading('TH')[0], height: 10 };
    const pages = names(
      paginate([...paragraph('f', 3), header, tallRow('r', 20, [header])], FRAME),
    );
    // Six lines below f1-f3 and the header, nine under each repeated header, five left.
    expect(pages).toEqual([
      ['f1', 'f2', 'f3', 'TH', 'r:6'],
      ['TH', 'r:9'],
      ['TH', 'r'],
    ]);
  });

  it('moves a header with its tall row when fewer than two lines of the row fit', () => {
    const header: Box = { ...heading('TH')[0], height: 10 };
    const pages = names(
      paginate([...paragraph('f', 8), header, tallRow('r', 12, [header])], FRAME),
    );
    expect(pages).toEqual([
      ['f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8'],
      ['TH', 'r:9'],
      ['TH', 'r'],
    ]);
  });

  it('places a box taller than a page on a page of its own', () => {
    const giant: Box = { ...paragraph('g', 1)[0], height: 250, anchor: 'giant' };
    const pages = names(paginate([...paragraph('f', 3), giant, ...paragraph('p', 2)], FRAME));
    expect(pages).toEqual([['f1', 'f2', 'f3'], ['giant'], ['p1', 'p2']]);
  });
});

const FILLER =
  'Officials expect the host government to raise the question of visa facilitation early in the programme, and the delegation should be ready to respond.';

describe('pagination in rendered PDFs', () => {
  it('never leaves a heading as the last line of a page', async () => {
    // Shift a heading line by line towards the foot of the page.
    for (let lines = 30; lines <= 44; lines++) {
      const content = [
        ...Array.from({ length: lines }, (_, i) => p(`Line ${i + 1}.`)),
        h(2, 'Target heading'),
        p(`${FILLER} ${FILLER} ${FILLER}`),
        h(3, 'Second target'),
        table(tr(th('Column A'), th('Column B')), tr(td('a'), td('b')), tr(td('c'), td('d'))),
      ];
      const { pdf } = await renderPdf(doc(...content), fixtureMeta({ toc: false }));
      for (const page of await readPdf(pdf)) {
        const body = page.lines.filter((l) => l.top > 80 && l.top < page.height - 72);
        expect(['Target heading', 'Second target', 'Column A Column B']).not.toContain(
          body.at(-1)?.text,
        );
      }
    }
  });
});
