import { citationSourceKey } from '../../shared/schema/citationKey.ts';
import type {
  Block,
  ExportSources,
  HeadingRef,
  Inline,
  Marks,
  NormalizedBrief,
  SourceEntry,
  TableCell,
} from './types.ts';

/**
 * Turns untrusted ProseMirror JSON into the small typed tree the layout code
 * works on. Everything here is defensive: an export must still come out when
 * a client sent something odd, so unknown or malformed parts become
 * placeholders instead of exceptions, and recursion is bounded.
 */

/** Deeper than any real brief; beyond it the subtree is flattened to text. */
export const MAX_DEPTH = 40;
const MAX_SPAN = 64;

const NO_MARKS: Marks = {
  bold: false,
  italic: false,
  underline: false,
  strike: false,
  code: false,
  href: null,
};

interface RawNode {
  type: string;
  attrs: Record<string, unknown>;
  content: unknown[];
  text: string | null;
  marks: unknown[];
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function readNode(value: unknown): RawNode | null {
  const rec = asRecord(value);
  if (!rec || typeof rec.type !== 'string') return null;
  return {
    type: rec.type,
    attrs: asRecord(rec.attrs) ?? {},
    content: Array.isArray(rec.content) ? rec.content : [],
    text: typeof rec.text === 'string' ? rec.text : null,
    marks: Array.isArray(rec.marks) ? rec.marks : [],
  };
}

function intAttr(value: unknown, fallback: number, min: number, max: number): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(n)));
}

