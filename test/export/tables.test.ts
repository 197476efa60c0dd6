/**
 * Table layout in exported PDFs: column widths, rows taller than a page,
 * tables with many columns.
 */
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../server/export/render.ts';
import { doc, fixtureMeta, table, td, th, tr } from '../fixtures/export/briefs.ts';
import { allText, readPdf } from './pdfText.ts';

describe('table column widths', () => {
  it('keeps whole a word its column is sized to', async () => {
    // "Topic" is the widest word of the first column, whose width is exactly that word's.
    const brief = doc(table(tr(th('Topic'), th('Notes')), tr(td('Long'), td('x '.repeat(300)))));
    const { pdf } = await renderPdf(brief, fixtureMeta({ toc: false }));
    expect(allText(await readPdf(pdf))).toContain('\nTopic Notes\n');
  });
});
