import type { FlowCtx, LayoutFn } from './blocks.ts';
import { blocksDirection, MIN_WIDTH } from './blocks.ts';
import { baselineOffset, layoutPlain, paintLine, type Line } from './inline.ts';
import type { Box } from './layout.ts';
import { COLORS, SPACING } from './theme.ts';
import type { Block } from './types.ts';

/**
 * Bullet and ordered lists. Each item is laid out as its own flow, indented,
 * and the marker is painted beside the item's first line, so the marker
 * always travels to whichever page that line lands on. A right-to-left item
 * mirrors this: indented from the right, its marker right of the text.
 */

/** Glyphs vary by level so nesting is visible even without indentation. */
/** •, ◦, –: all three from the body font (a ▪ came from the fallback font, larger and heavier). */
const BULLETS = ['\u2022', '\u25E6', '\u2013'];

function markerLine(ctx: FlowCtx, text: string, ordered: boolean): Line {
  const role = ordered
    ? { ...ctx.role, color: COLORS.ink }
    : { ...ctx.role, color: COLORS.accent, family: 'serif' as const };
  return layoutPlain(ctx.fonts, text, role, 1e6)[0];
}

export function layoutList(
  ctx: FlowCtx,
  block: Extract<Block, { kind: 'list' }>,
  space: number,
  layout: LayoutFn,
): Box[] {
  // An item reads in the direction of its first paragraph, as its paragraphs are set.
  const directions = block.items.map(blocksDirection);
  const markers = block.items.map((_, k) => {
    const n = block.start + k;
    // "1." reads number first; in a right-to-left line that puts the full
    // stop on the left, next to the text, as browsers show an RTL list.
    const number = directions[k] === 'rtl' ? `.${n}` : `${n}.`;
    return markerLine(
      ctx,
      block.ordered ? number : BULLETS[ctx.listLevel % BULLETS.length],
      block.ordered,
    );
  });
  const widest = markers.reduce((w, m) => Math.max(w, m.width), 0);
  const gutter = 6;
  const wanted = Math.max(SPACING.listIndent, widest + gutter + 2);
  // Beyond a few levels, or when the column is narrow, keep the marker but stop indenting.
  const indent =
    ctx.listLevel < SPACING.maxIndentLevels && ctx.width - wanted >= MIN_WIDTH
      ? wanted
      : Math.min(wanted, Math.max(0, ctx.width - MIN_WIDTH));
  const out: Box[] = [];
  block.items.forEach((item, k) => {
    const rtl = directions[k] === 'rtl';
    const itemCtx: FlowCtx = {
      ...ctx,
      x: rtl ? ctx.x : ctx.x + indent,
      width: ctx.width - indent,
      listLevel: ctx.listLevel + 1,
      tight: true,
    };
    const itemSpace = k === 0 ? space : SPACING.listItem * (ctx.role.size / 10.5);
    let boxes = layout(itemCtx, item, itemSpace);
    if (boxes.length === 0) boxes = [emptyLine(itemCtx, itemSpace)];
    const first = boxes[0];
    const marker = markers[k];
    // Aligned on the side facing the text, so "9." and "10." line up on the full stop.
    const markerX = rtl ? itemCtx.x + itemCtx.width + gutter : itemCtx.x - gutter - marker.width;
    const baseline = first.baseline ?? baselineOffset(ctx.role);
    withMarker(first, (doc, ox, y) => paintLine(doc, marker, ox + markerX, y + baseline));
    out.push(...boxes);
  });
  return out;
}

/**
 * Paints the marker with the item's first box, before it so extracted text
 * reads "1. First item"; and with the first part of that box if the
 * paginator splits it (an item that opens with a table row taller than a page).
 */
function withMarker(box: Box, paintMarker: Box['paint']): void {
  const { paint, split } = box;
  box.paint = (doc, ox, y) => {
    paintMarker(doc, ox, y);
    paint(doc, ox, y);
  };
  if (split) {
    box.split = (room) => {
      const parts = split(room);
      if (parts) withMarker(parts[0], paintMarker);
      return parts;
    };
  }
}

function emptyLine(ctx: FlowCtx, space: number): Box {
  return {
    height: ctx.role.leading,
    spaceBefore: space,
    keepWithNext: false,
    baseline: baselineOffset(ctx.role),
    decor: ctx.decor,
    paint: () => undefined,
  };
}
