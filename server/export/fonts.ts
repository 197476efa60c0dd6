import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PDFDocument, type Doc } from './pdf.ts';

/**
 * Embedded open fonts and glyph coverage. Body text is Noto Serif, headings
 * and UI Noto Sans, code DejaVu Sans Mono; DejaVu Sans is the fallback for
 * symbols the Noto faces lack, and a face per script sets the scripts neither
 * has (Chinese and Japanese, Korean, the scripts of South and South-East Asia,
 * Ethiopic). Whatever no font has prints as a visible box instead of an
 * invisible .notdef or a crash.
 */

export type Family = 'serif' | 'sans' | 'mono';
export type Face = Family | 'fb' | ScriptFace;
type Variant = '' | '-b' | '-i' | '-bi';

const FILES: Record<Family | 'fb', Record<Variant, string>> = {
  serif: {
    '': '@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf',
    '-b': '@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf',
    '-i': '@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
    '-bi': '@expo-google-fonts/noto-serif/700Bold_Italic/NotoSerif_700Bold_Italic.ttf',
  },
  sans: {
    '': '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
    '-b': '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
    '-i': '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
    '-bi': '@expo-google-fonts/noto-sans/700Bold_Italic/NotoSans_700Bold_Italic.ttf',
  },
  mono: {
    '': 'dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf',
    '-b': 'dejavu-fonts-ttf/ttf/DejaVuSansMono-Bold.ttf',
    '-i': 'dejavu-fonts-ttf/ttf/DejaVuSansMono-Oblique.ttf',
    '-bi': 'dejavu-fonts-ttf/ttf/DejaVuSansMono-BoldOblique.ttf',
  },
  fb: {
    '': 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
    '-b': 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
    '-i': 'dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf',
    '-bi': 'dejavu-fonts-ttf/ttf/DejaVuSans-BoldOblique.ttf',
  },
};

/**
 * The script faces, consulted only for characters of their own script
 * (Script_Extensions, so that marks shared between scripts, such as the
 * danda "।" of Hindi and Bengali, go with them). Each is upright only (none
 * has an italic), regular or bold, and loaded on first use: the CJK face is
 * 10 MB, and most briefs need none of them. The Simplified Chinese cut also
 * covers Traditional Chinese and kana; Korean takes only its Hangul from its
 * own face, so hanja match the Chinese around them.
 */
function scriptFace<F extends string>(face: F, script: RegExp, name: string) {
  const dir = `@expo-google-fonts/noto-sans-${name.toLowerCase()}`;
  return {
    face,
    script,
    regular: `${dir}/400Regular/NotoSans${name}_400Regular.ttf`,
    bold: `${dir}/700Bold/NotoSans${name}_700Bold.ttf`,
  };
}

const SCRIPT_FACES = [
  // Ideographs, kana, bopomofo, CJK punctuation and full-width forms.
  scriptFace(
    'cjk',
    /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Bopomofo}\u3000-\u303F\uFF00-\uFFEF]/u,
    'SC',
  ),
  scriptFace('hangul', /\p{scx=Hangul}/u, 'KR'),
  scriptFace('thai', /\p{scx=Thai}/u, 'Thai'),
  scriptFace('lao', /\p{scx=Lao}/u, 'Lao'),
  scriptFace('khmer', /\p{scx=Khmer}/u, 'Khmer'),
  scriptFace('myanmar', /\p{scx=Myanmar}/u, 'Myanmar'),
  scriptFace('deva', /\p{scx=Devanagari}/u, 'Devanagari'),
  scriptFace('beng', /\p{scx=Bengali}/u, 'Bengali'),
  scriptFace('guru', /\p{scx=Gurmukhi}/u, 'Gurmukhi'),
  scriptFace('gujr', /\p{scx=Gujarati}/u, 'Gujarati'),
  scriptFace('taml', /\p{scx=Tamil}/u, 'Tamil'),
  scriptFace('telu', /\p{scx=Telugu}/u, 'Telugu'),
  scriptFace('knda', /\p{scx=Kannada}/u, 'Kannada'),
  scriptFace('mlym', /\p{scx=Malayalam}/u, 'Malayalam'),
  scriptFace('sinh', /\p{scx=Sinhala}/u, 'Sinhala'),
  scriptFace('ethi', /\p{scx=Ethiopic}/u, 'Ethiopic'),
];
type ScriptFace = (typeof SCRIPT_FACES)[number]['face'];

