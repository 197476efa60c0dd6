/** Public input types and the normalised brief the layout code works on. */

export type ExportStatus =
  | { kind: 'draft' }
  | { kind: 'in-review' }
  | { kind: 'approved'; approver: string; approvedAt: string };

export interface ExportMeta {
  title: string;
  status: ExportStatus;
  /** ISO date of the version printed. */
  date: string;
  authors: string[];
  /** 'current' or a revision id. */
  revisionId: string;
  /** Classification-style marking, shown at the top and bottom of every page. */
  marking: string;
  paper: 'letter' | 'a4';
  /** Table of contents; only honoured when the brief has at least three headings. */
  toc: boolean;
}

/** Extra details for the Sources list; citation attributes are the fallback. */
export interface ExportSources {
  [sourceId: string]: { title: string; url?: string };
}

export interface Marks {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  code: boolean;
  /** A vetted http(s)/mailto URL, or null. */
  href: string | null;
}

export type Inline =
  | { kind: 'text'; text: string; marks: Marks }
  | { kind: 'break' }
  | { kind: 'citation'; n: number }
  | { kind: 'unsupported' };

export interface TableCell {
  header: boolean;
  colspan: number;
  rowspan: number;
  /** Editor column widths in CSS pixels, one per spanned column, when set. */
  colwidth: (number | null)[] | null;
  blocks: Block[];
}

export type Block =
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'heading'; level: 1 | 2 | 3; inlines: Inline[]; anchor: string | null }
  | { kind: 'blockquote'; blocks: Block[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { kind: 'code'; language: string | null; text: string }
  | { kind: 'rule' }
  | { kind: 'table'; rows: TableCell[][] }
  | { kind: 'unsupported' };

export interface HeadingRef {
  anchor: string;
  level: 1 | 2 | 3;
  text: string;
}

export interface SourceEntry {
  n: number;
  title: string;
  url: string | null;
  excerpts: string[];
}

export interface NormalizedBrief {
  blocks: Block[];
  /** Headings that can be linked to (not inside tables), in reading order. */
  headings: HeadingRef[];
  /** Cited sources in order of first citation. */
  sources: SourceEntry[];
}
