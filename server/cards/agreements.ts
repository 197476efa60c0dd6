/**
 * Agreements: named ones ("Safe Third Country Agreement", "USMCA") and
 * unnamed ones that a sentence says were signed or reached. Parties are the
 * countries the sentence names as actors, never a modifier such as
 * "Chinese-backed" (China backing a project is not China signing a deal), nor
 * a country the deal is aimed at ("their response to China's activity").
 */
import type { Token } from './text.ts';

export interface AgreementDraft {
  unitFrom: number;
  unitTo: number;
  name: string | null;
  /** An unnamed agreement's kind in the source's words: "status of forces agreement". */
  description: string | null;
  nameStart: number;
  nameEnd: number;
  parties: string[];
}

const KEYWORDS = new Set([
  'agreement',
  'agreements',
  'accord',
  'accords',
  'treaty',
  'pact',
  'memorandum',
  'deal',
  'compact',
  'framework',
  'partnership',
  'protocol',
  'charter',
  'declaration',
  'convention',
  'arrangement',
]);
const ACRONYMS = new Set(['usmca', 'nafta', 'cafta', 'mou', 'mercosur', 'tpp', 'cptpp', 'rcep']);
const NAME_CONNECTORS = new Set(['of', 'on', 'for', 'and', 'the', 'de']);
const DETERMINERS = new Set([
  'this',
  'the',
  'a',
  'an',
  'that',
  'these',
  'those',
  'its',
  'their',
  'our',
  'new',
]);
// Capitalised but generic: "Trade Agreements" as a list label is not a name.
const GENERIC = new Set([
  'trade',
  'free',
  'economic',
  'security',
  'bilateral',
  'regional',
  'joint',
  'strategic',
  'new',
  'key',
  'major',
  'partnership',
  'partnerships',
  'public',
  'private',
  'innovative',
  'technology',
]);
const SIGNING =
  /\b(sign(?:ed|s|ing)?|ink(?:ed|s)?|conclud(?:ed|es)|reach(?:ed|es)|struck|strike|clinch(?:ed)?|seal(?:ed|s)?|finali[sz]ed|ratif(?:ied|ies|y)|agreed|renew(?:ed|s)|broker(?:ed)?|launch(?:ed|es)?)\b/i;
/** One word of SIGNING, in any form a headline writes it ("Reach", "Signs", "Sealed"). */
const SIGNING_VERB =
  /^(sign|signs|signed|ink|inks|inked|reach|reaches|reached|strike|strikes|struck|clinch|clinches|clinched|seal|seals|sealed|conclude|concludes|concluded|agree|agrees|agreed|ratify|ratifies|ratified|finali[sz]e|finali[sz]es|finali[sz]ed|renew|renews|renewed|broker|brokers|brokered|launch|launches|launched)$/i;
const UNNAMED =
  /\b(agreements?|accords?|deals?|pacts?|treaty|treaties|memorand(um|a)|mous?|arrangements?|partnership|charters?|conventions?)\b/i;
/** Days and months, which follow a name ("signed … Agreement on Monday") without being part of it. */
const WHEN =
  /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december)$/;