const VARIANTS: Variant[] = ['', '-b', '-i', '-bi'];
const TEXT_FACES: ReadonlyArray<Family | 'fb'> = ['serif', 'sans', 'mono', 'fb'];

/** Every font, by the name a document registers it under. */
const FONT_FILES = new Map<string, string>([
  ...TEXT_FACES.flatMap((face) =>
    VARIANTS.map((variant): [string, string] => [`${face}${variant}`, FILES[face][variant]]),
  ),
  ...SCRIPT_FACES.flatMap(({ face, regular, bold }): Array<[string, string]> => [
    [face, regular],
    [`${face}-b`, bold],
  ]),
]);

function isScriptFace(face: Face): face is ScriptFace {
  return SCRIPT_FACES.some((s) => s.face === face);
}

/** The script face for a grapheme cluster of a script the text faces lack, if there is one. */
function scriptFaceFor(cluster: string): ScriptFace | null {
  return SCRIPT_FACES.find((s) => s.script.test(cluster))?.face ?? null;
}

/** Printed for characters no embedded font can draw. */
export const TOFU = '\u25A1';

const require = createRequire(import.meta.url);
/** Font files are read once per process; every document embeds its own subset. */
const bufferCache = new Map<string, Buffer>();

function fontBuffer(spec: string): Buffer {
  let buf = bufferCache.get(spec);
  if (!buf) {
    buf = readFileSync(require.resolve(spec));
    bufferCache.set(spec, buf);
  }
  return buf;
}

export function fontName(face: Face, bold: boolean, italic: boolean): string {
  // Script faces have no italic; their text stays upright in an italic run.
  if (isScriptFace(face)) return bold ? `${face}-b` : face;
  return `${face}${bold ? (italic ? '-bi' : '-b') : italic ? '-i' : ''}`;
}

/** Coverage answers are per font file, so they are shared by all documents. */
const coverage = new Map<Face, Map<number, boolean>>();

/**
 * Characters that draw nothing; stripped so they never show as boxes. The
 * class lists joiners and variation selectors one code point at a time on
 * purpose, which is what no-misleading-character-class warns about.
 */
/* eslint-disable no-misleading-character-class */
const IGNORABLE =
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8]|[\u{E0000}-\u{E0FFF}]/gu;
/* eslint-enable no-misleading-character-class */

function isIgnorable(ch: string): boolean {
  IGNORABLE.lastIndex = 0;
  return IGNORABLE.test(ch);
}

// C0/C1 controls other than tab and newline, which callers handle themselves.
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g; // eslint-disable-line no-control-regex
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Normalises text for printing: NFC, no controls, no broken UTF-16. */
export function cleanText(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\uFFFD')
    .normalize('NFC')
    .replace(CONTROLS, '')
    .replace(/[\u2028\u2029]/g, ' ');
}

export interface FaceRun {
  text: string;
  /** The family's own face, a script face, or the fallback face ('fb'). */
  face: Face;
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Widths at 1pt per font and string, shared by all documents. */
const widthCache = new Map<string, number>();
const WIDTH_CACHE_LIMIT = 200_000;

interface ParsedFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
  readonly characterSet: number[];
  glyphForCodePoint(codePoint: number): unknown;
  layout(text: string): unknown;
}

function isParsedFont(value: unknown): value is ParsedFont {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Partial<Record<keyof ParsedFont, unknown>>;
  return (
    typeof f.layout === 'function' &&
    typeof f.hasGlyphForCodePoint === 'function' &&
    typeof f.glyphForCodePoint === 'function' &&
    Array.isArray(f.characterSet)
  );
}

