/**
 * Citation numbers: one per source, in order of first citation, the same in
 * the editor (shared/schema/citation.ts) and in the PDF (its markers and its
 * Sources list), so "[2]" on screen is "[2]" on paper.
 */
import { describe, expect, it } from 'vitest';
import { citationNumbers } from '../../shared/schema/citation.ts';
import { briefSchema } from '../../shared/schema/index.ts';
import { renderPdf } from '../../server/export/render.ts';
import { cite, doc, fixtureMeta, p, SOURCE_A, SOURCE_B } from '../fixtures/export/briefs.ts';
import { allText, readPdf } from '../export/pdfText.ts';

const brief = doc(
  p('Transit fell sharply', cite(SOURCE_A.id, SOURCE_A.title, 'Crossings fell.'), '.'),
  p('Growth slowed', cite(SOURCE_B.id, SOURCE_B.title, 'Growth was 2.1%.'), '.'),
  p('Again transit', cite(SOURCE_A.id, SOURCE_A.title, 'Crossings fell again.'), '.'),
  p('A minister said so', cite(SOURCE_B.id, SOURCE_B.title, '“We will not wait,” she said.'), '.'),
);

describe('citation numbers', () => {
  it('number each source once, in order of first citation', () => {
    const node = briefSchema().nodeFromJSON(brief);
    expect([...citationNumbers(node).values()]).toEqual([1, 2, 1, 2]);
  });

  it('are the numbers the PDF prints', async () => {
    const { pdf } = await renderPdf(brief, fixtureMeta({ toc: false }));
    const text = allText(await readPdf(pdf));
    expect(text).toMatch(/Transit fell sharply\s*\[1\]/);
    expect(text).toMatch(/Growth slowed\s*\[2\]/);
    expect(text).toMatch(/Again transit\s*\[1\]/);
    expect(text).toMatch(/A minister said so\s*\[2\]/);
    // The Sources list: excerpts in quotation marks, but a quotation is not quoted twice.
    expect(text).toContain('“Growth was 2.1%.”');
    expect(text).toContain('“We will not wait,” she said.');
    expect(text).not.toContain('““');
  });
});
