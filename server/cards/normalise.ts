/**
 * Source normalisation: markup and site boilerplate out, one clean text in.
 * Every offset the extractors produce refers to the text returned here, so it
 * is built once and stored with the source.
 *
 * The output is line-oriented on purpose: one paragraph, heading, list item
 * ("- …") or table row ("a | b | c") per line. The extractors rely on that
 * shape instead of re-parsing Markdown or HTML.
 */
import type { NormalisedSource, SourceFormat, SourceInput } from '../../shared/cards.ts';
import { decodeEntities } from './entities.ts';
import { DEFAULT_MAX_SOURCE_BYTES } from '../../shared/api.ts';
import { SourceRejectedError } from './errors.ts';
import { htmlToLines } from './html.ts';
import { sha256Hex } from './text.ts';

/**
 * Characters; a brief's sources are articles, not books. As many as the upload
 * limit has bytes: every character is at least one byte, so a file the upload
 * accepts is never refused here for its length (2,000,000 was, at 2.05 MB).
 */
export const MAX_SOURCE_CHARS = DEFAULT_MAX_SOURCE_BYTES;
const MAX_TITLE_CHARS = 200;

export function formatFromFilename(name: string): SourceFormat | null {
  const m = /\.([a-z0-9]+)$/i.exec(name.trim());
  if (!m) return null;
  switch (m[1].toLowerCase()) {
    case 'txt':
    case 'text':
      return 'text';
    case 'md':
    case 'markdown':
      return 'markdown';
    case 'html':
    case 'htm':
      return 'html';
    default:
      return null;
  }
}

export function normaliseSource(input: SourceInput): NormalisedSource {
  const content = input.content;
  if (typeof content !== 'string' || content.trim().length === 0) {
    throw new SourceRejectedError('empty', 'the source is empty');
  }
  if (content.length > MAX_SOURCE_CHARS) {
    throw new SourceRejectedError(
      'too-large',
      `the source is too large (${content.length} characters, at most ${MAX_SOURCE_CHARS})`,
    );
  }
  rejectBinary(content);

  let lines: string[];
  let title: string | null = null;
  const unified = content.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  switch (input.format) {
    case 'html': {
      const html = htmlToLines(unified);
      lines = html.lines;
      title = html.title;
      break;
    }
    case 'markdown': {
      const md = markdownToLines(unified);
      lines = md.lines;
      title = md.title;
      break;
    }
    case 'text':
      lines = textToLines(unified);
      break;
    default:
      throw new SourceRejectedError(
        'unsupported-format',
        `unsupported format ${String(input.format)}`,
      );
  }

  const text = finishLines(lines);
  if (!/\p{L}/u.test(text)) {
    throw new SourceRejectedError('empty', 'the source has no text once markup is removed');
  }
  const contentHash = sha256Hex(text);
  const chosenTitle =
    input.title?.trim() || title?.trim() || titleFromText(text) || 'Untitled source';
  return {
    id: input.id?.trim() || contentHash.slice(0, 16),
    title: truncate(chosenTitle, MAX_TITLE_CHARS),
    format: input.format,
    text,
    contentHash,
  };
}

function rejectBinary(content: string): void {
  if (content.includes('\u0000')) {
    throw new SourceRejectedError('binary', 'the source looks binary (it contains NUL bytes)');
  }
  const sample = content.slice(0, 20_000);
  let control = 0;
  let replacement = 0;
  for (const ch of sample) {
    const c = ch.codePointAt(0) ?? 0;
    if (c === 0xfffd) replacement++;
    else if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f)
      control++;
  }
  if (control > Math.max(8, sample.length * 0.01)) {
    throw new SourceRejectedError('binary', 'the source looks binary (control characters)');
  }
  // A stray U+FFFD happens in real copy; many of them mean a wrong decoding upstream.
  if (replacement > Math.max(8, sample.length * 0.005)) {
    throw new SourceRejectedError('invalid-encoding', 'the source is not valid UTF-8 text');
  }
}

// ---------------------------------------------------------------- markdown

