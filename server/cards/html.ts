/**
 * HTML → plain lines. Not a full HTML parser: articles pasted or uploaded by
 * staff are tag soup from news sites, so this is a forgiving tag scanner that
 * keeps the text of the article body and drops the chrome around it (scripts,
 * navigation, share bars, cookie banners…). Tables become "a | b | c" lines so
 * the table extractor treats HTML and Markdown tables alike.
 */
import { decodeEntities } from './entities.ts';

export interface HtmlText {
  lines: string[];
  title: string | null;
}

// Elements whose whole subtree is never article text.
const DROP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'canvas',
  'iframe',
  'object',
  'nav',
  'footer',
  'aside',
  'form',
  'button',
  'select',
  'textarea',
  'head',
  'dialog',
  'menu',
]);

const VOID_TAGS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'ul',
  'caption',
  'summary',
  'details',
]);

// class/id/role values of site chrome. Matched on word boundaries inside the
// attribute so "article-body" or "shared-content" are not caught by accident.
const CHROME_ATTR_RE =
  /(?:^|[\s_-])(share|sharing|social|sharebar|share-buttons|cookie|cookies|consent|newsletter|subscribe|subscription|related|breadcrumbs?|menu|navbar|sidebar|advert|advertisement|ads|ad-slot|promo|comments?|popup|modal|toolbar|scroll-?to-?top|back-?to-?top|print-?only|skip-link|sr-only|visually-hidden)(?:$|[\s_-])/i;

const PAGE_TAGS = new Set(['html', 'body', 'main', 'article']);

const TAG_RE = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;

interface Open {
  tag: string;
  drop: boolean;
}

function attr(attrs: string, name: string): string {
  const m = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
  return m ? (m[2] ?? m[3] ?? m[4] ?? '') : '';
}

function isChrome(tag: string, attrs: string): boolean {
  if (DROP_TAGS.has(tag)) return true;
  // Page-level containers carry layout classes such as "has-sidebar"; judging
  // them by class would drop the whole article.
  if (attrs.length === 0 || PAGE_TAGS.has(tag)) return false;
  // The boolean `hidden` attribute (not a class name containing "hidden").
  if (/(?:^|\s)hidden(?:\s|=|$)/i.test(attrs)) return true;
  if (attr(attrs, 'aria-hidden') === 'true') return true;
  const role = attr(attrs, 'role').toLowerCase();
  if (role === 'navigation' || role === 'banner' || role === 'complementary' || role === 'dialog')
    return true;
  return CHROME_ATTR_RE.test(`${attr(attrs, 'class')} ${attr(attrs, 'id')}`);
}

export function htmlToLines(html: string): HtmlText {
  const titleMatch = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html);
  const title = titleMatch ? collapse(decodeEntities(titleMatch[1].replace(/<[^>]*>/g, ''))) : null;

  // Raw-text elements may contain "<" that would confuse the tag scanner.
  const src = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, ' ')
    .replace(/<!DOCTYPE[^>]*>/gi, ' ')
    .replace(/<(script|style|noscript|template|textarea)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ');

  const lines: string[] = [];
  const stack: Open[] = [];
  let dropDepth = 0;
  let current = '';
  let pre = 0;
  let row: string[] | null = null;
  let cell: string | null = null;
  let firstH1: string | null = null;
  let h1Buffer: string | null = null;

  const flush = (): void => {
    const text = pre > 0 ? current.replace(/[ \t]+$/gm, '') : collapse(current);
    if (text.length > 0) lines.push(...text.split('\n').map((l) => l.trim()));
    current = '';
  };
  const emit = (s: string): void => {
    if (dropDepth > 0) return;
    if (cell !== null) cell += s;
    else current += s;
    if (h1Buffer !== null) h1Buffer += s;
  };

  let last = 0;
  for (const m of src.matchAll(TAG_RE)) {
    const idx = m.index ?? 0;
    if (idx > last) {
      const raw = decodeEntities(src.slice(last, idx));
      emit(pre > 0 ? raw : raw.replace(/\s+/g, ' '));
    }
    last = idx + m[0].length;
    const closing = m[1] === '/';
    const tag = m[2].toLowerCase();
    const attrs = m[3] ?? '';
    const selfClosing = /\/\s*$/.test(attrs);

    if (!closing) {
      if (VOID_TAGS.has(tag) || selfClosing) {
        if (dropDepth === 0 && (tag === 'br' || tag === 'hr')) {
          if (cell !== null) cell += ' ';
          else current += '\n';
        }
        continue;
      }
      const drop = dropDepth > 0 || isChrome(tag, attrs);
      stack.push({ tag, drop });
      if (drop) {
        dropDepth++;
        continue;
      }
      if (tag === 'tr') {
        flush();
        row = [];
      } else if ((tag === 'td' || tag === 'th') && row !== null) {
        cell = '';
      } else if (BLOCK_TAGS.has(tag)) {
        flush();
        if (tag === 'li') current = '- ';
        if (tag === 'pre') pre++;
        if (tag === 'h1' && firstH1 === null) h1Buffer = '';
      }
      continue;
    }

    // Closing tag: pop to the matching open element; ignore strays.
    let at = -1;
    for (let i = stack.length - 1; i >= 0; i--) {
      if (stack[i].tag === tag) {
        at = i;
        break;
      }
    }
    if (at < 0) continue;
    while (stack.length > at) {
      const open = stack.pop() as Open;
      if (open.drop) {
        dropDepth--;
        continue;
      }
      if ((open.tag === 'td' || open.tag === 'th') && row !== null && cell !== null) {
        row.push(collapse(cell).replace(/\|/g, '/'));
        cell = null;
      } else if (open.tag === 'tr' && row !== null) {
        if (row.some((c) => c.length > 0)) lines.push(row.join(' | '));
        row = null;
      } else if (BLOCK_TAGS.has(open.tag)) {
        if (open.tag === 'h1' && h1Buffer !== null) {
          firstH1 = collapse(h1Buffer);
          h1Buffer = null;
        }
        flush();
        if (open.tag === 'pre') pre--;
      }
    }
  }
  if (last < src.length) emit(decodeEntities(src.slice(last)).replace(/\s+/g, ' '));
  flush();
  return { lines, title: title && title.length > 0 ? title : firstH1 };
}

function collapse(s: string): string {
  return s
    .replace(/[ \t\f\r\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}
