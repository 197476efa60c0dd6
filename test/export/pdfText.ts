import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDocumentProxy } from 'unpdf';

/** Reads exported PDFs back the way a reader would: text, positions, links, sizes. */

export interface TextLine {
  /** Baseline, measured from the top of the page. */
  top: number;
  x: number;
  /** Right edge of the line's last item. */
  right: number;
  text: string;
  /** Largest font size on the line. */
  size: number;
}

export interface PdfPage {
  width: number;
  height: number;
  text: string;
  lines: TextLine[];
  links: string[];
  destinations: number;
}

interface Item {
  str: string;
  x: number;
  width: number;
  top: number;
  size: number;
}

/** Groups text items into lines; raised citation markers join their line. */
function toLines(items: Item[]): TextLine[] {
  const sorted = [...items].sort((a, b) => a.top - b.top || a.x - b.x);
  const lines: { top: number; items: Item[] }[] = [];
  for (const item of sorted) {
    const line = lines.find((l) => Math.abs(l.top - item.top) < 4.5);
    if (line) {
      line.items.push(item);
      line.top = Math.max(line.top, item.top);
    } else lines.push({ top: item.top, items: [item] });
  }
  return lines
    .map((l) => {
      const parts = l.items.sort((a, b) => a.x - b.x);
      return {
        top: l.top,
        x: parts[0].x,
        right: Math.max(...parts.map((p) => p.x + p.width)),
        // A visible gap between two items is a space; touching items are one word.
        text: parts
          .map((p, i) =>
            i > 0 && p.x - (parts[i - 1].x + parts[i - 1].width) > 1 ? ` ${p.str}` : p.str,
          )
          .join('')
          .replace(/\s+/g, ' ')
          .trim(),
        size: Math.max(...parts.map((p) => p.size)),
      };
    })
    .filter((l) => l.text !== '')
    .sort((a, b) => a.top - b.top);
}

export async function readPdf(pdf: Uint8Array): Promise<PdfPage[]> {
  const proxy = await getDocumentProxy(new Uint8Array(pdf));
  const pages: PdfPage[] = [];
  for (let n = 1; n <= proxy.numPages; n++) {
    const page = await proxy.getPage(n);
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const items: Item[] = [];
    let text = '';
    for (const raw of content.items) {
      if (!('str' in raw)) continue;
      text += raw.str + (raw.hasEOL ? '\n' : '');
      if (raw.str.trim() === '') continue;
      items.push({
        str: raw.str,
        x: raw.transform[4],
        width: raw.width,
        top: viewport.height - raw.transform[5],
        size: Math.abs(raw.transform[3]),
      });
    }
    const annotations = (await page.getAnnotations()) as {
      subtype?: string;
      url?: string;
      dest?: unknown;
    }[];
    pages.push({
      width: viewport.width,
      height: viewport.height,
      text,
      lines: toLines(items),
      links: annotations.filter((a) => a.subtype === 'Link' && a.url).map((a) => a.url as string),
      destinations: annotations.filter((a) => a.subtype === 'Link' && a.dest).length,
    });
  }
  await proxy.destroy();
  return pages;
}

/** Plain text of all pages, one line per text line. */
export function allText(pages: readonly PdfPage[]): string {
  return pages.map((p) => p.lines.map((l) => l.text).join('\n')).join('\n');
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const artifactDir = path.join(repoRoot, 'test-artifacts/export');

/** Saves the PDF and 60 dpi PNGs of its pages for people to look at. */
export function saveArtifacts(name: string, pdf: Uint8Array): string[] {
  mkdirSync(artifactDir, { recursive: true });
  const pdfPath = path.join(artifactDir, `${name}.pdf`);
  writeFileSync(pdfPath, pdf);
  for (const file of readdirSync(artifactDir)) {
    if (file.startsWith(`${name}-`) && file.endsWith('.png')) rmSync(path.join(artifactDir, file));
  }
  if (!existsSync('/usr/bin/pdftoppm')) return [];
  execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '60', pdfPath, path.join(artifactDir, name)]);
  return readdirSync(artifactDir)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
    .map((f) => path.join(artifactDir, f));
}
