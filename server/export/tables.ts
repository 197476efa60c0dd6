import type { FlowCtx, LayoutFn } from './blocks.ts';
import { measureInlines, PLAIN } from './inline.ts';
import { EPSILON, paintPlacements, stack, stackHeight, type Box } from './layout.ts';
import type { Doc } from './pdf.ts';
import { COLORS, SPACING, TABLE_MIN_SIZE, TABLE_TEXT, type TextRole } from './theme.ts';
import type { Block, Inline, TableCell } from './types.ts';
import { EDITOR_CELL_MIN_WIDTH_PX, EDITOR_TEXT_WIDTH_PX } from '../../shared/editorLayout.ts';

/**
 * Tables. Rows are grouped into bands (rows tied together by rowspans) and
 * each band is one box, so a row is not split across pages; header rows are
 * handed to the paginator to repeat on every page the table continues on.
 * Only a band taller than a whole page is split: it starts where it is, and
 * its cells' text continues on the next page below the repeated header.
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

/** Paragraphs of a cell, for sizing columns before the cell is laid out. */
function cellInlines(blocks: readonly Block[], out: Inline[][] = [], depth = 0): Inline[][] {
  if (depth > 8) return out;
  const plain = (text: string): Inline[] => [{ kind: 'text', text, marks: PLAIN }];
  for (const b of blocks) {
    if (b.kind === 'paragraph' || b.kind === 'heading') out.push(b.inlines);
    else if (b.kind === 'code') out.push(...b.text.split('\n').map(plain));
    else if (b.kind === 'blockquote') cellInlines(b.blocks, out, depth + 1);
    else if (b.kind === 'list') for (const item of b.items) cellInlines(item, out, depth + 1);
    else if (b.kind === 'table') out.push(plain('mmmmmmmmmmmmmmmmmmmm'));
  }
  return out;
}