function strAttr(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/** Only schemes the editor itself allows become clickable; the text always prints. */
export function vetHref(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  if (!s || s.length > 2048) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(s);
  if (!scheme) return /^[\w-]+(\.[\w-]+)+/.test(s) ? `https://${s}` : null;
  return SAFE_SCHEMES.has(scheme[1].toLowerCase()) ? s : null;
}

function readMarks(raw: unknown[]): Marks {
  let marks = NO_MARKS;
  for (const item of raw) {
    const mark = asRecord(item);
    if (!mark) continue;
    switch (mark.type) {
      case 'bold':
      case 'italic':
      case 'underline':
      case 'strike':
      case 'code':
        marks = { ...marks, [mark.type]: true };
        break;
      case 'link':
        marks = { ...marks, href: vetHref(asRecord(mark.attrs)?.href) };
        break;
      default:
      // Unknown marks only change styling; dropping them keeps the text.
    }
  }
  return marks;
}

/** All text under a node, without recursion, for subtrees too deep to lay out. */
function flattenText(value: unknown): string {
  const parts: string[] = [];
  const stack: unknown[] = [value];
  let budget = 200_000;
  while (stack.length > 0 && budget-- > 0) {
    const node = readNode(stack.pop());
    if (!node) continue;
    if (node.text !== null) parts.push(node.text);
    else if (node.type === 'hardBreak') parts.push(' ');
    for (let i = node.content.length - 1; i >= 0; i--) stack.push(node.content[i]);
    if (node.content.length > 0) parts.push(' ');
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}

class Normalizer {
  private readonly headings: HeadingRef[] = [];
  private readonly sources = new Map<string, SourceEntry>();
  private anchorCount = 0;

  constructor(private readonly extra: ExportSources) {}

  result(blocks: Block[]): NormalizedBrief {
    return { blocks, headings: this.headings, sources: [...this.sources.values()] };
  }

  blocks(content: unknown[], depth: number, inTable: boolean): Block[] {
    const out: Block[] = [];
    let strayInlines: Inline[] = [];
    const flushInlines = (): void => {
      if (strayInlines.length > 0) out.push({ kind: 'paragraph', inlines: strayInlines });
      strayInlines = [];
    };
    for (const item of content) {
      const node = readNode(item);
      if (node && isInlineType(node.type)) {
        // Inline nodes directly in a block container: keep them as a paragraph.
        this.inline(node, strayInlines, depth);
        continue;
      }
      flushInlines();
      if (node?.type === 'doc' && depth < MAX_DEPTH) {
        // A document pasted inside a document: keep its blocks in place.
        out.push(...this.blocks(node.content, depth + 1, inTable));
        continue;
      }
      out.push(this.block(node, item, depth, inTable));
    }
    flushInlines();
    return out;
  }

  private block(node: RawNode | null, raw: unknown, depth: number, inTable: boolean): Block {
    if (!node) return { kind: 'unsupported' };
    if (depth > MAX_DEPTH) {
      const text = flattenText(raw);
      return text
        ? { kind: 'paragraph', inlines: [{ kind: 'text', text, marks: NO_MARKS }] }
        : { kind: 'unsupported' };
    }
    const next = depth + 1;
    switch (node.type) {
      case 'paragraph':
        return { kind: 'paragraph', inlines: this.inlines(node.content, next) };
      case 'heading':
        return this.heading(node, next, inTable);
      case 'blockquote':
        return { kind: 'blockquote', blocks: this.blocks(node.content, next, inTable) };
      case 'bulletList':
      case 'orderedList':
        return {
          kind: 'list',
          ordered: node.type === 'orderedList',
          start: intAttr(node.attrs.start, 1, -999_999, 999_999_999),
          items: node.content.map((child) => {
            const item = readNode(child);
            return item?.type === 'listItem'
              ? this.blocks(item.content, next + 1, inTable)
              : this.blocks([child], next + 1, inTable);
          }),
        };
      case 'listItem':
        // A list item outside a list: print its content rather than lose it.
        return {
          kind: 'list',
          ordered: false,
          start: 1,
          items: [this.blocks(node.content, next, inTable)],
        };
      case 'codeBlock': {
        const language = strAttr(node.attrs.language).trim();
        return { kind: 'code', language: language || null, text: codeText(node.content) };
      }
      case 'horizontalRule':
        return { kind: 'rule' };
      case 'table':
        return this.table(node, next);
      default:
        return { kind: 'unsupported' };
    }
  }

  private heading(node: RawNode, depth: number, inTable: boolean): Block {
    const level = intAttr(node.attrs.level, 1, 1, 3) as 1 | 2 | 3;
    const inlines = this.inlines(node.content, depth);
    const text = plainText(inlines);
    // Headings inside tables are labels, not sections: no TOC entry or bookmark.
    if (inTable || !text) return { kind: 'heading', level, inlines, anchor: null };
    const anchor = `h${++this.anchorCount}`;
    this.headings.push({ anchor, level, text });
    return { kind: 'heading', level, inlines, anchor };
  }

  private table(node: RawNode, depth: number): Block {
    const rows: TableCell[][] = [];
    for (const rowRaw of node.content) {
      const row = readNode(rowRaw);
      if (row?.type !== 'tableRow') continue;
      const cells: TableCell[] = [];
      for (const cellRaw of row.content) {
        const cell = readNode(cellRaw);
        if (cell?.type !== 'tableCell' && cell?.type !== 'tableHeader') continue;
        const colwidth = Array.isArray(cell.attrs.colwidth)
          ? cell.attrs.colwidth.map((w) => (typeof w === 'number' && w > 0 ? w : null))
          : null;
        cells.push({
          header: cell.type === 'tableHeader',
          colspan: intAttr(cell.attrs.colspan, 1, 1, MAX_SPAN),
          rowspan: intAttr(cell.attrs.rowspan, 1, 1, 10_000),
          colwidth,
          blocks: this.blocks(cell.content, depth + 2, true),
        });
      }
      if (cells.length > 0) rows.push(cells);
    }
    return rows.length > 0 ? { kind: 'table', rows } : { kind: 'unsupported' };
  }

  private inlines(content: unknown[], depth: number): Inline[] {
    const out: Inline[] = [];
    for (const item of content) {
      const node = readNode(item);
      if (!node) out.push({ kind: 'unsupported' });
      else this.inline(node, out, depth);
    }
    return out;
  }

  private inline(node: RawNode, out: Inline[], depth: number): void {
    switch (node.type) {
      case 'text':
        if (node.text) out.push({ kind: 'text', text: node.text, marks: readMarks(node.marks) });
        return;
      case 'hardBreak':
        out.push({ kind: 'break' });
        return;
      case 'citation':
        out.push({ kind: 'citation', n: this.cite(node.attrs) });
        return;
      default: {
        // A known block where inline content belongs: keep its words.
        if (isKnownBlockType(node.type) && depth <= MAX_DEPTH) {
          const text = flattenText(node);
          if (text) out.push({ kind: 'text', text: ` ${text} `, marks: NO_MARKS });
          return;
        }
        out.push({ kind: 'unsupported' });
      }
    }
  }

  /** One number per distinct source, in order of first citation. */
  private cite(attrs: Record<string, unknown>): number {
    const sourceId = strAttr(attrs.sourceId).trim();
    const attrTitle = strAttr(attrs.sourceTitle).trim();
    const excerpt = strAttr(attrs.excerpt).replace(/\s+/g, ' ').trim();
    // The editor numbers by the same key: "[2]" on screen is "[2]" on paper.
    const key = citationSourceKey(attrs);
    let entry = this.sources.get(key);
    if (!entry) {
      const extra = sourceId ? readExtraSource(this.extra, sourceId) : null;
      entry = {
        n: this.sources.size + 1,
        title: extra?.title || attrTitle || 'Untitled source',
        url: extra?.url ?? null,
        excerpts: [],
      };
      this.sources.set(key, entry);
    }
    if (excerpt && !entry.excerpts.includes(excerpt) && entry.excerpts.length < 20) {
      entry.excerpts.push(excerpt);
    }
    return entry.n;
  }
}

function readExtraSource(
  extra: ExportSources,
  sourceId: string,
): { title: string; url: string | null } | null {
  if (!Object.prototype.hasOwnProperty.call(extra, sourceId)) return null;
  const rec = asRecord(extra[sourceId]);
  if (!rec) return null;
  return { title: strAttr(rec.title).trim(), url: vetHref(rec.url) };
}

function isInlineType(type: string): boolean {
  return type === 'text' || type === 'hardBreak' || type === 'citation';
}

const BLOCK_TYPES = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'bulletList',
  'orderedList',
  'listItem',
  'codeBlock',
  'horizontalRule',
  'table',
  'tableRow',
  'tableCell',
  'tableHeader',
]);