/**
 * One long-lived measuring document per process, never ended. It parses each
 * font once; the parsed (fontkit) fonts are then shared by every export,
 * because fontkit decodes OpenType layout tables lazily and caches them on
 * the font object, and that decoding is most of the cost of a small export.
 * pdfkit accepts a parsed font wherever it accepts a file (its font factory
 * checks for a `layout` method); each document still embeds its own subset.
 */
let measurer: Doc | null = null;
/** Fonts registered on the measuring document: the text faces at once, script faces on first use. */
const measurerFonts = new Set<string>();
const parsedFonts = new Map<string, ParsedFont | null>();

function measuringDoc(): Doc {
  if (!measurer) {
    // pdfkit's per-font layout cache would grow without bound here; widthCache is bounded.
    measurer = new PDFDocument({ autoFirstPage: false, fontLayoutCache: false });
    for (const face of TEXT_FACES) {
      for (const variant of VARIANTS) registerForMeasuring(measurer, `${face}${variant}`);
    }
  }
  return measurer;
}

function registerForMeasuring(doc: Doc, name: string): void {
  const file = FONT_FILES.get(name);
  if (file === undefined) throw new Error(`no font is named ${name}`);
  doc.registerFont(name, fontBuffer(file));
  measurerFonts.add(name);
}

/** The measuring document, set in the named font. */
function measuringIn(name: string): Doc {
  const doc = measuringDoc();
  if (!measurerFonts.has(name)) registerForMeasuring(doc, name);
  return doc.font(name);
}

const SYMBOL = /\p{So}/u;

/** Code points in the order they should claim a shared glyph: letters, then symbols, then compatibility forms. */
function preferredFirst(codePoints: readonly number[]): number[] {
  const ranks: number[][] = [[], [], []];
  for (const codePoint of codePoints) {
    const ch = String.fromCodePoint(codePoint);
    ranks[ch.normalize('NFKC') !== ch ? 2 : SYMBOL.test(ch) ? 1 : 0].push(codePoint);
  }
  return ranks.flat();
}

type ApplyAnchor = (
  markRecord: { markAnchor?: unknown } | null,
  baseAnchor: unknown,
  base: number,
) => void;
let anchorsGuarded = false;

/**
 * fontkit 2.0.4 throws on a NULL anchor in a GPOS mark attachment, which the
 * OpenType spec allows (the base has no anchor for that class of mark): one
 * Gurmukhi, Telugu or Malayalam word turned its whole paragraph into
 * "[unsupported content]" (foliojs/fontkit#367; the fix, #374, is not
 * released). The attachment is skipped instead, as HarfBuzz does. The patch
 * goes on the prototype of the processor that pdfkit's own copy of fontkit
 * builds, reached through a parsed font, once per process.
 */
function guardNullAnchors(font: object): void {
  if (anchorsGuarded) return;
  const engine = (font as { _layoutEngine?: { engine?: { GPOSProcessor?: object | null } } })
    ._layoutEngine?.engine;
  const processor = engine?.GPOSProcessor;
  if (!processor) return;
  const proto = Object.getPrototypeOf(processor) as { applyAnchor?: ApplyAnchor };
  const original = proto.applyAnchor;
  if (typeof original !== 'function') return;
  proto.applyAnchor = function (this: unknown, markRecord, baseAnchor, base) {
    if (!baseAnchor || !markRecord?.markAnchor) return;
    original.call(this, markRecord, baseAnchor, base);
  };
  anchorsGuarded = true;
}

function parsedFont(name: string): ParsedFont | null {
  if (parsedFonts.has(name)) return parsedFonts.get(name) ?? null;
  const doc = measuringIn(name);
  // pdfkit keeps the fontkit font on its private `_font.font`.
  const font: unknown = (doc as unknown as { _font?: { font?: unknown } })._font?.font;
  let parsed: ParsedFont | null = null;
  if (isParsedFont(font)) {
    guardNullAnchors(font);
    // fontkit caches glyph objects with the code points they were first
    // reached from. Embedding a subset reaches the parts of accented
    // composites (the "e" of "é") with none, and a later document would then
    // get no ToUnicode entry for "e": its text would not copy or search.
    // Reaching every mapped glyph through its code point first prevents that.
    // Where several code points share a glyph, the first to reach it names it
    // for copying, so symbols and compatibility forms go last: 二 and 马 are
    // U+4E8C and U+9A6C, not the radicals ⼆ (U+2F06) and ⻢ (U+2EE2) that
    // the CJK face draws with the same glyphs.
    for (const codePoint of preferredFirst(font.characterSet)) font.glyphForCodePoint(codePoint);
    parsed = font;
  }
  parsedFonts.set(name, parsed);
  return parsed;
}

