import type { Direction } from './bidi.ts';
import type { FontBook } from './fonts.ts';
import {
  inlinesDirection,
  layoutInlines,
  layoutPlain,
  layoutPreformatted,
  lineBoxes,
} from './inline.ts';
import type { Box, Decor } from './layout.ts';
import { layoutList } from './lists.ts';
import { layoutTable } from './tables.ts';
import { BODY, CODE_TEXT, COLORS, HEADINGS, SPACING, type TextRole } from './theme.ts';
import type { Block, Inline } from './types.ts';

/**
 * Block layout: turns normalised blocks into boxes for the paginator. Every
 * container (page body, list item, quote, table cell) goes through
 * layoutBlocks with its own x, width and base text role, so nesting works the
 * same everywhere.
 */

export interface FlowCtx {
  fonts: FontBook;
  /** Left edge relative to the flow origin. */
  x: number;
  width: number;
  decor: readonly Decor[];
  /** Base text role: body serif on the page, small sans in tables. */
  role: TextRole;
  listLevel: number;
  /** Tighter spacing between blocks inside list items. */
  tight: boolean;
  inTable: boolean;
  /** Usable height of a page's body frame, for splitting oversized table rows. */
  frameHeight: number;
}

export type LayoutFn = (ctx: FlowCtx, blocks: readonly Block[], firstSpace: number) => Box[];

/** Containers stop indenting below this width so text never runs out of room. */
export const MIN_WIDTH = 72;

function scaleFor(ctx: FlowCtx): number {
  return ctx.role.size / BODY.size;
}

function headingRole(ctx: FlowCtx, level: 1 | 2 | 3): TextRole & { spaceBefore: number } {
  const h = HEADINGS[level];
  const k = scaleFor(ctx);
  if (k === 1) return h;
  return { ...h, size: h.size * k, leading: h.leading * k, spaceBefore: h.spaceBefore * k };
}

function gapBefore(ctx: FlowCtx, prev: Block, block: Block): number {
  const k = scaleFor(ctx);
  if (block.kind === 'heading') return headingRole(ctx, block.level).spaceBefore;
  if (prev.kind === 'heading') return SPACING.afterHeading * k;
  return (ctx.tight ? SPACING.withinItem : SPACING.paragraph) * k;
}

function paragraph(ctx: FlowCtx, inlines: readonly Inline[], space: number): Box[] {
  const lines = layoutInlines(ctx.fonts, inlines, ctx.role, ctx.width);
  return lineBoxes(lines, ctx.role, {
    x: ctx.x,
    width: ctx.width,
    decor: ctx.decor,
    spaceBefore: space,
  });
}

function heading(ctx: FlowCtx, block: Extract<Block, { kind: 'heading' }>, space: number): Box[] {
  const role = headingRole(ctx, block.level);
  const lines = layoutInlines(ctx.fonts, block.inlines, role, ctx.width);
  // keepTogether: a heading is never the last thing on a page.
  const boxes = lineBoxes(lines, role, {
    x: ctx.x,
    width: ctx.width,
    decor: ctx.decor,
    spaceBefore: space,
    keepTogether: true,
  });
  if (block.level === 1 && !ctx.inTable) {
    const last = boxes[boxes.length - 1];
    const paintText = last.paint;
    last.height += 3;
    last.paint = (doc, ox, y) => {
      paintText(doc, ox, y);
      const ruleY = y + last.height - 1;
      doc
        .save()
        .moveTo(ox + ctx.x, ruleY)
        .lineTo(ox + ctx.x + ctx.width, ruleY)
        .lineWidth(0.6)
        .stroke(COLORS.rule)
        .restore();
    };
  }
  if (block.anchor) boxes[0].anchor = block.anchor;
  return boxes;
}

/** The direction of the first paragraph in these blocks, looking into quotes and lists. */
export function blocksDirection(blocks: readonly Block[]): Direction {
  for (const b of blocks) {
    if (b.kind === 'paragraph' || b.kind === 'heading') return inlinesDirection(b.inlines);
    if (b.kind === 'blockquote') return blocksDirection(b.blocks);
    if (b.kind === 'list' && b.items.length > 0) return blocksDirection(b.items[0]);
  }
  return 'ltr';
}

