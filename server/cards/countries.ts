/**
 * Country and region detection. Names, official names, alternative spellings,
 * demonyms and capitals come from `world-countries`; the few aliases, cities
 * and regions it lacks are in `places-extra.ts`.
 *
 * Matching is token based (see text.ts): a map from the first token of every
 * known phrase to its entries, longest first. Ambiguous short forms carry a
 * guard, and a guard that cannot decide says no: for a briefing tool a missing
 * country is a smaller harm than a wrong one.
 */
import countries from 'world-countries';
import type { MentionVia } from '../../shared/cards.ts';
import {
  AMERICAN_HEADS,
  AMBIGUOUS_NAMES,
  CAPITAL_STOPLIST,
  COMMON_WORD_SPELLINGS,
  DEMONYM_OVERRIDES,
  EMIRATES_AIRLINE_NEXT,
  EXTRA_ALIASES,
  EXTRA_CITIES,
  EXTRA_DEMONYMS,
  FORENAME_COUNTRIES,
  GEORGIA_CONTEXT,
  MODIFIER_SUFFIXES,
  NOT_AFTER,
  NOT_BEFORE,
  PLACE_OR_BODY_NEXT,
  REGIONS,
  TURKEY_COUNTRY_CONTEXT,
  TURKEY_FOOD_CONTEXT,
  US_STATES,
  VETTED_SHORT_ALIASES,
} from './places-extra.ts';
import { lexiconTags } from './nlp.ts';
import { flagEmoji, fold, tokenize, type Token } from './text.ts';

export interface PlaceMention {
  kind: 'country' | 'region';
  /** Country code or region id. */
  id: string;
  via: MentionVia;
  start: number;
  end: number;
  /** Index of the first token and one past the last, in the token array scanned. */
  t0: number;
  t1: number;
  /** "Chinese-backed", "U.S.-funded": the country qualifies something, it is not an actor. */
  modifier: boolean;
}

type Guard =
  | 'us-short'
  | 'america'
  | 'american'
  | 'capital'
  | 'ambiguous'
  | 'georgia'
  | 'turkey'
  | 'emirates'
  | 'demonym'
  | 'hemisphere'
  | 'african';

interface Entry {
  keys: string[];
  kind: 'country' | 'region';
  id: string;
  via: MentionVia;
  guard: Guard | null;
  /** Accept lower-case forms ("the hemisphere"). */
  lowerOk: boolean;
}

// Words that may be lower case inside a multi-word name.
const CONNECTORS = new Set([
  'of',
  'the',
  'and',
  'de',
  'del',
  'da',
  'do',
  'au',
  'la',
  'el',
  'y',
  'd',
]);
const LANGUAGE_CONTEXT_NEXT = new Set([
  'speaking',
  'speaker',
  'speakers',
  'language',
  'languages',
  'translation',
  'subtitles',
  'lessons',
  'classes',
  'teacher',
  'version',
]);
const LANGUAGE_CONTEXT_PREV = new Set([
  'in',
  'speak',
  'speaks',
  'spoke',
  'spoken',
  'learn',
  'learning',
  'into',
]);

const names = new Map<string, string>();
const regionLabels = new Map<string, string>();
const byFirstKey = new Map<string, Entry[]>();
/** The last word of every known phrase: "Canada, Mexico, Texas" is a list because "Canada" ends a place. */
const lastKeys = new Set<string>();

function add(
  phrase: string,
  kind: Entry['kind'],
  id: string,
  via: MentionVia,
  guard: Guard | null,
  lowerOk = false,
): void {
  const toks = tokenize(phrase);
  if (toks.length === 0) return;
  const keys = toks.map((t) => t.key);
  const list = byFirstKey.get(keys[0]) ?? [];
  if (list.some((e) => e.keys.join(' ') === keys.join(' '))) return; // first writer wins
  list.push({ keys, kind, id, via, guard, lowerOk });
  lastKeys.add(keys[keys.length - 1]);
  list.sort((a, b) => b.keys.length - a.keys.length);
  byFirstKey.set(keys[0], list);
}

