import { layoutBlocks, type FlowCtx } from './blocks.ts';
import { FontBook } from './fonts.ts';
import { paintChrome, titleBlockBoxes } from './header.ts';
import { paginate, paintPlacements, type Box } from './layout.ts';
import { normalizeBrief } from './normalize.ts';
import { PDFDocument, type Doc } from './pdf.ts';
import { SOURCES_ANCHOR, SOURCES_TITLE, sourcesBoxes } from './sources.ts';
import { BODY, pageGeometry } from './theme.ts';
import { headingDestination, TOC_MIN_HEADINGS, tocBoxes } from './toc.ts';
import type { ExportMeta, ExportSources, ExportStatus, HeadingRef } from './types.ts';

/**
 * In-process rendering: normalise, lay out into boxes, paginate, paint.
 * Runs inside the export worker, and in the caller's thread when no worker
 * can be started.
 */

function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

function readStatus(value: unknown): ExportStatus {
  const rec = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  if (rec.kind === 'approved') {
    return {
      kind: 'approved',
      approver: str(rec.approver).trim(),
      approvedAt: str(rec.approvedAt),
    };
  }
  return rec.kind === 'in-review' ? { kind: 'in-review' } : { kind: 'draft' };
}

/** Fills gaps in metadata from untrusted callers with safe defaults. */
export function normalizeMeta(value: unknown): ExportMeta {
  const rec = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const authors = Array.isArray(rec.authors)
    ? rec.authors
        .filter((a): a is string => typeof a === 'string' && a.trim() !== '')
        .map((a) => a.trim())
    : [];
  return {
    title: str(rec.title).replace(/\s+/g, ' ').trim() || 'Untitled brief',
    status: readStatus(rec.status),
    date: str(rec.date),
    authors,
    revisionId: str(rec.revisionId).trim() || 'current',
    marking: str(rec.marking).replace(/\s+/g, ' ').trim(),
    paper: rec.paper === 'a4' ? 'a4' : 'letter',
    toc: rec.toc === true,
  };
}

function creationDate(meta: ExportMeta): Date {
  const t = Date.parse(meta.date);
  return Number.isFinite(t) ? new Date(t) : new Date();
}

/** PDF bookmarks mirroring the heading hierarchy. */
class Outline {
  private readonly stack: { level: number; item: PDFKit.PDFOutline }[] = [];
  constructor(private readonly doc: Doc) {}

  add(heading: HeadingRef): void {
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].level >= heading.level) {
      this.stack.pop();
    }
    const parent = this.stack[this.stack.length - 1]?.item ?? this.doc.outline;
    const item = parent.addItem(heading.text.slice(0, 200));
    this.stack.push({ level: heading.level, item });
  }
}

export interface RenderResult {
  pdf: Buffer;
  pages: number;
}

export async function renderPdf(
  input: unknown,
  metaInput: unknown,
  sources: ExportSources = {},
): Promise<RenderResult> {
  const meta = normalizeMeta(metaInput);
  const brief = normalizeBrief(input, sources);
  const geometry = pageGeometry(meta.paper);
  const doc: Doc = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    pdfVersion: '1.7',
    lang: 'en',
    displayTitle: true,
    info: {
      Title: meta.title,
      Author: meta.authors.join(', '),
      Subject: meta.marking,
      Creator: 'Briefdesk',
      CreationDate: creationDate(meta),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const fonts = new FontBook(doc);
  const width = geometry.contentWidth;
  const ctx: FlowCtx = {
    fonts,
    x: 0,
    width,
    decor: [],
    role: BODY,
    listLevel: 0,
    tight: false,
    inTable: false,
    frameHeight: geometry.bottom - geometry.top,
  };

  const headings = [...brief.headings];
  if (brief.sources.length > 0)
    headings.push({ anchor: SOURCES_ANCHOR, level: 1, text: SOURCES_TITLE });
  const anchorPages = new Map<string, number>();

  const boxes: Box[] = titleBlockBoxes(fonts, meta, width);
  if (meta.toc && brief.headings.length >= TOC_MIN_HEADINGS) {
    boxes.push(...tocBoxes(fonts, headings, width, (anchor) => anchorPages.get(anchor)));
  }
  boxes.push(...layoutBlocks(ctx, brief.blocks, 22));
  if (brief.sources.length > 0) boxes.push(...sourcesBoxes(ctx, brief.sources));

  const pages = paginate(boxes, geometry);
  pages.forEach((placements, i) => {
    for (const { box } of placements) if (box.anchor) anchorPages.set(box.anchor, i + 1);
  });

  fonts.registerForPainting();
  const byAnchor = new Map(headings.map((h) => [h.anchor, h]));
  const outline = new Outline(doc);
  pages.forEach((placements, i) => {
    doc.addPage({ size: [geometry.width, geometry.height], margin: 0 });
    paintChrome(doc, fonts, meta, geometry, i + 1, pages.length);
    for (const { box, y } of placements) {
      const heading = box.anchor ? byAnchor.get(box.anchor) : undefined;
      if (!heading) continue;
      doc.addNamedDestination(headingDestination(heading.anchor), 'XYZ', geometry.left, y, null);
      outline.add(heading);
    }
    paintPlacements(doc, placements, geometry.left);
  });
  doc.end();
  await finished;
  return { pdf: Buffer.concat(chunks), pages: pages.length };
}