function blockquote(
  ctx: FlowCtx,
  blocks: readonly Block[],
  space: number,
  layout: LayoutFn,
): Box[] {
  const indent = ctx.width - SPACING.quoteIndent >= MIN_WIDTH ? SPACING.quoteIndent : 0;
  // A right-to-left quote has its rule and indent on the right, where its
  // lines start. The rule runs down the whole quote, so a quote mixing
  // directions takes its first paragraph's, as a list item does.
  const rtl = blocksDirection(blocks) === 'rtl';
  const ruleWidth = 2.25;
  const rule: Decor = {
    kind: 'rule',
    x: rtl ? ctx.x + ctx.width - 2 - ruleWidth : ctx.x + 2,
    width: ruleWidth,
    color: COLORS.quoteRule,
  };
  const inner: FlowCtx = {
    ...ctx,
    x: rtl ? ctx.x : ctx.x + indent,
    width: ctx.width - indent,
    decor: [...ctx.decor, rule],
    role: { ...ctx.role, color: COLORS.quoteText },
  };
  const boxes = layout(inner, blocks, space);
  return boxes.length > 0 ? boxes : placeholder(ctx, space);
}

function codeBlock(ctx: FlowCtx, block: Extract<Block, { kind: 'code' }>, space: number): Box[] {
  const k = scaleFor(ctx);
  const role: TextRole =
    k === 1 ? CODE_TEXT : { ...CODE_TEXT, size: CODE_TEXT.size * Math.max(k, 0.9) };
  const pad = SPACING.codePad * Math.min(1, k);
  const fill: Decor = {
    kind: 'fill',
    x: ctx.x,
    width: ctx.width,
    color: COLORS.codeBg,
    border: COLORS.codeBorder,
  };
  const lines = layoutPreformatted(ctx.fonts, block.text, role, ctx.width - 2 * pad);
  const boxes = lineBoxes(lines, role, {
    x: ctx.x + pad,
    decor: [...ctx.decor, fill],
    spaceBefore: space,
    padTop: pad,
    padBottom: pad,
  });
  if (block.language) {
    const label = layoutPlain(
      ctx.fonts,
      block.language.slice(0, 24).toUpperCase(),
      {
        family: 'sans',
        size: 6.5,
        leading: 8,
        bold: true,
        italic: false,
        color: COLORS.faint,
      },
      ctx.width,
    )[0];
    const first = boxes[0];
    const paintFirst = first.paint;
    first.paint = (doc, ox, y) => {
      paintLabel(doc, label, ox + ctx.x + ctx.width - pad * 0.6 - label.width, y + 7.5);
      paintFirst(doc, ox, y);
    };
  }
  return boxes;
}

function paintLabel(
  doc: Parameters<Box['paint']>[0],
  label: ReturnType<typeof layoutPlain>[number],
  x: number,
  baseline: number,
): void {
  let cx = x;
  for (const f of label.frags) {
    doc.font(f.font).fontSize(f.size).fillColor(f.color);
    doc.text(f.text, cx, baseline, {
      lineBreak: false,
      baseline: 'alphabetic',
      characterSpacing: 0.4,
    });
    cx += f.width;
  }
}

function horizontalRule(ctx: FlowCtx, space: number): Box[] {
  return [
    {
      height: 12,
      spaceBefore: space,
      keepWithNext: false,
      baseline: null,
      decor: ctx.decor,
      paint: (doc, ox, y) => {
        doc
          .save()
          .moveTo(ox + ctx.x, y + 6)
          .lineTo(ox + ctx.x + ctx.width, y + 6)
          .lineWidth(0.75)
          .stroke(COLORS.rule)
          .restore();
      },
    },
  ];
}

export function placeholder(ctx: FlowCtx, space: number): Box[] {
  return paragraph(ctx, [{ kind: 'unsupported' }], space);
}

function layoutBlock(ctx: FlowCtx, block: Block, space: number, layout: LayoutFn): Box[] {
  switch (block.kind) {
    case 'paragraph':
      return paragraph(ctx, block.inlines, space);
    case 'heading':
      return heading(ctx, block, space);
    case 'blockquote':
      return blockquote(ctx, block.blocks, space, layout);
    case 'list':
      return layoutList(ctx, block, space, layout);
    case 'code':
      return codeBlock(ctx, block, space);
    case 'rule':
      return horizontalRule(ctx, space);
    case 'table':
      return layoutTable(ctx, block, space, layout);
    case 'unsupported':
      return placeholder(ctx, space);
  }
}

export const layoutBlocks: LayoutFn = (ctx, blocks, firstSpace) => {
  const out: Box[] = [];
  let prev: Block | null = null;
  for (const block of blocks) {
    const space = prev ? gapBefore(ctx, prev, block) : firstSpace;
    let boxes: Box[];
    try {
      boxes = layoutBlock(ctx, block, space, layoutBlocks);
    } catch {
      // A layout bug in one block must not cost the whole export.
      boxes = placeholder(ctx, space);
    }
    out.push(...boxes);
    prev = block;
  }
  return out;
};
