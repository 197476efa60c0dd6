import { serveTasks } from '../taskWorker.ts';
import type { ExportedPdf, RenderRequest } from './protocol.ts';
import { renderPdf } from './render.ts';

/**
 * The export worker: renders PDFs off the main thread so a long export never
 * delays collaboration traffic. Requests are independent; a failure is
 * reported per request and the worker stays up.
 */

serveTasks<RenderRequest, ExportedPdf>(
  async (request) => {
    const { pdf, pages } = await renderPdf(request.doc, request.meta, request.sources ?? {});
    // Copy into an ArrayBuffer of its own so it can be transferred, not cloned.
    const out = new Uint8Array(pdf.byteLength);
    out.set(pdf);
    return { pdf: out, pages };
  },
  (result) => [result.pdf.buffer as ArrayBuffer],
);

// Decode the fonts' layout tables now, while idle, instead of during the first real export.
const text = (value: string, ...marks: string[]): unknown => ({
  type: 'text',
  text: value,
  marks: marks.map((type) => ({ type })),
});
void renderPdf(
  {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 1 }, content: [text('Warm-up Ąé')] },
      {
        type: 'paragraph',
        content: [
          text('Body Ąé '),
          text('bold', 'bold'),
          text(' italic', 'italic'),
          text(' code', 'code'),
        ],
      },
      {
        type: 'table',
        content: [
          {
            type: 'tableRow',
            content: [
              { type: 'tableHeader', content: [{ type: 'paragraph', content: [text('Head')] }] },
            ],
          },
          {
            type: 'tableRow',
            content: [
              { type: 'tableCell', content: [{ type: 'paragraph', content: [text('Cell')] }] },
            ],
          },
        ],
      },
    ],
  },
  { title: 'Warm-up', marking: 'WARM-UP', toc: false },
).catch(() => undefined);
