import type { FlowCtx, LayoutFn } from './blocks.ts';
import { cleanText, fontName } from './fonts.ts';
import { paintPlacements, stack, stackHeight, type Box } from './layout.ts';
import type { Doc } from './pdf.ts';
import { COLORS, SPACING, TABLE_TEXT, type TextRole } from './theme.ts';
import type { Block, TableCell } from './types.ts';

/**
 * Tables. Rows are grouped into bands (rows tied together by rowspans) and
 * each band is one unbreakable box, so a row is never split across pages;
 * header rows are handed to the paginator to repeat on every page the table
 * continues on. Only a band taller than a whole page is sliced, as a last
 * resort, so its content is not lost off the page.
 */

interface GridCell {
  cell: TableCell;
  row: number;
  col: number;
  colspan: number;
  rowspan: number;
}

interface LaidCell extends GridCell {
  x: number;
  width: number;
  boxes: Box[];
  contentHeight: number;
}

const PAD_X = SPACING.cellPadX;
const PAD_Y = SPACING.cellPadY;
const HEADER_ROLE: TextRole = { ...TABLE_TEXT, bold: true, color: COLORS.navy };

function buildGrid(rows: readonly TableCell[][]): { cells: GridCell[]; ncols: number } {
  const taken: boolean[][] = rows.map(() => []);
  const cells: GridCell[] = [];
  let ncols = 0;
  rows.forEach((row, r) => {
    let col = 0;
    for (const cell of row) {
      while (taken[r][col]) col++;
      const rowspan = Math.min(cell.rowspan, rows.length - r);
      for (let rr = r; rr < r + rowspan; rr++) {
        for (let cc = col; cc < col + cell.colspan; cc++) taken[rr][cc] = true;
      }
      cells.push({ cell, row: r, col, colspan: cell.colspan, rowspan });
      col += cell.colspan;
      ncols = Math.max(ncols, col);
    }
  });
  return { cells, ncols };
}

/** Words of a cell, for sizing columns before the cell is laid out. */
function cellParagraphs(blocks: readonly Block[], out: string[] = [], depth = 0): string[] {
  if (depth > 8) return out;
  for (const b of blocks) {
    if (b.kind === 'paragraph' || b.kind === 'heading') {
      out.push(
        b.inlines
          .map((i) => (i.kind === 'text' ? i.text : i.kind === 'citation' ? '[0]' : ' '))
          .join(''),
      );
    } else if (b.kind === 'code') out.push(...b.text.split('\n'));
    else if (b.kind === 'blockquote') cellParagraphs(b.blocks, out, depth + 1);
    else if (b.kind === 'list') for (const item of b.items) cellParagraphs(item, out, depth + 1);
    else if (b.kind === 'table') out.push('mmmmmmmmmmmmmmmmmmmm');
  }
  return out;
}

/**
 * Column widths like an HTML auto table: every column gets at least its
 * longest word, and the rest of the width goes where there is most text.
 * Widths set in the editor win when every column has one.
 */
function columnWidths(ctx: FlowCtx, cells: readonly GridCell[], ncols: number): number[] {
  const width = ctx.width;
  const explicit: (number | null)[] = new Array<number | null>(ncols).fill(null);
  for (const g of cells) {
    g.cell.colwidth?.forEach((w, i) => {
      if (w !== null && g.col + i < ncols) explicit[g.col + i] = w;
    });
  }
  if (explicit.every((w) => w !== null)) {
    const total = explicit.reduce<number>((s, w) => s + (w ?? 0), 0);
    return explicit.map((w) => ((w ?? 0) / total) * width);
  }
  const floor = 2 * PAD_X + 12;
  const min = new Array<number>(ncols).fill(floor);
  const max = new Array<number>(ncols).fill(floor);
  for (const g of cells) {
    if (g.colspan !== 1) continue;
    const font = fontName('sans', g.cell.header, false);
    for (const para of cellParagraphs(g.cell.blocks)) {
      const text = cleanText(para).replace(/\s+/g, ' ').trim();
      if (!text) continue;
      let longest = 0;
      for (const word of text.split(' ')) {
        longest = Math.max(longest, ctx.fonts.width(font, TABLE_TEXT.size, word));
      }
      const whole = ctx.fonts.width(font, TABLE_TEXT.size, text);
      min[g.col] = Math.max(min[g.col], Math.min(longest + 2 * PAD_X, width * 0.4));
      max[g.col] = Math.max(max[g.col], whole + 2 * PAD_X);
    }
  }
  const sumMin = min.reduce((a, b) => a + b, 0);
  const sumMax = max.reduce((a, b) => a + b, 0);
  if (sumMax <= width) return max.map((m) => m + ((width - sumMax) * m) / sumMax);
  if (sumMin >= width) return min.map((m) => (m * width) / sumMin);
  return min.map((m, i) => m + ((width - sumMin) * (max[i] - m)) / (sumMax - sumMin));
}