function isKnownBlockType(type: string): boolean {
  return BLOCK_TYPES.has(type);
}

function codeText(content: unknown[]): string {
  let text = '';
  for (const item of content) {
    const node = readNode(item);
    if (node?.text !== null && node?.text !== undefined) text += node.text;
    else if (node?.type === 'hardBreak') text += '\n';
  }
  return text;
}

export function plainText(inlines: readonly Inline[]): string {
  return inlines
    .map((i) => (i.kind === 'text' ? i.text : i.kind === 'break' ? ' ' : ''))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Accepts PM JSON, a JSON string, or a ProseMirror node (anything with toJSON). */
export function toPlainDoc(input: unknown): unknown {
  if (typeof input === 'string') {
    try {
      return JSON.parse(input) as unknown;
    } catch {
      return null;
    }
  }
  const rec = asRecord(input);
  if (rec && typeof rec.toJSON === 'function') {
    try {
      return (rec.toJSON as () => unknown)();
    } catch {
      return null;
    }
  }
  return input;
}

export function normalizeBrief(input: unknown, sources: ExportSources = {}): NormalizedBrief {
  const normalizer = new Normalizer(asRecord(sources) ? sources : {});
  const plain = toPlainDoc(input);
  // A bare list of nodes is a doc's content without the wrapper.
  if (Array.isArray(plain)) return normalizer.result(normalizer.blocks(plain, 0, false));
  const root = readNode(plain);
  if (!root) return normalizer.result([{ kind: 'unsupported' }]);
  const content = root.type === 'doc' ? root.content : [plain];
  return normalizer.result(normalizer.blocks(content, 0, false));
}