export class FontBook {
  constructor(private readonly doc: Doc) {
    measuringDoc();
  }

  /**
   * Registers the fonts on the document being written. Called after layout,
   * so only fonts the layout measured are parsed (and their glyphs seeded);
   * any other text face is registered from its file, which is slower but
   * correct. A script face the layout never measured is never painted either,
   * so it is not registered (or read) at all.
   */
  registerForPainting(): void {
    for (const [name, file] of FONT_FILES) {
      // A parsed font is not in pdfkit's PDFFontSource type, but its font
      // factory accepts one (see measuringDoc).
      const parsed = parsedFonts.get(name) as Buffer | null | undefined;
      if (parsed === undefined && !measurerFonts.has(name)) continue;
      this.doc.registerFont(name, parsed ?? fontBuffer(file));
    }
  }

  fontFor(family: Family, bold = false, italic = false): string {
    return fontName(family, bold, italic);
  }

  width(name: string, size: number, text: string): number {
    const key = `${name}\u0000${text}`;
    let unit = widthCache.get(key);
    if (unit === undefined) {
      parsedFont(name);
      unit = measuringIn(name).fontSize(1000).widthOfString(text) / 1000;
      if (widthCache.size >= WIDTH_CACHE_LIMIT) widthCache.clear();
      widthCache.set(key, unit);
    }
    return unit * size;
  }

  private covered(face: Face, codePoint: number): boolean {
    let cache = coverage.get(face);
    if (!cache) coverage.set(face, (cache = new Map()));
    let known = cache.get(codePoint);
    if (known === undefined) {
      // Without a parsed font (a pdfkit change), assume coverage rather than fail.
      known = parsedFont(face)?.hasGlyphForCodePoint(codePoint) ?? true;
      cache.set(codePoint, known);
    }
    return known;
  }

  /**
   * Splits cleaned text into runs by face: the family's own where it has the
   * glyphs, else its script's face, else the fallback face, else a visible
   * box. A script face comes before the fallback so that a script is set in
   * one design (DejaVu has some CJK punctuation, in another style). Whole
   * grapheme clusters go to one face, so marks stay on their base and an
   * emoji with modifiers prints as one box.
   */
  split(text: string, family: Family): FaceRun[] {
    if (this.allCovered(text, family)) return [{ text, face: family }];
    const runs: FaceRun[] = [];
    const push = (piece: string, face: Face): void => {
      const last = runs[runs.length - 1];
      if (last && last.face === face) last.text += piece;
      else runs.push({ text: piece, face });
    };
    for (const { segment } of graphemes.segment(text)) {
      const visible = segment.replace(IGNORABLE, '');
      if (!visible) continue;
      if (this.clusterCovered(visible, family)) {
        push(visible, family);
        continue;
      }
      const script = scriptFaceFor(visible);
      if (script && this.clusterCovered(visible, script)) push(visible, script);
      else if (this.clusterCovered(visible, 'fb')) push(visible, 'fb');
      else push(TOFU, 'fb');
    }
    return runs;
  }

  private allCovered(text: string, family: Family): boolean {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      // Printable ASCII is in every face we embed; skip the lookups.
      if (code >= 0x20 && code < 0x7f) continue;
      const cp = text.codePointAt(i) ?? code;
      if (cp > 0xffff) return false;
      if (!this.covered(family, cp)) return false;
      if (isIgnorable(text[i])) return false;
    }
    return true;
  }

  private clusterCovered(cluster: string, face: Face): boolean {
    for (const ch of cluster) {
      if (!this.covered(face, ch.codePointAt(0) ?? 0)) return false;
    }
    return true;
  }
}