function paintCell(
  doc: Doc,
  ox: number,
  y: number,
  height: number,
  cell: LaidCell,
  stripe: boolean,
): void {
  const x = ox + cell.x;
  if (cell.cell.header) doc.rect(x, y, cell.width, height).fill(COLORS.tableHeaderBg);
  else if (stripe) doc.rect(x, y, cell.width, height).fill(COLORS.tableStripe);
  paintPlacements(doc, stack(cell.boxes, y + PAD_Y), x + PAD_X);
  doc.rect(x, y, cell.width, height).lineWidth(0.5).stroke(COLORS.rule);
}

interface BandSpec {
  rows: number[];
  rowHeights: number[];
  cells: LaidCell[];
  header: boolean;
}

function bandBox(ctx: FlowCtx, spec: BandSpec, space: number): Box {
  const tops: number[] = [];
  let h = 0;
  for (const rh of spec.rowHeights) {
    tops.push(h);
    h += rh;
  }
  const first = spec.rows[0];
  return {
    height: h,
    spaceBefore: space,
    keepWithNext: spec.header,
    baseline: null,
    decor: ctx.decor,
    paint: (doc, ox, y) => {
      doc.save();
      for (const cell of spec.cells) {
        const top = tops[cell.row - first];
        const bottomIdx = Math.min(cell.row - first + cell.rowspan, spec.rowHeights.length);
        const height = (bottomIdx < tops.length ? tops[bottomIdx] : h) - top;
        paintCell(doc, ox + ctx.x, y + top, height, cell, cell.row % 2 === 0);
      }
      if (spec.header) {
        doc
          .moveTo(ox + ctx.x, y + h)
          .lineTo(ox + ctx.x + ctx.width, y + h)
          .lineWidth(1)
          .stroke(COLORS.navy);
      }
      doc.restore();
    },
  };
}

/** Cuts a band taller than a page into page-sized slices at line boundaries. */
function sliceBand(ctx: FlowCtx, spec: BandSpec, maxHeight: number, space: number): Box[] {
  const queues = spec.cells.map((c) => ({ cell: c, next: 0 }));
  const slices: Box[] = [];
  while (queues.some((q) => q.next < q.cell.boxes.length)) {
    const parts: LaidCell[] = [];
    let sliceHeight = TABLE_TEXT.leading + 2 * PAD_Y;
    for (const q of queues) {
      const all = q.cell.boxes;
      const from = q.next;
      let height = 2 * PAD_Y;
      while (q.next < all.length) {
        const box = all[q.next];
        const grown = height + (q.next === from ? 0 : box.spaceBefore) + box.height;
        // Always take one box per slice so slicing makes progress.
        if (grown > maxHeight && q.next > from) break;
        height = grown;
        q.next++;
      }
      sliceHeight = Math.max(sliceHeight, height);
      parts.push({
        ...q.cell,
        row: 0,
        rowspan: 1,
        boxes: all.slice(from, q.next),
        contentHeight: height,
      });
    }
    const box = bandBox(
      ctx,
      { rows: [0], rowHeights: [sliceHeight], cells: parts, header: false },
      slices.length === 0 ? space : 0,
    );
    slices.push(box);
  }
  return slices;
}

