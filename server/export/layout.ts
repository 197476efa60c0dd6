import type { Doc } from './pdf.ts';

/**
 * The vertical box model. Block layout turns the brief into a flat list of
 * boxes (a line of text, a table row, a rule); pagination then places them
 * on pages in one pass, and painting happens only after every position is
 * known. That order is what lets the footer say "Page X of Y" and the table
 * of contents print page numbers without rendering twice. Boxes are
 * unbreakable, except that a box no page can hold may offer to split itself
 * (a table row with a very long cell).
 */

/** A background or left rule drawn behind a run of boxes (code, quotes). */
export interface Decor {
  kind: 'fill' | 'rule';
  /** Offset from the flow origin. */
  x: number;
  width: number;
  color: string;
  border?: string;
}

export interface Box {
  height: number;
  /** Space above the box; dropped when the box starts a page. */
  spaceBefore: number;
  /** Forbids a page break after this box (headings, widow/orphan control). */
  keepWithNext: boolean;
  /** Offset of the first text baseline from the top, for list markers. */
  baseline: number | null;
  /** Enclosing decorations, outermost first. */
  decor: readonly Decor[];
  /** Heading anchor: the page it lands on feeds the TOC and bookmarks. */
  anchor?: string;
  /** Rows repeated at the top of a page that starts with this box. */
  tableHeader?: readonly Box[];
  /**
   * Cuts the box into a first part at most `room` high and the rest, or
   * returns null when too little of it would fit. Only asked of a box taller
   * than a page, which then starts where it is and continues overleaf.
   */
  split?: (room: number) => [Box, Box] | null;
  /** Draws the box; `ox` is the flow origin's x, `y` the box's top. */
  paint(doc: Doc, ox: number, y: number): void;
}

export interface Placement {
  box: Box;
  y: number;
}

export interface Frame {
  top: number;
  bottom: number;
}

export const EPSILON = 0.01;

export function stackHeight(boxes: readonly Box[]): number {
  let h = 0;
  boxes.forEach((b, i) => {
    h += (i === 0 ? 0 : b.spaceBefore) + b.height;
  });
  return h;
}

/**
 * Places boxes on pages. A run of boxes joined by keepWithNext moves to the
 * next page as a whole when it does not fit; a run taller than a page is
 * broken wherever needed so layout always makes progress.
 */
export function paginate(input: readonly Box[], frame: Frame): Placement[][] {
  // Split boxes replace themselves with their rest.
  const boxes = [...input];
  const pageHeight = frame.bottom - frame.top;
  const pages: Placement[][] = [];
  let page: Placement[] = [];
  let y = frame.top;
  // False while a page holds nothing, or only repeated table headers.
  let hasContent = false;

  const place = (box: Box, content: boolean): void => {
    if (page.length > 0) y += box.spaceBefore;
    page.push({ box, y });
    y += box.height;
    hasContent ||= content;
  };
  const startPage = (next: Box): void => {
    pages.push(page);
    page = [];
    y = frame.top;
    hasContent = false;
    for (const header of next.tableHeader ?? []) place(header, false);
  };

  const fits = (box: Box): boolean =>
    y + (page.length > 0 ? box.spaceBefore : 0) + box.height <= frame.bottom + EPSILON;
  const oversized = (box: Box): boolean =>
    box.split !== undefined &&
    box.height + stackHeight(box.tableHeader ?? []) > pageHeight + EPSILON;
  /** Splits a box placed at `top` (below other boxes when `spaced`) to fill the page. */
  const splitAt = (box: Box, top: number, spaced: boolean): [Box, Box] | null =>
    box.split?.(frame.bottom - top - (spaced ? box.spaceBefore : 0)) ?? null;
  // Inside a keep-together run too tall for any page, boxes up to this index
  // fill pages one by one.
  let fillUntil = -1;

  let i = 0;
  while (i < boxes.length) {
    const box = boxes[i];
    if (oversized(box) && !fits(box)) {
      const parts = splitAt(box, y, page.length > 0);
      if (parts) {
        place(parts[0], true);
        boxes[i] = parts[1];
        startPage(parts[1]);
      } else if (hasContent) {
        startPage(box);
      } else {
        // Not even a fresh page takes a part of it: let it overflow rather than loop.
        place(box, true);
        i++;
      }
      continue;
    }
    if (i <= fillUntil) {
      if (!fits(box) && hasContent) startPage(box);
      place(box, true);
      i++;
      continue;
    }
    const lead = page.length > 0 ? box.spaceBefore : 0;
    let need = lead + box.height;
    let j = i;
    // A run ending in an oversized box (a table header and a huge row) needs
    // room only for the box's first part.
    let splitsNext = false;
    // Stop measuring once the run is taller than a page: it will be split anyway.
    while (boxes[j].keepWithNext && j + 1 < boxes.length && need <= pageHeight) {
      if (oversized(boxes[j + 1])) {
        splitsNext = true;
        break;
      }
      j++;
      need += boxes[j].spaceBefore + boxes[j].height;
    }
    if (
      y + need <= frame.bottom + EPSILON &&
      (!splitsNext || splitAt(boxes[j + 1], y + need, true) !== null)
    ) {
      for (let k = i; k <= j; k++) place(boxes[k], true);
      i = j + 1;
      continue;
    }
    // Measuring stopped part-way: the run is taller than a page, and a fresh
    // page would not keep it together either (its measure minus the space
    // above could still look as if it fits).
    const overPage = !splitsNext && boxes[j].keepWithNext && j + 1 < boxes.length;
    const header = stackHeight(box.tableHeader ?? []);
    if (hasContent && !overPage && need - lead + header <= pageHeight + EPSILON) {
      startPage(box);
      continue;
    }
    // The run cannot fit on any page: give up keeping it together and fill
    // pages from here to its end.
    fillUntil = j;
    while (boxes[fillUntil].keepWithNext && fillUntil + 1 < boxes.length) fillUntil++;
  }
  if (page.length > 0 || pages.length === 0) pages.push(page);
  return pages;
}

/** Stacks boxes from `top` without page breaks (inside table cells). */
export function stack(boxes: readonly Box[], top: number): Placement[] {
  let y = top;
  return boxes.map((box, i) => {
    if (i > 0) y += box.spaceBefore;
    const placed = { box, y };
    y += box.height;
    return placed;
  });
}

/** Paints placed boxes: decoration fills first, then content, then rules. */
export function paintPlacements(doc: Doc, placed: readonly Placement[], ox: number): void {
  const extents = new Map<Decor, { top: number; bottom: number }>();
  for (const { box, y } of placed) {
    for (const d of box.decor) {
      const e = extents.get(d);
      if (e) e.bottom = Math.max(e.bottom, y + box.height);
      else extents.set(d, { top: y, bottom: y + box.height });
    }
  }
  for (const [d, e] of extents) {
    if (d.kind !== 'fill') continue;
    doc.save();
    doc.rect(ox + d.x, e.top, d.width, e.bottom - e.top).fill(d.color);
    if (d.border) {
      doc
        .rect(ox + d.x, e.top, d.width, e.bottom - e.top)
        .lineWidth(0.5)
        .stroke(d.border);
    }
    doc.restore();
  }
  for (const { box, y } of placed) box.paint(doc, ox, y);
  for (const [d, e] of extents) {
    if (d.kind !== 'rule') continue;
    doc.save();
    doc.rect(ox + d.x, e.top, d.width, e.bottom - e.top).fill(d.color);
    doc.restore();
  }
}