const ANAPHOR = /^[“"]?(this|that|the|under (the|this))\b/i;
/** One word of UNNAMED, for finding the noun among a sentence's tokens. */
const UNNAMED_WORD = new RegExp(`^(?:${UNNAMED.source.replace(/\\b/g, '')})$`, 'i');
/** Words that end a description on the left: articles, possessives, verbs of the clause. */
const DESCRIPTION_STOPS = new Set([
  ...DETERMINERS,
  'and',
  'or',
  'to',
  'with',
  'on',
  'in',
  'for',
  'by',
  'at',
  'from',
  'as',
  'that',
  'which',
  'is',
  'was',
  'were',
  'are',
  'be',
  'been',
  'has',
  'have',
  'had',
  'will',
  'would',
  'could',
  'can',
  'may',
  'under',
  'into',
  'his',
  'her',
  'my',
  'your',
  'no',
  'any',
  'such',
  'another',
  'other',
  'two',
  'three',
  'several',
  'both',
]);
/** Leading words that say how a deal stands, not what it is: "a separate free trade agreement". */
const DESCRIPTION_HEDGES = new Set([
  'separate',
  'possible',
  'proposed',
  'potential',
  'landmark',
  'historic',
  'first',
  'long-awaited',
  'draft',
  'similar',
  'broader',
  'wider',
]);
/** Prepositions that carry a deal's subject after it: "agreement on migration". */
const SUBJECT_PREPS = new Set(['on', 'for', 'covering', 'over']);

/**
 * What an unnamed agreement is, in the sentence's words: the lower-case noun
 * phrase around its noun ("status of forces agreement", "memorandum of
 * understanding on security cooperation", "free trade agreement"). Null when
 * the sentence says no more than "a deal".
 */
function describe(text: string, tokens: Token[], u: AgreementUnit): string | null {
  const spaced = (a: Token, b: Token): boolean => /^[ -]$/.test(text.slice(a.end, b.start));
  const word = (t: Token | undefined): t is Token =>
    t !== undefined && !t.upper && /^[\p{Ll}-]+$/u.test(t.text);
  for (let i = u.t0; i < u.t1; i++) {
    if (!UNNAMED_WORD.test(tokens[i].key) || tokens[i].upper) continue;
    let s = i;
    while (s - 1 >= u.t0 && i - (s - 1) <= 4 && spaced(tokens[s - 1], tokens[s])) {
      const p = tokens[s - 1];
      if (!word(p) || DESCRIPTION_STOPS.has(p.key) || SIGNING_VERB.test(p.text)) break;
      s--;
    }
    // "status of forces agreement" keeps its "of"; a phrase does not start with one.
    while (s < i && (DESCRIPTION_HEDGES.has(tokens[s].key) || tokens[s].key === 'of')) s++;
    let e = i + 1;
    if (
      /^memorand/.test(tokens[i].key) &&
      tokens[e]?.key === 'of' &&
      tokens[e + 1]?.key === 'understanding'
    )
      e += 2;
    if (SUBJECT_PREPS.has(tokens[e]?.key ?? '') && spaced(tokens[e - 1], tokens[e])) {
      // "on migration and border security": words, and an "and" between two.
      const inPhrase = (k: number): boolean =>
        word(tokens[k]) &&
        (!DESCRIPTION_STOPS.has(tokens[k].key) ||
          (tokens[k].key === 'and' && k > e + 1 && word(tokens[k + 1]))) &&
        spaced(tokens[k - 1], tokens[k]);
      let k = e + 1;
      while (k < u.t1 && k - e <= 5 && inPhrase(k)) k++;
      while (k > e + 1 && tokens[k - 1].key === 'and') k--;
      if (k > e + 1) e = k;
    }
    if (s === i && e === i + 1) return null;
    return text.slice(tokens[s].start, tokens[e - 1].end);
  }
  return null;
}

/**
 * Words that make the country after them what a deal is about or aimed at,
 * not a signatory: "response to China's activity", "exports to China",
 * "aimed at Bolivia's dams", "to counter Venezuela". Not "with" or "between",
 * which name parties, nor "from" ("ministers from Brazil").
 */
const AIMED_AT = new Set([
  'to',
  'toward',
  'towards',
  'against',
  'at',
  'about',
  'over',
  'regarding',
  'concerning',
  'counter',
  'countering',
  'confront',
  'confronting',
  'deter',
  'deterring',
  'contain',
  'containing',
]);

/**
 * What a deal answers, before "from": "growing pressure from China" names the
 * country the parties face, unlike "ministers from Brazil".
 */
const PRESSURE = new Set([
  'pressure',
  'pressures',
  'threat',
  'threats',
  'aggression',
  'coercion',
  'incursions',
  'harassment',
  'challenge',
  'challenges',
  'competition',
  'attacks',
  'interference',
  // "despite fierce opposition from French farmers": those against a deal are not in it.
  'opposition',
  'objection',
  'objections',
  'criticism',
  'resistance',
  'protests',
]);

/** Geographic features named after a country: "South China Sea", "Gulf of Mexico". */
const FEATURES = new Set(['sea', 'ocean', 'gulf', 'bay', 'strait', 'straits', 'canal', 'basin']);

/**
 * Whether the country mention at tokens [t0, t1) names no signatory: it is
 * what a deal is aimed at (see AIMED_AT and PRESSURE), or part of a feature's
 * name ("in the South China Sea").
 */
export function namesNoParty(tokens: readonly Token[], t0: number, t1: number): boolean {
  const next = tokens[t1];
  if (next?.upper && FEATURES.has(next.key)) return true;
  if (t0 >= 2 && tokens[t0 - 1].key === 'of' && FEATURES.has(tokens[t0 - 2].key)) return true;
  let k = t0 - 1;
  if (k >= 0 && tokens[k].key === 'the') k--;
  if (k >= 1 && tokens[k].key === 'from' && PRESSURE.has(tokens[k - 1].key)) return true;
  return k >= 0 && AIMED_AT.has(tokens[k].key);
}

export interface AgreementUnit {
  index: number;
  start: number;
  end: number;
  /** Token range of the unit. */
  t0: number;
  t1: number;
  /** Non-modifier countries named in the unit (places and linked people). */
  parties: string[];
}

function namedIn(
  text: string,
  tokens: Token[],
  u: AgreementUnit,
): { name: string; start: number; end: number } | null {
  for (let i = u.t0; i < u.t1; i++) {
    const t = tokens[i];
    if (ACRONYMS.has(t.key) && /^\p{Lu}{2,}/u.test(t.text))
      return { name: t.text, start: t.start, end: t.end };
    if (!KEYWORDS.has(t.key) || !t.upper) continue;
    let s = i;
    while (s - 1 >= u.t0) {
      const p = tokens[s - 1];
      const g = text.slice(p.end, tokens[s].start);
      if (!/^[ -]$/.test(g)) break;
      // A headline capitalises its verb too: "Mexico Signs Trade Accord" names no "Mexico Signs" accord.
      if (SIGNING_VERB.test(p.text)) break;
      if (p.upper && !DETERMINERS.has(p.key)) s--;
      else if (NAME_CONNECTORS.has(p.key) && !p.upper && s - 2 >= u.t0 && tokens[s - 2].upper) s--;
      else break;
    }
    let e = i + 1;
    // "Memorandum of Understanding on Security Cooperation"; not "… Agreement on Monday".
    while (
      e + 1 < u.t1 &&
      NAME_CONNECTORS.has(tokens[e].key) &&
      !tokens[e].upper &&
      tokens[e + 1].upper &&
      !WHEN.test(tokens[e + 1].key) &&
      text.slice(tokens[e - 1].end, tokens[e].start) === ' '
    ) {
      e += 2;
      while (e < u.t1 && tokens[e].upper && text.slice(tokens[e - 1].end, tokens[e].start) === ' ')
        e++;
    }
    const nameTokens = tokens.slice(s, i);
    if (nameTokens.length === 0 && e === i + 1) continue;
    if (
      nameTokens.length > 0 &&
      nameTokens.every((x) => GENERIC.has(x.key) || NAME_CONNECTORS.has(x.key))
    )
      continue;
    return {
      name: text.slice(tokens[s].start, tokens[e - 1].end),
      start: tokens[s].start,
      end: tokens[e - 1].end,
    };
  }
  return null;
}

export function findAgreements(
  text: string,
  tokens: Token[],
  units: AgreementUnit[],
): AgreementDraft[] {
  const out: AgreementDraft[] = [];
  let prev: { draft: AgreementDraft; unit: number } | null = null;
  for (let k = 0; k < units.length; k++) {
    const u = units[k];
    const sentence = text.slice(u.start, u.end);
    const named = namedIn(text, tokens, u);
    const unnamed = !named && UNNAMED.test(sentence) && SIGNING.test(sentence);
    if (!named && !unnamed) continue;
    let parties = [...u.parties];
    const previousUnit = k > 0 ? units[k - 1] : null;
    const follows =
      previousUnit !== null &&
      prev !== null &&
      prev.unit === previousUnit.index &&
      previousUnit.index === u.index - 1;
    if (
      parties.length === 0 &&
      ANAPHOR.test(sentence) &&
      previousUnit &&
      previousUnit.index === u.index - 1
    ) {
      parties = [...previousUnit.parties];
    }
    // "… an agreement signed with Paraguay. This Safe Third Country Agreement …": one agreement.
    if (follows && prev && ANAPHOR.test(sentence)) {
      const d: AgreementDraft = prev.draft;
      if (d.name === null && named) {
        d.name = named.name;
        d.description = null;
        d.nameStart = named.start;
        d.nameEnd = named.end;
      }
      d.parties = [...new Set([...d.parties, ...parties])];
      d.unitTo = u.index;
      prev = { draft: d, unit: u.index };
      continue;
    }
    if (!named && parties.length === 0) continue;
    const draft: AgreementDraft = {
      unitFrom: u.index,
      unitTo: u.index,
      name: named?.name ?? null,
      description: named ? null : describe(text, tokens, u),
      nameStart: named?.start ?? u.start,
      nameEnd: named?.end ?? u.end,
      parties,
    };
    out.push(draft);
    prev = { draft, unit: u.index };
  }
  return out;
}
