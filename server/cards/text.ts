/**
 * Small text helpers shared by the extractors: a word tokenizer with
 * offsets, accent folding and hashing. Gazetteer and taxonomy matching work
 * on these tokens rather than on one huge regular expression, so matching a
 * 5,000-word brief stays linear and fast.
 */
import { createHash } from 'node:crypto';
import { fold } from '../../shared/text.ts';

export interface Token {
  text: string;
  /** Lower case, accents removed: the key used for gazetteer look-ups. */
  key: string;
  start: number;
  end: number;
  /** First character is an upper-case letter. */
  upper: boolean;
}

export { fold };

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const UPPER_CHAR = /\p{Lu}/u;
const ASCII_WORD = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_WORD[c] = 1;
for (let c = 65; c <= 90; c++) ASCII_WORD[c] = 2; // 2: upper case
for (let c = 97; c <= 122; c++) ASCII_WORD[c] = 1;

function isWord(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_WORD[c] !== 0;
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(i) ?? c));
}

/**
 * Words with offsets. Abbreviations such as "U.S." or "U.S.A." are one token;
 * otherwise runs of letters/digits, so apostrophes and hyphens split words:
 * "Colombia’s" gives "Colombia" + "s", "Chinese-backed" gives "Chinese" +
 * "backed". A hand-written scanner rather than a Unicode regex: this runs on
 * every keystroke pause over the whole brief (see rank.ts).
 */
export function tokenize(text: string, offset = 0): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c0 = text.charCodeAt(i);
    if (c0 < 128 ? ASCII_WORD[c0] === 0 : !isWord(text, i)) {
      i++;
      continue;
    }
    const start = i;
    // "U.S.", "U.K.", "U.S.A.": capital, dot, capital, dot…
    if (
      ASCII_WORD[c0] === 2 &&
      text.charCodeAt(i + 1) === 46 &&
      ASCII_WORD[text.charCodeAt(i + 2)] === 2 &&
      text.charCodeAt(i + 3) === 46
    ) {
      while (ASCII_WORD[text.charCodeAt(i)] === 2 && text.charCodeAt(i + 1) === 46) i += 2;
      const t = text.slice(start, i);
      out.push({
        text: t,
        key: t.replace(/\./g, '').toLowerCase(),
        start: offset + start,
        end: offset + i,
        upper: true,
      });
      continue;
    }
    let ascii = true;
    let hasUpper = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        const k = ASCII_WORD[c];
        if (k === 0) break;
        if (k === 2) hasUpper = true;
        i++;
      } else if (isWord(text, i)) {
        ascii = false;
        i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      } else break;
    }
    const t = text.slice(start, i);
    out.push({
      text: t,
      // Most words are plain lower-case ASCII: the key is the word itself.
      key: ascii ? (hasUpper ? t.toLowerCase() : t) : fold(t),
      start: offset + start,
      end: offset + i,
      upper: c0 < 128 ? ASCII_WORD[c0] === 2 : UPPER_CHAR.test(t[0]),
    });
  }
  return out;
}

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

export function factId(documentId: string, kind: string, start: number, end: number): string {
  return sha256Hex(`${documentId}\u0000${kind}\u0000${start}\u0000${end}`).slice(0, 16);
}

/** Regional-indicator emoji for an ISO alpha-2 code ("PY" → 🇵🇾). */
export function flagEmoji(code: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return '';
  return String.fromCodePoint(...[...code].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
}

export function uniq<T>(xs: Iterable<T>): T[] {
  return [...new Set(xs)];
}

export function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