function latin(s: string): boolean {
  return /^[\p{Script=Latin}\s.'’-]+$/u.test(s);
}

const PLACE_TAGS = new Set(['Country', 'Place', 'City', 'Region', 'Demonym']);

/**
 * An alternative spelling that is also an ordinary word or a first name in
 * English ("Island" for Iceland, "Dominique" for Dominica) would put the
 * country on every text that uses the word with a capital; such a spelling is
 * not an alias. Official and common names are added regardless.
 */
function falseFriend(alt: string): boolean {
  const key = fold(alt);
  if (/\s/.test(key)) return false;
  if (COMMON_WORD_SPELLINGS.has(key)) return true;
  const tags = lexiconTags(key);
  return tags.length > 0 && !tags.some((t) => PLACE_TAGS.has(t));
}

function build(): void {
  // Regions first: "Latin American" must win over the demonym "American".
  for (const r of REGIONS) {
    regionLabels.set(r.id, r.label);
    for (const p of r.phrases) {
      const lower = p === p.toLowerCase();
      const guard: Guard | null = /^hemisphere$/i.test(p)
        ? 'hemisphere'
        : r.id === 'africa'
          ? 'african'
          : null;
      add(p, 'region', r.id, 'name', guard, lower);
    }
  }
  for (const [phrase, code, guard] of EXTRA_ALIASES)
    add(phrase, 'country', code, 'alias', guard ?? null);

  const demonymOwners = new Map<string, string[]>();
  for (const c of countries) {
    names.set(c.cca2, c.name.common);
    // A name that is also an English word ("Réunion", "reunion") counts only where a place would.
    const ambiguous =
      AMBIGUOUS_NAMES.has(c.name.common) || COMMON_WORD_SPELLINGS.has(fold(c.name.common));
    const guard: Guard | null = c.cca2 === 'GE' ? 'georgia' : ambiguous ? 'ambiguous' : null;
    add(c.name.common, 'country', c.cca2, 'name', guard);
    if (!c.name.official.includes(',')) add(c.name.official, 'country', c.cca2, 'alias', null);
    for (const alt of c.altSpellings) {
      if (alt.includes(',') || !latin(alt)) continue;
      if (alt.length <= 4 && !VETTED_SHORT_ALIASES.has(alt)) continue;
      if (falseFriend(alt)) continue;
      add(alt, 'country', c.cca2, 'alias', null);
    }
    const eng = c.demonyms?.eng;
    if (eng) {
      for (const d of new Set([...eng.m.split(','), ...eng.f.split(',')].map((s) => s.trim()))) {
        if (!d) continue;
        const owners = demonymOwners.get(d) ?? [];
        owners.push(c.cca2);
        demonymOwners.set(d, owners);
      }
    }
  }
  for (const [demonym, owners] of demonymOwners) {
    let code: string | null = DEMONYM_OVERRIDES[demonym] ?? null;
    if (code === null && owners.length === 1) code = owners[0];
    if (code === null) continue; // "Congolese": two countries, no way to tell
    const guard: Guard = demonym === 'American' ? 'american' : 'demonym';
    add(demonym, 'country', code, 'demonym', guard);
    // "Colombians", "Salvadorans"; not "Chineses".
    if (/(an|ean|ian|i|ino)$/.test(demonym))
      add(
        `${demonym}s`,
        'country',
        code,
        'demonym',
        demonym === 'American' ? 'america' : 'demonym',
      );
  }
  for (const [demonym, code] of EXTRA_DEMONYMS) add(demonym, 'country', code, 'demonym', 'demonym');

  for (const c of countries) {
    if (!c.independent) continue;
    for (const cap of c.capital) {
      if (CAPITAL_STOPLIST.has(cap) || !latin(cap)) continue;
      add(cap, 'country', c.cca2, 'capital', 'capital');
    }
  }
  for (const [city, code] of EXTRA_CITIES) add(city, 'country', code, 'city', 'capital');
}
build();

export function countryName(code: string): string {
  return names.get(code) ?? code;
}

export function regionLabel(id: string): string {
  return regionLabels.get(id) ?? id;
}

export function countryFlag(code: string): string {
  return flagEmoji(code);
}

function atSentenceStart(text: string, tokens: Token[], i: number, offset: number): boolean {
  if (i === 0) return true;
  const between = text.slice(tokens[i - 1].end - offset, tokens[i].start - offset);
  return /[.!?:\n]|^\s*[-–—•]\s*$|[“"(]/.test(between) || /[.!?]$/.test(tokens[i - 1].text);
}

/** True when most letters of the line are capitals: "CONTACT US" is not the United States. */
function shoutedLine(text: string, pos: number): boolean {
  const ls = text.lastIndexOf('\n', pos) + 1;
  const le = text.indexOf('\n', pos);
  const line = text.slice(ls, le < 0 ? text.length : le);
  const letters = line.replace(/[^\p{L}]/gu, '');
  if (letters.length < 8) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return upper / letters.length > 0.7;
}

function passes(
  e: Entry,
  text: string,
  tokens: Token[],
  i: number,
  n: number,
  offset: number,
): boolean {
  const first = tokens[i];
  const last = tokens[i + n - 1];
  const prev = i > 0 ? tokens[i - 1] : null;
  const next = i + n < tokens.length ? tokens[i + n] : null;
  const nextGap = next ? text.slice(last.end - offset, next.start - offset) : '';
  const prevGap = prev ? text.slice(prev.end - offset, first.start - offset) : '';
  const nextIsUpperWord = next !== null && next.upper && /^ $/.test(nextGap);
  // A capitalised word before, other than a function word opening the sentence
  // ("In Jordan", "The Caribbean"), makes the place part of a longer name.
  const prevIsUpperWord =
    prev !== null &&
    prev.upper &&
    /^ $/.test(prevGap) &&
    !(FUNCTION_WORDS.has(prev.key) && atSentenceStart(text, tokens, i - 1, offset));

  // "New Mexico", "New Jersey": a US state, not the country. Real "New …"
  // countries ("New Zealand") are matched from "New" and never get here.
  if (e.kind === 'country' && prev?.key === 'new' && prev.upper && prevGap === ' ') return false;
  // Part of a longer proper name: "Santiago Peña", "Washington Post", "Michael Jordan".
  const longerName =
    (nextIsUpperWord && !startsPlace(tokens, i + n)) ||
    (prevIsUpperWord && prev !== null && !endsPlaceOrTitle(prev));
  // "Turkey sandwiches", "Guinea pigs", "the Niger Delta": something else named after the country.
  if (
    e.kind === 'country' &&
    n === 1 &&
    next !== null &&
    /^ $/.test(nextGap) &&
    NOT_BEFORE[first.key]?.has(next.key)
  )
    return false;
  // "Fine China", "Holland America": the same, with the telling word first.
  if (
    e.kind === 'country' &&
    n === 1 &&
    prev !== null &&
    prev.upper &&
    prevGap === ' ' &&
    NOT_AFTER[first.key]?.has(prev.key)
  )
    return false;
  // "Israel Adesanya", "Cuba Gooding Jr.": a forename, not the country.
  if (e.kind === 'country' && n === 1 && personNamed(tokens, i, nextGap)) return false;
  // "Lebanon, Pennsylvania", "Panama City, Fla.": a US town named after the country.
  // Not for the US itself: "Washington, D.C.", "Miami, Florida". Nor for an
  // item of a list that a place opens: "Canada, Mexico, Texas and Arizona".
  const listBefore =
    prev !== null &&
    prevGap === ', ' &&
    prev.upper &&
    lastKeys.has(prev.key) &&
    usStateAt(text, tokens, i - 1, offset) === 0;
  if (e.kind === 'country' && e.id !== 'US' && !listBefore && usTownAt(text, tokens, i + n, offset))
    return false;
  switch (e.guard) {
    case null:
      break;
    case 'us-short': {
      if (
        first.text !== 'US' &&
        first.text !== 'U.S.' &&
        first.text !== 'USA' &&
        first.text !== 'U.S.A.'
      )
        return false;
      if (nextGap.startsWith('$')) return false; // "US$": a currency, not the country
      if (shoutedLine(text, first.start - offset)) return false;
      // "CONTACT US NOW" inside a normal line.
      if (prev && next && /^\p{Lu}{2,}$/u.test(prev.text) && /^\p{Lu}{2,}$/u.test(next.text))
        return false;
      break;
    }
    case 'america': {
      if (
        prev &&
        [
          'latin',
          'south',
          'central',
          'north',
          'middle',
          'anglo',
          'ibero',
          'hispanic',
          'pan',
          'meso',
          'spanish',
          'african',
          'native',
        ].includes(prev.key)
      )
        return false;
      // "Bank of America", "Voice of America": an organisation's name.
      if (prev?.key === 'of' && i >= 2 && tokens[i - 2].upper && tokens[i - 2].key !== 'united')
        return false;
      break;
    }
    case 'american': {
      if (
        prev &&
        [
          'latin',
          'south',
          'central',
          'north',
          'pan',
          'ibero',
          'hispanic',
          'african',
          'native',
          'meso',
          'anglo',
        ].includes(prev.key)
      )
        return false;
      if (!next) return false;
      if (nextGap === '-' && MODIFIER_SUFFIXES.has(next.key)) break;
      if (
        nextGap === '-' &&
        ['led', 'made', 'born', 'brokered', 'owned', 'flagged'].includes(next.key)
      )
        break;
      if (!/^ $/.test(nextGap) || !AMERICAN_HEADS.has(next.key)) return false;
      break;
    }
    case 'ambiguous': {
      // "Chad, a farmer…", "Jordan said…": only after a word that introduces a
      // place, or inside a list of places.
      const placeBefore =
        prev !== null &&
        (PLACE_CONTEXT.has(prev.key) || (prevGap.includes(',') && byFirstKey.has(prev.key)));
      const possessive = next !== null && next.key === 's' && /^['’]$/.test(nextGap);
      // "Chad, Niger" (the comma is a gap) or "Chad and South Sudan" ("and" is a token).
      const listAfter =
        next !== null &&
        ((/^, $/.test(nextGap) && startsPlace(tokens, i + n)) ||
          ((next.key === 'and' || next.key === 'or') && startsPlace(tokens, i + n + 1)));
      if (longerName || !(placeBefore || listAfter || possessive)) return false;
      break;
    }
    case 'capital': {
      if (longerName) return false;
      if (
        e.keys[0] === 'washington' &&
        next &&
        ['state', 'post', 'university', 'county'].includes(next.key)
      )
        return false;
      break;
    }
    case 'georgia': {
      const windowText = text.slice(
        Math.max(0, first.start - offset - 300),
        last.end - offset + 300,
      );
      const ctx = tokenize(windowText).some((t) => GEORGIA_CONTEXT.has(t.key));
      if (
        !ctx &&
        !(prev?.key === 'of' && i >= 2 && ['republic', 'country'].includes(tokens[i - 2].key))
      )
        return false;
      break;
    }
    case 'turkey': {
      // "Roast Turkey", "Turkey prices rose before Thanksgiving": a capitalised
      // "Turkey" among Thanksgiving and gravy is the bird unless the country is in view too.
      const around = tokenize(
        text.slice(Math.max(0, first.start - offset - 300), last.end - offset + 300),
      );
      if (
        around.some((t) => TURKEY_FOOD_CONTEXT.has(t.key)) &&
        !around.some((t) => TURKEY_COUNTRY_CONTEXT.has(t.key))
      )
        return false;
      break;
    }
    case 'emirates': {
      // The country is "the Emirates"; "an Emirates flight", "Fly Emirates",
      // "Emirates said" and "Emirates Airline" are the airline.
      if (prev?.key !== 'the' || longerName) return false;
      if (next && EMIRATES_AIRLINE_NEXT.has(next.key)) return false;
      break;
    }
    case 'demonym': {
      if (next && LANGUAGE_CONTEXT_NEXT.has(next.key)) return false;
      if (prev && LANGUAGE_CONTEXT_PREV.has(prev.key) && (!next || !next.upper)) return false;
      if (
        e.keys[0] === 'indian' &&
        next &&
        ['ocean', 'reservation', 'tribe', 'tribes'].includes(next.key)
      )
        return false;
      break;
    }
    case 'hemisphere': {
      if (!prev || !['the', 'this', 'our', 'entire', 'whole'].includes(prev.key)) return false;
      break;
    }
    case 'african': {
      if (next && next.key === 'american') return false;
      break;
    }
  }
  return true;
}

const US_STATE_KEYS = US_STATES.names.map((s) => tokenize(s).map((t) => t.key));

function gapBetween(text: string, tokens: Token[], a: number, b: number, offset: number): string {
  return text.slice(tokens[a].end - offset, tokens[b].start - offset);
}

/** How many tokens from `j` spell a US state ("New Jersey", "Fla.", "PA"); 0 if none. */
function usStateAt(text: string, tokens: Token[], j: number, offset: number): number {
  const t = tokens[j];
  if (t === undefined || !t.upper) return 0;
  for (const keys of US_STATE_KEYS) {
    if (
      j + keys.length <= tokens.length &&
      keys.every(
        (k, m) =>
          tokens[j + m].key === k &&
          (m === 0 || gapBetween(text, tokens, j + m - 1, j + m, offset) === ' '),
      )
    )
      return keys.length;
  }
  if (US_STATES.abbreviations.has(t.key) && (t.text.endsWith('.') || text[t.end - offset] === '.'))
    return 1;
  if (US_STATES.postal.has(t.text) && !shoutedLine(text, t.start - offset)) return 1;
  return 0;
}

/**
 * True when the place name just before token `j` is a US town: more words of
 * its name ("Panama City Beach"), a comma and a state. "Mexico, Texas and
 * Arizona" is a list of places, not a town, and so is "Mexico, Texas, Canada"
 * unless the next place is itself a town ("…, and Peru, Indiana").
 */
function usTownAt(text: string, tokens: Token[], j: number, offset: number): boolean {
  let k = j;
  while (
    k < tokens.length &&
    k < j + 3 &&
    tokens[k].upper &&
    gapBetween(text, tokens, k - 1, k, offset) === ' '
  )
    k++;
  if (k >= tokens.length || gapBetween(text, tokens, k - 1, k, offset) !== ', ') return false;
  const s = usStateAt(text, tokens, k, offset);
  if (s === 0) return false;
  const m = k + s;
  if (m >= tokens.length) return true;
  const g = gapBetween(text, tokens, m - 1, m, offset).replace(/^\./, '');
  let c = -1;
  if (/^,? $/.test(g) && LIST_JOINERS.has(tokens[m].key)) c = m + 1;
  else if (/^(?:, |,? & )$/.test(g)) c = m;
  // "Mexico, Texas and the United Kingdom", "…, Texas and then Canada": the
  // next item of a list may open with a lower-case word.
  while (c >= 0 && c < tokens.length && !tokens[c].upper && LIST_ITEM_OPENERS.has(tokens[c].key))
    c++;
  if (c < 0 || c >= tokens.length || !tokens[c].upper) return true;
  if (usStateAt(text, tokens, c, offset) > 0) return false;
  return !(startsPlace(tokens, c) && !usTownAt(text, tokens, c + 1, offset));
}

// Lexicon tags of a word that may be a surname.
const NAME_TAGS = new Set(['LastName', 'FirstName', 'MaleName', 'FemaleName', 'Person']);
// Words after which a country is meant even before a capitalised word: "In Israel Netanyahu…".
const PLACE_PREPOSITIONS = new Set([
  'in',
  'into',
  'across',
  'throughout',
  'visited',
  'visiting',
  'bordering',
  'neighbouring',
  'neighboring',
]);
// Titles a country follows with "to" or "of", before the holder's name.
const POST_TITLES = new Set([
  'ambassador',
  'envoy',
  'consul',
  'representative',
  'president',
  'minister',
  'king',
  'queen',
]);

/**
 * True when the one-word country at `i` is the forename of a person: one of
 * FORENAME_COUNTRIES, then, after a single space, a capitalised word that is
 * not a place, a demonym or a word continuing a place or a body, and that the
 * lexicon knows only as a name or not at all ("Adesanya", "Gooding").
 */
function personNamed(tokens: Token[], i: number, nextGap: string): boolean {
  const first = tokens[i];
  const next = tokens[i + 1];
  if (next === undefined || nextGap !== ' ' || !FORENAME_COUNTRIES.has(first.key)) return false;
  if (!/^\p{Lu}\p{Ll}/u.test(next.text) || startsPlace(tokens, i + 1)) return false;
  if (PLACE_OR_BODY_NEXT.has(next.key)) return false;
  // "Israel Aerospace Industries", "Kenya Ports Authority": a body, whatever its middle word.
  const after = tokens[i + 2];
  if (after?.upper && after.start - next.end === 1 && PLACE_OR_BODY_NEXT.has(after.key))
    return false;
  if (i > 0 && PLACE_PREPOSITIONS.has(tokens[i - 1].key)) return false;
  // "Ambassador to Kenya Meg Whitman", "President of Georgia Salome Zourabichvili".
  if (
    i > 1 &&
    (tokens[i - 1].key === 'to' || tokens[i - 1].key === 'of') &&
    POST_TITLES.has(tokens[i - 2].key)
  )
    return false;
  const tags = lexiconTags(next.key);
  return tags.length === 0 || tags.some((t) => NAME_TAGS.has(t));
}

const LIST_JOINERS = new Set(['and', 'or', 'plus']);
const LIST_ITEM_OPENERS = new Set([
  'the',
  'then',
  'even',
  'also',
  'later',
  'finally',
  'eventually',
]);

function startsPlace(tokens: Token[], i: number): boolean {
  if (i >= tokens.length) return false;
  return byFirstKey.has(tokens[i].key) && tokens[i].upper;
}

const PLACE_CONTEXT = new Set([
  'in',
  'to',
  'from',
  'of',
  'with',
  'and',
  'or',
  'between',
  'across',
  'through',
  'via',
  'into',
  'toward',
  'towards',
  'including',
  'visited',
  'visit',
  'visiting',
  'neighbouring',
  'neighboring',
  'bordering',
  'near',
  'like',
  'by',
  'against',
  'for',
]);
const FUNCTION_WORDS = new Set([
  'the',
  'in',
  'on',
  'at',
  'of',
  'for',
  'from',
  'with',
  'by',
  'to',
  'as',
  'and',
  'but',
  'or',
  'if',
  'when',
  'while',
  'after',
  'before',
  'since',
  'both',
  'across',
  'into',
  'between',
  'against',
  'about',
  'like',
  'unlike',
  'outside',
  'inside',
  'near',
  'throughout',
  'within',
  'without',
  'visiting',
  'neighbouring',
  'neighboring',
  'like',
  'meanwhile',
  'today',
  'yesterday',
  'tomorrow',
]);
const TITLE_WORDS = new Set([
  'president',
  'minister',
  'ambassador',
  'embassy',
  'mayor',
  'governor',
  'downtown',
  'greater',
  'central',
]);
function endsPlaceOrTitle(t: Token): boolean {
  return TITLE_WORDS.has(t.key) || byFirstKey.has(t.key);
}

/**
 * Every country and region mention in `text`, in order. `offset` is added to
 * the positions returned, for scanning a slice of a larger text.
 */
export function scanPlaces(
  text: string,
  offset = 0,
  tokens = tokenize(text, offset),
): PlaceMention[] {
  const out: PlaceMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const list = byFirstKey.get(tokens[i].key);
    if (!list) continue;
    for (const e of list) {
      const n = e.keys.length;
      if (i + n > tokens.length) continue;
      let ok = true;
      for (let j = 0; j < n && ok; j++) {
        const t = tokens[i + j];
        if (t.key !== e.keys[j]) ok = false;
        else if (
          j > 0 &&
          // An apostrophe joins too: "Côte d'Ivoire".
          !/^[ \-–'’]$|^\. ?$/.test(text.slice(tokens[i + j - 1].end - offset, t.start - offset))
        )
          ok = false;
        else if (!e.lowerOk && !t.upper && !CONNECTORS.has(t.key)) ok = false;
      }
      if (!ok || !passes(e, text, tokens, i, n, offset)) continue;
      const last = tokens[i + n - 1];
      const next = tokens[i + n];
      const modifier =
        e.kind === 'country' &&
        next !== undefined &&
        /^[-–]$/.test(text.slice(last.end - offset, next.start - offset)) &&
        MODIFIER_SUFFIXES.has(next.key);
      out.push({
        kind: e.kind,
        id: e.id,
        via: e.via,
        start: tokens[i].start,
        end: last.end,
        t0: i,
        t1: i + n,
        modifier,
      });
      i += n - 1;
      break;
    }
  }
  // In a text about the European Union or NATO, "Brussels" is their seat, not Belgium:
  // a Brussels-datelined story on EU trade talks is no Belgian story.
  if (BLOCS_SEATED_IN_BRUSSELS.test(text))
    return out.filter(
      (m) => !(m.id === 'BE' && /^brussels$/i.test(text.slice(m.start - offset, m.end - offset))),
    );
  return out;
}

const BLOCS_SEATED_IN_BRUSSELS =
  /\b(?:EU|E\.U\.|European (?:Union|Commission|Council|Parliament)|NATO)\b/;