export function layoutTable(
  ctx: FlowCtx,
  block: Extract<Block, { kind: 'table' }>,
  space: number,
  layout: LayoutFn,
): Box[] {
  const { cells, ncols } = buildGrid(block.rows);
  const widths = columnWidths(ctx, cells, ncols);
  const offsets = widths.map((_, i) => widths.slice(0, i).reduce((a, b) => a + b, 0));
  const laid: LaidCell[] = cells.map((g) => {
    const width = widths.slice(g.col, g.col + g.colspan).reduce((a, b) => a + b, 0);
    const inner: FlowCtx = {
      ...ctx,
      x: 0,
      width: Math.max(width - 2 * PAD_X, 8),
      decor: [],
      role: g.cell.header ? HEADER_ROLE : TABLE_TEXT,
      listLevel: 0,
      tight: false,
      inTable: true,
    };
    const boxes = layout(inner, g.cell.blocks, 0);
    return { ...g, x: offsets[g.col], width, boxes, contentHeight: stackHeight(boxes) };
  });

  const nrows = block.rows.length;
  const minRow = TABLE_TEXT.leading + 2 * PAD_Y;
  const rowHeights = new Array<number>(nrows).fill(minRow);
  for (const c of laid) {
    if (c.rowspan === 1)
      rowHeights[c.row] = Math.max(rowHeights[c.row], c.contentHeight + 2 * PAD_Y);
  }
  for (const c of laid) {
    if (c.rowspan === 1) continue;
    const last = c.row + c.rowspan - 1;
    const have = rowHeights.slice(c.row, last + 1).reduce((a, b) => a + b, 0);
    const need = c.contentHeight + 2 * PAD_Y;
    if (need > have) rowHeights[last] += need - have;
  }

  const startingIn: LaidCell[][] = Array.from({ length: nrows }, () => []);
  for (const c of laid) startingIn[c.row].push(c);
  const isHeaderRow = (r: number): boolean =>
    startingIn[r].length > 0 && startingIn[r].every((c) => c.cell.header);

  const bands: BandSpec[] = [];
  let start = 0;
  let end = -1;
  let headerRun = true;
  for (let r = 0; r < nrows; r++) {
    for (const c of startingIn[r]) end = Math.max(end, r + c.rowspan - 1);
    if (r < end) continue;
    const rows = Array.from({ length: r - start + 1 }, (_, i) => start + i);
    headerRun &&= rows.every(isHeaderRow);
    bands.push({
      rows,
      rowHeights: rows.map((i) => rowHeights[i]),
      cells: rows.flatMap((i) => startingIn[i]),
      header: headerRun,
    });
    start = r + 1;
  }

  const headerBands = bands.filter((b) => b.header);
  const bodyBands = bands.filter((b) => !b.header);
  if (bodyBands.length === 0) headerBands.forEach((b) => (b.header = false));
  const headerBoxes = headerBands.map((b, i) => bandBox(ctx, b, i === 0 ? space : 0));
  const headerHeight = stackHeight(headerBoxes);
  // A header taller than a third of a page would crowd out the rows it labels.
  const repeat = headerBoxes.length > 0 && headerHeight <= ctx.frameHeight / 3;
  const maxBand = ctx.frameHeight - (repeat ? headerHeight : 0) - 2;

  const out: Box[] = [...headerBoxes];
  for (const band of bodyBands) {
    const bandSpace = out.length === 0 ? space : 0;
    const height = band.rowHeights.reduce((a, b) => a + b, 0);
    const boxes =
      height > maxBand ? sliceBand(ctx, band, maxBand, bandSpace) : [bandBox(ctx, band, bandSpace)];
    if (repeat) for (const b of boxes) b.tableHeader = headerBoxes;
    out.push(...boxes);
  }
  return out;
}
