import { layoutBlocks, type FlowCtx } from './blocks.ts';
import { citationDestination, layoutPlain, lineBoxes, paintLine } from './inline.ts';
import type { Box } from './layout.ts';
import { COLORS, HEADINGS, type TextRole } from './theme.ts';
import type { SourceEntry } from './types.ts';

/**
 * The Sources section: one entry per cited document, numbered as in the
 * text, with the excerpts that were cited. Each entry is a named destination
 * so the [n] markers in the text are clickable.
 */

export const SOURCES_ANCHOR = 'sources';
export const SOURCES_TITLE = 'Sources';

const TITLE_ROLE: TextRole = {
  family: 'serif',
  size: 9.75,
  leading: 13.5,
  bold: true,
  italic: false,
  color: COLORS.ink,
};
const URL_ROLE: TextRole = {
  family: 'sans',
  size: 7.75,
  leading: 11,
  bold: false,
  italic: false,
  color: COLORS.link,
};
const EXCERPT_ROLE: TextRole = {
  family: 'serif',
  size: 9,
  leading: 12.75,
  bold: false,
  italic: true,
  color: COLORS.muted,
};
const MARKER_ROLE: TextRole = {
  family: 'sans',
  size: 8,
  leading: 13.5,
  bold: true,
  italic: false,
  color: COLORS.accent,
};
const HANG = 26;
const MAX_EXCERPT = 700;
const KEEP_ENTRY_LINES = 10;

function clip(text: string): string {
  return text.length > MAX_EXCERPT ? `${text.slice(0, MAX_EXCERPT).trimEnd()}…` : text;
}

/**
 * An excerpt in quotation marks, unless it opens with one of its own: a quote
 * card's excerpt is often the quotation itself, and wrapping it again printed
 * ““We cannot… or “"Our people….
 */
function quoted(excerpt: string): string {
  const text = clip(excerpt);
  return /^["“”„«‘'‹]/.test(text) ? text : `\u201C${text}\u201D`;
}

export function sourcesBoxes(ctx: FlowCtx, sources: readonly SourceEntry[]): Box[] {
  const boxes = layoutBlocks(
    ctx,
    [
      {
        kind: 'heading',
        level: 1,
        inlines: [
          {
            kind: 'text',
            text: SOURCES_TITLE,
            marks: {
              bold: false,
              italic: false,
              underline: false,
              strike: false,
              code: false,
              href: null,
            },
          },
        ],
        anchor: SOURCES_ANCHOR,
      },
    ],
    HEADINGS[1].spaceBefore + 8,
  );
  const width = ctx.width - HANG;
  sources.forEach((source, k) => {
    const entry: Box[] = [];
    const title = layoutPlain(ctx.fonts, source.title, TITLE_ROLE, width);
    const hasMore = source.url !== null || source.excerpts.length > 0;
    entry.push(
      ...lineBoxes(title, TITLE_ROLE, {
        x: HANG,
        decor: [],
        spaceBefore: k === 0 ? 4 : 8,
        keepTogether: hasMore,
      }),
    );
    if (source.url) {
      const url = layoutPlain(ctx.fonts, source.url, URL_ROLE, width, { href: source.url });
      entry.push(
        ...lineBoxes(url, URL_ROLE, {
          x: HANG,
          decor: [],
          spaceBefore: 0,
          keepTogether: source.excerpts.length > 0,
        }),
      );
    }
    source.excerpts.forEach((excerpt, i) => {
      const lines = layoutPlain(ctx.fonts, quoted(excerpt), EXCERPT_ROLE, width);
      entry.push(
        ...lineBoxes(lines, EXCERPT_ROLE, { x: HANG, decor: [], spaceBefore: i === 0 ? 2 : 4 }),
      );
    });
    // A short entry stays on one page; a long one at least never leaves its
    // last line alone on the next page.
    const keepAll = entry.length <= KEEP_ENTRY_LINES;
    entry.forEach((box, i) => {
      if (i < entry.length - 1 && (keepAll || i === entry.length - 2)) box.keepWithNext = true;
    });
    const marker = layoutPlain(ctx.fonts, `[${source.n}]`, MARKER_ROLE, 1e6)[0];
    const first = entry[0];
    const paintFirst = first.paint;
    const baseline = first.baseline ?? 0;
    first.paint = (doc, ox, y) => {
      doc.addNamedDestination(citationDestination(source.n), 'XYZ', ox, y, null);
      paintLine(doc, marker, ox + ctx.x, y + baseline);
      paintFirst(doc, ox, y);
    };
    boxes.push(...entry);
  });
  return boxes;
}
