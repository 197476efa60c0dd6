import type { FontBook } from './fonts.ts';
import { baselineOffset, layoutPlain, lineBoxes } from './inline.ts';
import type { Box } from './layout.ts';
import { COLORS, type TextRole } from './theme.ts';
import type { HeadingRef } from './types.ts';

/**
 * The table of contents. Entry heights are known before pagination, so the
 * TOC takes its real space in the flow; the page numbers are only read when
 * painting, after pagination has placed every heading.
 */

export const TOC_MIN_HEADINGS = 3;

export function headingDestination(anchor: string): string {
  return `sec-${anchor}`;
}

const ROLES: Record<1 | 2 | 3, TextRole> = {
  1: { family: 'sans', size: 9.5, leading: 14, bold: true, italic: false, color: COLORS.ink },
  2: { family: 'sans', size: 9.5, leading: 13.5, bold: false, italic: false, color: COLORS.body },
  3: { family: 'sans', size: 9, leading: 13, bold: false, italic: false, color: COLORS.muted },
};
const TITLE: TextRole = {
  family: 'sans',
  size: 11,
  leading: 16,
  bold: true,
  italic: false,
  color: COLORS.navy,
};
const NUMBER_COLUMN = 40;

export function tocBoxes(
  fonts: FontBook,
  entries: readonly HeadingRef[],
  width: number,
  pageOf: (anchor: string) => number | undefined,
): Box[] {
  const title = layoutPlain(fonts, 'Contents', TITLE, width);
  const boxes: Box[] = lineBoxes(title, TITLE, {
    x: 0,
    decor: [],
    spaceBefore: 22,
    keepTogether: true,
  });
  entries.forEach((entry, k) => {
    const role = ROLES[entry.level];
    const indent = (entry.level - 1) * 14;
    const lines = layoutPlain(fonts, entry.text, role, width - indent - NUMBER_COLUMN);
    const space = k === 0 ? 6 : entry.level === 1 ? 5 : 1.5;
    const entryBoxes = lineBoxes(lines, role, {
      x: indent,
      decor: [],
      spaceBefore: space,
      keepTogether: true,
    });
    entryBoxes[entryBoxes.length - 1].keepWithNext = false;
    const dest = headingDestination(entry.anchor);
    const base = baselineOffset(role);
    entryBoxes.forEach((box, i) => {
      const paintText = box.paint;
      const isLast = i === entryBoxes.length - 1;
      box.paint = (doc, ox, y) => {
        paintText(doc, ox, y);
        doc.goTo(ox + indent, y, width - indent, box.height, dest);
        if (!isLast) return;
        const page = String(pageOf(entry.anchor) ?? '');
        const numberWidth = fonts.width(fonts.fontFor('sans', role.bold), role.size, page);
        const baseline = y + base;
        const numberX = ox + width - numberWidth;
        const leaderFrom = ox + indent + lines[lines.length - 1].width + 6;
        const leaderTo = numberX - 5;
        if (leaderTo > leaderFrom) {
          doc
            .save()
            .lineCap('round')
            .lineWidth(0.9)
            .dash(0.01, { space: 3.2 })
            .moveTo(leaderFrom, baseline - 1)
            .lineTo(leaderTo, baseline - 1)
            .stroke(COLORS.faint)
            .undash()
            .restore();
        }
        doc
          .font(fonts.fontFor('sans', role.bold))
          .fontSize(role.size)
          .fillColor(role.color)
          .text(page, numberX, baseline, { lineBreak: false, baseline: 'alphabetic' });
      };
    });
    boxes.push(...entryBoxes);
  });
  boxes.push({
    height: 10,
    spaceBefore: 8,
    keepWithNext: false,
    baseline: null,
    decor: [],
    paint: (doc, ox, y) => {
      doc
        .save()
        .moveTo(ox, y + 9)
        .lineTo(ox + width, y + 9)
        .lineWidth(0.6)
        .stroke(COLORS.rule)
        .restore();
    },
  });
  return boxes;
}
