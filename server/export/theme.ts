/**
 * The look of a printed brief in one place: page geometry, type scale and
 * colours. Layout code reads these instead of hard-coding numbers so the
 * paper can be restyled without touching pagination logic.
 */

export type PaperSize = 'letter' | 'a4';

export interface PageGeometry {
  width: number;
  height: number;
  /** Left edge of the text column. */
  left: number;
  /** Width of the text column. */
  contentWidth: number;
  /** Top of the body frame (below the running header). */
  top: number;
  /** Bottom of the body frame (above the footer). */
  bottom: number;
}

const PAPER: Record<PaperSize, { width: number; height: number }> = {
  letter: { width: 612, height: 792 },
  a4: { width: 595.28, height: 841.89 },
};

/** One inch side margins: briefs get annotated in the margins. */
const SIDE_MARGIN = 72;
const HEAD_SPACE = 86;
const FOOT_SPACE = 78;

export function pageGeometry(paper: PaperSize): PageGeometry {
  const { width, height } = PAPER[paper] ?? PAPER.letter;
  return {
    width,
    height,
    left: SIDE_MARGIN,
    contentWidth: width - 2 * SIDE_MARGIN,
    top: HEAD_SPACE,
    bottom: height - FOOT_SPACE,
  };
}

export const COLORS = {
  ink: '#1b1f27',
  body: '#22262e',
  muted: '#5b6472',
  faint: '#8a93a1',
  navy: '#1d2f52',
  accent: '#2a4a7f',
  link: '#1f4e9c',
  rule: '#c9d0da',
  hairline: '#dde2e9',
  quoteRule: '#9fabbe',
  quoteText: '#363c47',
  codeBg: '#f3f5f8',
  codeBorder: '#dfe3ea',
  codeText: '#1f2530',
  inlineCodeBg: '#eceff3',
  tableHeaderBg: '#e6ebf2',
  tableStripe: '#f8f9fb',
  markingBg: '#1d2f52',
  markingText: '#ffffff',
  draft: '#a15c00',
  review: '#1f5fa8',
  approved: '#1d7a46',
  placeholder: '#8a5a5a',
} as const;

export interface TextRole {
  family: 'serif' | 'sans' | 'mono';
  size: number;
  /** Distance between baselines. */
  leading: number;
  bold: boolean;
  italic: boolean;
  color: string;
}

export const BODY: TextRole = {
  family: 'serif',
  size: 10.5,
  leading: 15.2,
  bold: false,
  italic: false,
  color: COLORS.body,
};

export const HEADINGS: Record<1 | 2 | 3, TextRole & { spaceBefore: number }> = {
  1: {
    family: 'sans',
    size: 15,
    leading: 19,
    bold: true,
    italic: false,
    color: COLORS.navy,
    spaceBefore: 20,
  },
  2: {
    family: 'sans',
    size: 12.5,
    leading: 16.5,
    bold: true,
    italic: false,
    color: COLORS.navy,
    spaceBefore: 15,
  },
  3: {
    family: 'sans',
    size: 10.5,
    leading: 14.5,
    bold: true,
    italic: false,
    color: COLORS.ink,
    spaceBefore: 11,
  },
};

export const TABLE_TEXT: TextRole = {
  family: 'sans',
  size: 8.75,
  leading: 12,
  bold: false,
  italic: false,
  color: COLORS.body,
};

/**
 * The smallest a wide table's text is set at so its longest words fit their
 * columns; below this, words break instead, as small print is no easier to read.
 */
export const TABLE_MIN_SIZE = 7;

export const CODE_TEXT: TextRole = {
  family: 'mono',
  size: 8.25,
  leading: 11.5,
  bold: false,
  italic: false,
  color: COLORS.codeText,
};

export const SPACING = {
  paragraph: 7,
  afterHeading: 5,
  listItem: 3,
  withinItem: 3,
  quoteIndent: 16,
  listIndent: 20,
  codePad: 7,
  cellPadX: 5,
  cellPadY: 4,
  /** Deeper levels stop indenting so content never runs out of width. */
  maxIndentLevels: 6,
} as const;

/** Inline code is set a little smaller so monospace does not look shouty. */
export const INLINE_CODE_SCALE = 0.88;
/** Citation markers are raised and reduced, like a footnote call-out. */
export const CITATION_SCALE = 0.68;
export const CITATION_RISE = 0.36;