/** Body and header text of a table set at `size`. */
function tableRoles(size: number): { body: TextRole; header: TextRole } {
  const body = { ...TABLE_TEXT, size, leading: (TABLE_TEXT.leading * size) / TABLE_TEXT.size };
  return { body, header: { ...body, bold: true, color: COLORS.navy } };
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/**
 * Column widths like an HTML auto table: every column gets at least its
 * longest word, and the rest of the width goes where there is most text.
 * When the longest words cannot all fit (many columns), the table's text is
 * set smaller, down to TABLE_MIN_SIZE; if they still cannot, only the
 * columns with the longest words are narrowed, so the fewest words break.
 * Widths set in the editor are followed, under the same rule: no column
 * narrower than its longest word (editorWidths). When only some columns have
 * one, the others take what the editor gives them (editorColumns).
 */
function columnWidths(
  ctx: FlowCtx,
  cells: readonly GridCell[],
  ncols: number,
): { widths: number[]; size: number } {
  const width = ctx.width;
  const explicit: (number | null)[] = new Array<number | null>(ncols).fill(null);
  for (const g of cells) {
    g.cell.colwidth?.forEach((w, i) => {
      if (w !== null && g.col + i < ncols) explicit[g.col + i] = w;
    });
  }
  // Measured once at the normal size: text widths scale with the type.
  const base = tableRoles(TABLE_TEXT.size);
  const longest = new Array<number>(ncols).fill(0);
  const whole = new Array<number>(ncols).fill(0);
  for (const g of cells) {
    if (g.colspan !== 1) continue;
    for (const inlines of cellInlines(g.cell.blocks)) {
      const m = measureInlines(ctx.fonts, inlines, g.cell.header ? base.header : base.body);
      longest[g.col] = Math.max(longest[g.col], m.longest);
      whole[g.col] = Math.max(whole[g.col], m.whole);
    }
  }
  const floor = 2 * PAD_X + 12;
  const minAt = (size: number): number[] =>
    longest.map((w) =>
      Math.max(floor, Math.min((w * size) / TABLE_TEXT.size + 2 * PAD_X, width * 0.4)),
    );
  let size = TABLE_TEXT.size;
  while (size > TABLE_MIN_SIZE && sum(minAt(size)) > width) {
    size = Math.max(TABLE_MIN_SIZE, size - 0.25);
  }
  const min = minAt(size);
  const sumMin = sum(min);
  if (sumMin > width) return { widths: capWidest(min, width), size };
  if (explicit.some((w) => w !== null)) {
    return { widths: editorWidths(editorColumns(explicit), min, width), size };
  }
  const max = whole.map((w, i) => Math.max(min[i], (w * size) / TABLE_TEXT.size + 2 * PAD_X));
  const sumMax = sum(max);
  if (sumMax <= width) return { widths: max.map((m) => m + ((width - sumMax) * m) / sumMax), size };
  return {
    widths: min.map((m, i) => m + ((width - sumMin) * (max[i] - m)) / (sumMax - sumMin)),
    size,
  };
}

/**
 * Every column's width as the editor draws the table when some columns have
 * a width and some do not (a table pasted from a word processor, say): those
 * with one keep it, and the others share equally what is left of the page's
 * text width, none narrower than the editor's narrowest cell. (Exports once
 * ignored widths unless every column had one, and such a table came out with
 * its columns sized to their text instead.)
 */
function editorColumns(explicit: readonly (number | null)[]): number[] {
  const open = explicit.filter((w) => w === null).length;
  if (open === 0) return explicit as number[];
  const set = sum(explicit.map((w) => w ?? 0));
  const share = Math.max(EDITOR_CELL_MIN_WIDTH_PX, (EDITOR_TEXT_WIDTH_PX - set) / open);
  return explicit.map((w) => w ?? share);
}

/**
 * The editor's widths, which are pixels on the author's screen, taken as
 * proportions of `total`. A column dragged narrower than its longest word
 * needs (`min`, which adds up to no more than `total`) is widened to it, and
 * the width comes from the other columns in proportion to what each has
 * above its own minimum, so none of them is pushed below its longest word
 * and a table whose columns all fit comes out exactly as the editor set it.
 */
function editorWidths(editor: readonly number[], min: readonly number[], total: number): number[] {
  const editorTotal = sum(editor);
  const scaled = editor.map((w) => (w / editorTotal) * total);
  const deficit = sum(scaled.map((w, i) => Math.max(0, min[i] - w)));
  if (deficit <= 0) return scaled;
  const slack = sum(scaled.map((w, i) => Math.max(0, w - min[i])));
  return scaled.map((w, i) => (w <= min[i] ? min[i] : w - ((w - min[i]) * deficit) / slack));
}

/**
 * Widths no wider than `wanted` that add up to `total` (less than their sum):
 * columns that want less than an even share keep their width, the others
 * share what is left equally.
 */
function capWidest(wanted: readonly number[], total: number): number[] {
  let rest = total;
  let open = wanted.length;
  for (const w of [...wanted].sort((a, b) => a - b)) {
    if (w * open > rest) break;
    rest -= w;
    open--;
  }
  const cap = rest / open;
  return wanted.map((w) => Math.min(w, cap));
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
  /** Table row numbers, consecutive. */
  rows: number[];
  rowHeights: number[];
  cells: LaidCell[];
  header: boolean;
}

/** What a table's bands share: where they sit, and its text's line height. */
interface TableFlow {
  ctx: FlowCtx;
  /** Distance between baselines of the table's body text. */
  leading: number;
}

/** Heights of consecutive rows that fit the cells starting in them. */
function rowHeights(
  table: TableFlow,
  cells: readonly LaidCell[],
  rows: readonly number[],
): number[] {
  const first = rows[0];
  const heights = rows.map(() => table.leading + 2 * PAD_Y);
  for (const c of cells) {
    if (c.rowspan === 1)
      heights[c.row - first] = Math.max(heights[c.row - first], c.contentHeight + 2 * PAD_Y);
  }
  for (const c of cells) {
    if (c.rowspan === 1) continue;
    const last = c.row - first + c.rowspan - 1;
    const have = heights.slice(c.row - first, last + 1).reduce((a, b) => a + b, 0);
    const need = c.contentHeight + 2 * PAD_Y;
    if (need > have) heights[last] += need - have;
  }
  return heights;
}

function band(table: TableFlow, rows: number[], cells: LaidCell[], header: boolean): BandSpec {
  return { rows, rowHeights: rowHeights(table, cells, rows), cells, header };
}

function bandBox(table: TableFlow, spec: BandSpec, space: number): Box {
  const { ctx } = table;
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

/** A body band's box, which splits itself when the paginator asks. */
function bodyBox(
  table: TableFlow,
  spec: BandSpec,
  space: number,
  header: readonly Box[] | undefined,
): Box {
  const box = bandBox(table, spec, space);
  box.tableHeader = header;
  box.split = (room) => {
    const parts = splitBand(table, spec, room);
    return parts && [bodyBox(table, parts[0], space, header), bodyBox(table, parts[1], 0, header)];
  };
  return box;
}

/** A cell's boxes cut where they stop fitting in `budget`; a nested table row is split too. */
function splitBoxes(boxes: readonly Box[], budget: number): [Box[], Box[]] {
  let used = 0;
  for (let k = 0; k < boxes.length; k++) {
    const box = boxes[k];
    const lead = k === 0 ? 0 : box.spaceBefore;
    if (used + lead + box.height <= budget + EPSILON) {
      used += lead + box.height;
      continue;
    }
    const parts = box.split?.(budget - used - lead) ?? null;
    if (parts)
      return [
        [...boxes.slice(0, k), parts[0]],
        [parts[1], ...boxes.slice(k + 1)],
      ];
    return [boxes.slice(0, k), boxes.slice(k)];
  }
  return [[...boxes], []];
}

/**
 * Cuts a band so its first part is at most `room` high. The cut falls in
 * the first row that does not fit: its cells keep the lines that fit and
 * continue in the rest, like a row allowed to break across pages in a word
 * processor. Null when not even two lines of that row would fit.
 */
function splitBand(table: TableFlow, spec: BandSpec, room: number): [BandSpec, BandSpec] | null {
  const first = spec.rows[0];
  const tops: number[] = [];
  let h = 0;
  for (const rh of spec.rowHeights) {
    tops.push(h);
    h += rh;
  }
  const cut = spec.rowHeights.findIndex((rh, k) => tops[k] + rh > room + EPSILON);
  if (cut < 0) return null;
  // Too little room for two lines of the cut row: cut above it instead.
  const whole = room - tops[cut] < 2 * table.leading + 2 * PAD_Y;
  const limit = whole ? tops[cut] : room;
  const headRows = spec.rows.slice(0, whole ? cut : cut + 1);
  const tailRows = spec.rows.slice(cut);
  if (headRows.length === 0) return null;
  const lastHead = headRows[headRows.length - 1];
  const cutRow = first + cut;

  const head: LaidCell[] = [];
  const tail: LaidCell[] = [];
  for (const c of spec.cells) {
    const end = c.row + c.rowspan - 1;
    if (end < cutRow) head.push(c);
    else if (c.row > lastHead) tail.push(c);
    else {
      const [above, below] = splitBoxes(c.boxes, limit - tops[c.row - first] - 2 * PAD_Y);
      head.push({
        ...c,
        rowspan: lastHead - c.row + 1,
        boxes: above,
        contentHeight: stackHeight(above),
      });
      tail.push({
        ...c,
        row: cutRow,
        rowspan: end - cutRow + 1,
        boxes: below,
        contentHeight: stackHeight(below),
      });
    }
  }
  if (!head.some((c) => c.boxes.length > 0)) return null;
  return [band(table, headRows, head, false), band(table, tailRows, tail, false)];
}

export function layoutTable(
  ctx: FlowCtx,
  block: Extract<Block, { kind: 'table' }>,
  space: number,
  layout: LayoutFn,
): Box[] {
  const { cells, ncols } = buildGrid(block.rows);
  const { widths, size } = columnWidths(ctx, cells, ncols);
  const roles = tableRoles(size);
  const table: TableFlow = { ctx, leading: roles.body.leading };
  const offsets = widths.map((_, i) => widths.slice(0, i).reduce((a, b) => a + b, 0));
  const laid: LaidCell[] = cells.map((g) => {
    const width = widths.slice(g.col, g.col + g.colspan).reduce((a, b) => a + b, 0);
    const inner: FlowCtx = {
      ...ctx,
      x: 0,
      width: Math.max(width - 2 * PAD_X, 8),
      decor: [],
      role: g.cell.header ? roles.header : roles.body,
      listLevel: 0,
      tight: false,
      inTable: true,
    };
    const boxes = layout(inner, g.cell.blocks, 0);
    return { ...g, x: offsets[g.col], width, boxes, contentHeight: stackHeight(boxes) };
  });

  const nrows = block.rows.length;
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
    bands.push(
      band(
        table,
        rows,
        rows.flatMap((i) => startingIn[i]),
        headerRun,
      ),
    );
    start = r + 1;
  }

  const headerBands = bands.filter((b) => b.header);
  const bodyBands = bands.filter((b) => !b.header);
  if (bodyBands.length === 0) headerBands.forEach((b) => (b.header = false));
  const headerBoxes = headerBands.map((b, i) => bandBox(table, b, i === 0 ? space : 0));
  // A header taller than a third of a page would crowd out the rows it labels.
  const repeat = headerBoxes.length > 0 && stackHeight(headerBoxes) <= ctx.frameHeight / 3;

  const out: Box[] = [...headerBoxes];
  for (const b of bodyBands) {
    out.push(bodyBox(table, b, out.length === 0 ? space : 0, repeat ? headerBoxes : undefined));
  }
  return out;
}
