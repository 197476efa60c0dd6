import type { FontBook } from './fonts.ts';
import { layoutPlain, lineBoxes, paintLine, type Line } from './inline.ts';
import type { Box } from './layout.ts';
import type { Doc } from './pdf.ts';
import { COLORS, type PageGeometry, type TextRole } from './theme.ts';
import type { ExportMeta, ExportStatus } from './types.ts';

/** The title block on page one and the chrome (marking, header, footer) on every page. */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2025-03-14" → "14 March 2025"; anything unparseable prints as given. */
export function formatDate(value: string): string {
  const trimmed = value.trim();
  const ymd = /^(\d{4})-(\d{2})-(\d{2})/.exec(trimmed);
  if (ymd) {
    const [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
    if (m >= 1 && m <= 12 && d >= 1 && d <= 31) return `${d} ${MONTHS[m - 1]} ${y}`;
  }
  const t = Date.parse(trimmed);
  if (Number.isFinite(t)) {
    const date = new Date(t);
    return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  }
  return trimmed || '—';
}

export function statusLabel(status: ExportStatus): string {
  switch (status.kind) {
    case 'approved':
      return 'Approved';
    case 'in-review':
      return 'In review';
    default:
      return 'Draft';
  }
}

function statusColor(status: ExportStatus): string {
  return status.kind === 'approved'
    ? COLORS.approved
    : status.kind === 'in-review'
      ? COLORS.review
      : COLORS.draft;
}

const MAX_AUTHORS = 12;

function authorsText(authors: readonly string[]): string {
  if (authors.length === 0) return '—';
  if (authors.length <= MAX_AUTHORS) return authors.join(', ');
  const rest = authors.length - MAX_AUTHORS;
  return `${authors.slice(0, MAX_AUTHORS).join(', ')} and ${rest} other${rest === 1 ? '' : 's'}`;
}

const sans = (size: number, leading: number, color: string, bold = false): TextRole => ({
  family: 'sans',
  size,
  leading,
  bold,
  italic: false,
  color,
});

const KICKER = sans(7.5, 12, COLORS.accent, true);
const TITLE = sans(20, 25, COLORS.navy, true);
const LABEL = sans(6.5, 10, COLORS.faint, true);
const VALUE = sans(9, 12.5, COLORS.ink);
const CHROME = sans(7.75, 10, COLORS.muted);
const MARKING = sans(7.5, 10, COLORS.markingText, true);

/**
 * Letter-spacing for small caps-style labels, in em. Kept under the 0.1 em
 * at which PDF text extractors start reading the gaps as spaces ("D R A F T"),
 * so copy-paste and search still see the words.
 */
const TRACKING = 0.08;

/** Draws a line with letter-spacing, which paintLine does not do. */
function paintSpaced(doc: Doc, line: Line, x: number, baseline: number, spacing: number): void {
  let cx = x;
  for (const f of line.frags) {
    doc.font(f.font).fontSize(f.size).fillColor(f.color);
    doc.text(f.text, cx, baseline, {
      lineBreak: false,
      baseline: 'alphabetic',
      characterSpacing: spacing,
    });
    cx += f.width + spacing * [...f.text].length;
  }
}

function spacedWidth(line: Line, spacing: number): number {
  return line.frags.reduce((w, f) => w + f.width + spacing * [...f.text].length, 0);
}

/** One line that fits `width`, shortened with an ellipsis when it does not. */
function fitLine(fonts: FontBook, text: string, role: TextRole, width: number): Line {
  const single = (t: string): Line => layoutPlain(fonts, t, role, 1e6)[0];
  let line = single(text);
  if (line.width <= width) return line;
  let chars = [...text];
  while (chars.length > 1 && line.width > width) {
    chars = chars.slice(0, Math.max(1, Math.floor(chars.length * 0.9)));
    line = single(`${chars.join('').trimEnd()}…`);
  }
  return line;
}

interface GridColumn {
  label: string;
  lines: Line[];
  /** Colour swatch shown before the value (status). */
  swatch?: string;
}

export function titleBlockBoxes(fonts: FontBook, meta: ExportMeta, width: number): Box[] {
  const boxes: Box[] = [];
  const kicker = layoutPlain(fonts, 'BRIEFING PAPER', KICKER, width)[0];
  boxes.push({
    height: 16,
    spaceBefore: 0,
    keepWithNext: true,
    baseline: 9,
    decor: [],
    paint: (doc, ox, y) => paintSpaced(doc, kicker, ox, y + 9, TRACKING * KICKER.size),
  });
  const title = layoutPlain(fonts, meta.title.slice(0, 400), TITLE, width);
  boxes.push(...lineBoxes(title, TITLE, { x: 0, decor: [], spaceBefore: 0, keepTogether: true }));

  const status = meta.status;
  const statusLines = [statusLabel(status)];
  if (status.kind === 'approved') {
    if (status.approver) statusLines.push(`by ${status.approver}`);
    if (status.approvedAt) statusLines.push(formatDate(status.approvedAt));
  }
  const gap = 14;
  // DATE fits "18 September 2026" on one line on A4 too.
  const fractions = [0.26, 0.24, 0.31, 0.19];
  /** Space kept between a value and the divider after it. */
  const clearance = 4;
  const swatchIndent = 9;
  const colWidths = fractions.map(
    (f, i) => f * width - gap - clearance - (i === 0 ? swatchIndent : 0),
  );
  const valueLines = (text: string, i: number, color: string = COLORS.ink): Line[] =>
    layoutPlain(fonts, text, { ...VALUE, color }, colWidths[i]);
  const columns: GridColumn[] = [
    {
      label: 'STATUS',
      swatch: statusColor(status),
      lines: statusLines.flatMap((t, k) =>
        valueLines(t, 0, k === 0 ? statusColor(status) : COLORS.body),
      ),
    },
    { label: 'DATE', lines: valueLines(formatDate(meta.date), 1) },
    {
      label: meta.authors.length === 1 ? 'AUTHOR' : 'AUTHORS',
      lines: valueLines(authorsText(meta.authors), 2),
    },
    { label: 'REVISION', lines: valueLines(meta.revisionId || 'current', 3) },
  ];
  const labels = columns.map((c) => layoutPlain(fonts, c.label, LABEL, 1e6)[0]);
  const maxLines = Math.min(8, Math.max(...columns.map((c) => c.lines.length)));
  const padTop = 9;
  const gridHeight = padTop + 13 + maxLines * VALUE.leading + 7;
  boxes.push({
    height: gridHeight,
    spaceBefore: 10,
    keepWithNext: false,
    baseline: null,
    decor: [],
    paint: (doc, ox, y) => {
      doc.save();
      doc.rect(ox, y, width, 1.6).fill(COLORS.navy);
      doc
        .moveTo(ox, y + gridHeight)
        .lineTo(ox + width, y + gridHeight)
        .lineWidth(0.6)
        .stroke(COLORS.rule);
      let cx = ox;
      columns.forEach((col, i) => {
        if (i > 0) {
          doc
            .moveTo(cx - gap / 2, y + padTop)
            .lineTo(cx - gap / 2, y + gridHeight - 6)
            .lineWidth(0.5)
            .stroke(COLORS.hairline);
        }
        paintSpaced(
          doc,
          labels[i],
          cx + (i > 0 ? gap / 2 : 0),
          y + padTop + 7,
          TRACKING * LABEL.size,
        );
        col.lines.slice(0, maxLines).forEach((line, k) => {
          // Every status line starts after the swatch, so "by …" lines up under "Approved".
          const indent = col.swatch ? swatchIndent : 0;
          const baseline = y + padTop + 13 + k * VALUE.leading + 9.5;
          if (col.swatch && k === 0) {
            doc.circle(cx + (i > 0 ? gap / 2 : 0) + 3, baseline - 3.2, 2.8).fill(col.swatch);
          }
          paintLine(doc, line, cx + (i > 0 ? gap / 2 : 0) + indent, baseline);
        });
        cx += fractions[i] * width;
      });
      doc.restore();
    },
  });
  return boxes;
}

/** Marking bars, running header and "Page X of Y" footer for one page. */
export function paintChrome(
  doc: Doc,
  fonts: FontBook,
  meta: ExportMeta,
  page: PageGeometry,
  pageNumber: number,
  pageCount: number,
): void {
  const { left, contentWidth: width } = page;
  const marking = fitLine(fonts, meta.marking || 'UNCLASSIFIED', MARKING, width - 24);
  const markingBar = (top: number): void => {
    doc.rect(left, top, width, 15).fill(COLORS.markingBg);
    const tracking = TRACKING * MARKING.size;
    const w = spacedWidth(marking, tracking);
    paintSpaced(doc, marking, left + (width - w) / 2, top + 10.3, tracking);
  };
  doc.save();
  markingBar(26);
  markingBar(page.height - 40);

  const right = fitLine(
    fonts,
    `${statusLabel(meta.status)} · ${formatDate(meta.date)}`,
    CHROME,
    width * 0.3,
  );
  const title = fitLine(
    fonts,
    meta.title,
    { ...CHROME, bold: true, color: COLORS.navy },
    width - right.width - 24,
  );
  const headY = 58;
  paintLine(doc, title, left, headY);
  paintLine(doc, right, left + width - right.width, headY);
  doc
    .moveTo(left, headY + 6)
    .lineTo(left + width, headY + 6)
    .lineWidth(0.5)
    .stroke(COLORS.rule);

  const footY = page.height - 50;
  doc
    .moveTo(left, footY - 11)
    .lineTo(left + width, footY - 11)
    .lineWidth(0.5)
    .stroke(COLORS.rule);
  const revision = fitLine(
    fonts,
    `Revision ${meta.revisionId || 'current'}`,
    { ...CHROME, color: COLORS.faint },
    width * 0.6,
  );
  paintLine(doc, revision, left, footY);
  const pageText = layoutPlain(fonts, `Page ${pageNumber} of ${pageCount}`, CHROME, 1e6)[0];
  paintLine(doc, pageText, left + width - pageText.width, footY);
  doc.restore();
}