const MD_TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function markdownToLines(src: string): { lines: string[]; title: string | null } {
  const out: string[] = [];
  let title: string | null = null;
  let fence: string | null = null;
  const raw = src.split('\n');
  for (let i = 0; i < raw.length; i++) {
    let line = raw[i];
    const fenceMatch = /^\s*(```|~~~)/.exec(line);
    if (fenceMatch) {
      fence = fence === null ? fenceMatch[1] : null;
      out.push('');
      continue;
    }
    if (fence !== null) {
      out.push(line.trim());
      continue;
    }
    // Setext heading underline, or a horizontal rule.
    if (/^\s*(=+|-{3,}|\*{3,}|_{3,})\s*$/.test(line) && !MD_TABLE_SEPARATOR.test(line.trim())) {
      out.push('');
      continue;
    }
    if (/^\s*=+\s*$/.test(line)) continue;
    // Reference-style link definitions carry only URLs.
    if (/^\s{0,3}\[[^\]]+\]:\s*\S+/.test(line)) continue;
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      line = heading[1];
      const clean = inlineMarkdown(line);
      if (title === null && clean.length > 0) title = clean;
      out.push('', clean, '');
      continue;
    }
    line = line.replace(/^\s*(>\s?)+/, '');
    line = line.replace(/^\s*[-*+]\s+(\[[ xX]\]\s+)?/, '- ').replace(/^\s*\d{1,3}[.)]\s+/, '- ');
    out.push(inlineMarkdown(line));
  }
  return { lines: out, title };
}

function inlineMarkdown(line: string): string {
  return (
    line
      // Images go (their alt text is a caption stub at best); links keep their text.
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/!\[[^\]]*\]\[[^\]]*\]/g, '')
      .replace(/\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)/g, '$1')
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
      .replace(/<(https?:\/\/|mailto:)[^>]+>/g, '')
      .replace(/<\/?[a-zA-Z][^>]*>/g, '')
      .replace(/`([^`]+)`/g, '$1')
      .replace(/(\*\*|__)(?=\S)([^*_]+?)(?<=\S)\1/g, '$2')
      .replace(/(^|[^\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?!\w)/g, '$1$2')
      .replace(/(^|[^\w])_(?=\S)([^_]+?)(?<=\S)_(?!\w)/g, '$1$2')
      .replace(/~~(?=\S)([^~]+?)(?<=\S)~~/g, '$1')
      .replace(/\\([\\`*_{}[\]()#+\-.!|>])/g, '$1')
      .replace(/ {2,}$/, '')
  );
}

// -------------------------------------------------------------------- text

function textToLines(src: string): string[] {
  return src.split('\n').map((l) => l.replace(/^\s*[•●▪‣◦]\s*/, '- '));
}

// ------------------------------------------------------------- both/all

function isTableLine(line: string): boolean {
  return (line.match(/\|/g)?.length ?? 0) >= 1 && /\S\s*\|\s*\S|^\|.*\|$/.test(line);
}

function tidyTableLine(line: string): string {
  return line
    .replace(/^\s*\|/, '')
    .replace(/\|\s*$/, '')
    .split('|')
    .map((c) => c.trim())
    .join(' | ');
}

const SHARE_WORDS =
  '(?:share|shares|tweet|pin|pin it|email|e-mail|print|facebook|twitter|x|linkedin|whatsapp|reddit|telegram|messenger|flipboard|pinterest|copy link|copy|link|on|via|this|article|story|post)';
const BOILERPLATE: RegExp[] = [
  /^(scroll|back|go|return) to top$/i,
  /^(error|alert|warning)?\s*:?\s*content is protected\s*!*$/i,
  /^you (cannot|can ?not|can't|are not allowed to|may not) (copy|select|right[- ]click)( the)?( content| text)?( of| on)?( this)?( page| site| website)?[.!]*$/i,
  /^(right[- ]click|copying|text selection)( is)? (disabled|not allowed|prohibited)[.!]*$/i,
  new RegExp(`^(${SHARE_WORDS}[\\s|·•,/:-]*)+$`, 'i'),
  /^share (on|via|to) .{1,30}$/i,
  /^(follow us|subscribe|sign up|advertisement|advertisements|sponsored|sponsored content|read more|read next|continue reading|see also|related|related (articles|posts|stories|news|content)|recommended( for you)?|skip to (main )?content|toggle navigation|menu|search|home|loading\.*|leave a (comment|reply)|\d+ comments?|comments?|click here.*|tap here.*)[:.!]*$/i,
  /^(sign up|subscribe) (for|to) .{0,40}newsletter.*$/i,
  /^(read more|read next|related|see also|also read|more on this|recommended|watch)\s*[:|»›>-]\s*\S.{0,150}$/i,
  /\bstay (informed|tuned|updated) with our\b/i,
  /^(©|\(c\)|copyright\b).{0,120}$/i,
  /^all rights reserved\.?$/i,
  // Image-caption stubs: "Photo: …", "Image credit …", "(Getty Images)", alt-text
  // leftovers ending in "image"/"thumbnail" in several languages.
  /^(photo|image|picture|pictured|credit|illustration|file photo)s?\s*(:|by\b|credit\b|courtesy\b).{0,120}$/i,
  /^\(?(photo|image|credit)?[^()]{0,40}(getty images|reuters|associated press|afp|shutterstock|ap photo)[^()]{0,40}\)?$/i,
  /^(image|photo|figure|fig\.|picture|thumbnail)\s*\d*[.:]?$/i,
];
const CAPTION_STUB_END =
  /(?:\s|^)(?:썸네일\s*이미지|관련\s*설명\s*이미지|이미지|사진|画像|图片|圖片|thumbnail|thumbnail image|image|photo|picture|screenshot)$/i;

function isBoilerplate(line: string): boolean {
  const t = line.trim();
  if (t.length === 0) return false;
  if (BOILERPLATE.some((re) => re.test(t))) return true;
  const words = t.split(/\s+/).length;
  return words <= 16 && CAPTION_STUB_END.test(t);
}

/**
 * Common last pass: boilerplate lines out, tables tidied, hard-wrapped
 * paragraphs joined, blank runs collapsed, outer whitespace trimmed.
 */
function finishLines(input: string[]): string {
  const lines: string[] = [];
  let prevContent = '';
  for (const rawLine of input) {
    let line = decodeEntities(rawLine)
      .normalize('NFC')
      .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
      .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
      .replace(/\t/g, ' ')
      .replace(/ {2,}/g, ' ')
      .trim();
    if (line.length === 0) {
      if (lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
      continue;
    }
    if (MD_TABLE_SEPARATOR.test(line) && line.includes('-')) continue;
    if (isBoilerplate(line)) continue;
    if (isTableLine(line)) line = tidyTableLine(line);
    // A title repeated as the first line of the body, or any line said twice in a row.
    if (line === prevContent) continue;
    const prev = lines.length > 0 ? lines[lines.length - 1] : '';
    if (prev !== '' && shouldJoin(prev, line)) {
      lines[lines.length - 1] = `${prev} ${line}`;
      prevContent = lines[lines.length - 1];
      continue;
    }
    lines.push(line);
    prevContent = line;
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

/**
 * Hard-wrapped text: the next line continues the sentence when it starts in
 * lower case, or the previous one stops mid-clause. A line starting with a
 * capital after a complete line is a heading or a new paragraph, so it stays.
 */
function shouldJoin(prev: string, next: string): boolean {
  if (isTableLine(prev) || isTableLine(next)) return false;
  if (/^- /.test(next)) return false;
  if (/[.!?:;"”’)]$/.test(prev)) return false;
  if (/^[\p{Ll}]/u.test(next)) return true;
  return /(,|\b(and|or|the|of|to|in|a|an|for|with|by|on|at|from|that|as)|[-–—])$/i.test(prev);
}

/** The first line, or its first sentence when the text has no title line. */
function titleFromText(text: string): string {
  const nl = text.indexOf('\n');
  const first = (nl >= 0 ? text.slice(0, nl) : text).replace(/^- /, '');
  if (first.length <= 120) return first;
  for (const m of first.matchAll(/[.!?](?=\s)/g)) {
    const before = first.slice(0, m.index);
    // "U.S." or "Dr." do not end a sentence.
    if (/(\b[A-Z]\.[A-Z]|\b(Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|No))$/.test(before)) continue;
    return truncate(first.slice(0, (m.index ?? 0) + 1), 120);
  }
  return truncate(first, 120);
}

function truncate(s: string, n: number): string {
  if (s.length <= n) return s;
  const cut = s.slice(0, n - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > n / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
