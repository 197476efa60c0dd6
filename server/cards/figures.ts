/**
 * Figures: numbers with what they measure. compromise tags the values
 * (#Value, #Percent, #Money, #Year, #Plural…); this module groups the tagged
 * terms, reads the value and unit, and takes a short "measure" phrase from the
 * words around the number.
 */
import nlp from 'compromise';
import type { FigureCategory } from '../../shared/cards.ts';
import type { NlpSpan, NlpTerm } from './nlp.ts';

export interface FigureDraft {
  start: number;
  end: number;
  raw: string;
  value: number;
  category: FigureCategory;
  unit: string;
  measure: string;
}

const MULTIPLIERS: Record<string, number> = {
  hundred: 1e2,
  thousand: 1e3,
  million: 1e6,
  millions: 1e6,
  billion: 1e9,
  billions: 1e9,
  trillion: 1e12,
  k: 1e3,
  m: 1e6,
  mn: 1e6,
  mln: 1e6,
  bn: 1e9,
  b: 1e9,
  tn: 1e12,
  // South Asian numbering: "1.5 lakh crore" is 1.5 × 10⁵ × 10⁷.
  lakh: 1e5,
  lakhs: 1e5,
  crore: 1e7,
  crores: 1e7,
};
/** Multipliers compromise does not tag as numbers, read after an amount all the same. */
const UNTAGGED_MULTIPLIERS = /^(lakh|lakhs|crore|crores)$/i;
const CURRENCY_WORDS: Record<string, string> = {
  dollar: 'USD',
  dollars: 'USD',
  euro: 'EUR',
  euros: 'EUR',
  pound: 'GBP',
  pounds: 'GBP',
  yuan: 'CNY',
  renminbi: 'CNY',
  yen: 'JPY',
  reais: 'BRL',
  real: 'BRL',
  pesos: 'pesos',
  peso: 'pesos',
  soles: 'PEN',
  quetzales: 'GTQ',
  colones: 'CRC',
  bolivars: 'VES',
  lempiras: 'HNL',
  // Beyond the Americas. Where one name is several countries' money, the name is the unit.
  kroner: 'kroner',
  krone: 'kroner',
  kronor: 'SEK',
  francs: 'francs',
  shillings: 'shillings',
  rupees: 'rupees',
  rand: 'ZAR',
  naira: 'NGN',
  cedis: 'GHS',
  birr: 'ETB',
  rupiah: 'IDR',
  ringgit: 'MYR',
  baht: 'THB',
  dong: 'VND',
  rubles: 'RUB',
  roubles: 'RUB',
  lira: 'TRY',
  dirhams: 'dirhams',
  riyals: 'riyals',
};
/**
 * What "pounds of …" can be when the pounds are money ("5 billion pounds of
 * investment"); of anything else ("21,000 pounds of fentanyl") they are weight.
 */
const MONEY_NOUNS =
  /^(?:public|taxpayers?|investments?|funding|funds?|aid|spending|debts?|loans?|revenues?|contracts?|assets?|savings|support|exports?|imports?|tax(?:es|payers)?|subsid(?:y|ies)|cash|profits?|bonds?|sales|orders|damages|fines?|money|capital|credit|grants?|compensation|cuts|deals?|trade|business|losses|income|wealth|reserves)$/i;
/** Two-word names whose first word means nothing alone: "12 billion CFA francs". */
const CURRENCY_PAIRS: Record<string, string> = {
  'cfa francs': 'CFA francs',
  'swiss francs': 'CHF',
};
// Many currencies write the dollar sign with a country prefix; a bare "$" stays US dollars.
const SYMBOL_CODES: Record<string, string> = {
  US$: 'USD',
  A$: 'AUD',
  AU$: 'AUD',
  NZ$: 'NZD',
  C$: 'CAD',
  CA$: 'CAD',
  HK$: 'HKD',
  S$: 'SGD',
  SG$: 'SGD',
  R$: 'BRL',
  MX$: 'MXN',
  $: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
  // Pakistan, Sri Lanka and Nepal write "Rs" too.
  'Rs.': 'rupees',
  Rs: 'rupees',
};
/**
 * A currency sign, longest prefix first. The sign must not follow a letter or
 * digit, so the "$" in "A$100" is never read on its own as US dollars.
 */
const SYMBOL = `(?<![\\p{L}\\d])(${Object.keys(SYMBOL_CODES)
  .sort((a, b) => b.length - a.length)
  .map((k) => k.replace(/[$.]/g, '\\$&'))
  .join('|')})`;
const SYMBOL_AT_START = new RegExp(`^${SYMBOL}`, 'u');
const SYMBOL_AT_END = new RegExp(`${SYMBOL}\\s*$`, 'u');
const CHANGE_WORDS = new Set([
  'increase',
  'rise',
  'jump',
  'surge',
  'growth',
  'drop',
  'decline',
  'decrease',
  'fall',
  'reduction',
  'cut',
  'hike',
  'gain',
  'loss',
]);
const REPORTING_NOUNS =
  /\b(report|study|data|survey|analysis|figures|statistics|estimate|estimates|census|poll)\b/i;
const STOP_WORDS = new Set([
  'that',
  'which',
  'who',
  'as',
  'than',
  'while',
  'according',
  'because',
  'and',
  'but',
  'or',
  'since',
]);
const TIME_PREPS = new Set([
  'in',
  'since',
  'by',
  'until',
  'from',
  'during',
  'through',
  'before',
  'after',
  'of',
  'to',
]);
/** "the end of", "the start of": a point in a period, after "at" or "by". */
const PERIOD_POINTS = /^(end|start|beginning|close|middle|turn)$/i;
/** Prepositions that start a span of time only before a date word (see timePhraseAt). */
const SPAN_PREPS = new Set(['over', 'within', 'for']);
/** "HANOI, March 14, " before a year: a dateline's place and date (the place in capitals). */
const DATELINE_BEFORE =
  /(?:^|\n)\s*\p{Lu}[\p{Lu} .'’-]+(?:,[^\n,]{1,30})?, \p{Lu}\p{Ll}{2,8}\.? \d{1,2},\s*$/u;
/** What a rate after a count is per: "barrels per day", "flights a week". */
const RATE_SPANS = new Set(['day', 'week', 'month', 'year', 'hour', 'capita', 'person']);
/** An amount and nothing it counts: "$14.2 billion", "US$3bn", "40 million". */
const AMOUNT_ONLY =
  /^(?:\p{Lu}{0,3}\p{Sc})?[\d.,]+\s*(?:million|billion|trillion|thousand|bn|m|k)?$/iu;
/**
 * Whether a noun phrase can say what changed: "in 2022, up 24%" — a year or
 * number is not it, nor an amount ("reached $14.2 billion in 2025, up 9%").
 */
function namesAThing(phrase: string): boolean {
  return /\p{L}/u.test(phrase) && !AMOUNT_ONLY.test(phrase);
}

/**
 * A preposition that makes the noun after it part of the noun before ("trade
 * between", "exports of"). Not "with": in "struggles with coca production"
 * what rose is the production.
 */
const OF_PHRASE = /\s+(?:between|among|of|from)\s+(?:(?:the|a|an)\s+)?$/i;
const TIME_MODIFIERS = /^(last|next|this|that|past|previous|coming|same|early|late|mid)$/i;
/** A month's name or abbreviation, the whole word: not the "dec" of "declined" or "mar" of "markets". */
const MONTHS =
  /^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?$/i;

function has(t: NlpTerm, tag: string): boolean {
  return t.tags.has(tag);
}

// Right after a number, "troops" is a noun even when compromise reads a verb.
function nounLike(t: NlpTerm): boolean {
  if (has(t, 'Value') || has(t, 'Pronoun') || has(t, 'Preposition') || has(t, 'Determiner'))
    return false;
  return (
    has(t, 'Noun') || (has(t, 'PresentTense') && /[a-z]s$/i.test(t.text)) || has(t, 'Adjective')
  );
}

/**
 * Whether the pounds at `at` are weight: pounds "of" something that is not
 * money ("21,000 pounds of fentanyl"), or bare pounds in a sentence that has
 * weighed something in pounds (`weighs`: "… down from 27,000 pounds").
 */
function poundsWeigh(terms: NlpTerm[], at: number, weighs: boolean): boolean {
  if (!/^pounds?$/i.test(terms[at]?.text ?? '')) return false;
  if (terms[at + 1]?.text.toLowerCase() !== 'of') return weighs;
  return terms[at + 2] !== undefined && !MONEY_NOUNS.test(terms[at + 2].text);
}

/**
 * End of "per 100,000 inhabitants" starting at `at` (the base of a rate, up to
 * three words of what it counts), or -1.
 */
function ratePerAt(terms: NlpTerm[], at: number, text: string): number {
  if (terms[at]?.text.toLowerCase() !== 'per') return -1;
  const base = terms[at + 1];
  if (!base || !/^\d[\d,.]*$/.test(base.text)) return -1;
  let k = at + 2;
  while (
    k < terms.length &&
    k - at < 5 &&
    nounLike(terms[k]) &&
    text.slice(terms[k - 1].end, terms[k].start) === ' '
  )
    k++;
  return k > at + 2 ? k : -1;
}

/** Whether the terms at `at` are a rate: "per day", "a week". */
function rateAt(terms: NlpTerm[], at: number): boolean {
  const per = terms[at]?.text.toLowerCase();
  return (per === 'per' || per === 'a') && RATE_SPANS.has(terms[at + 1]?.text.toLowerCase() ?? '');
}

/** Whether the term before `at` is a capitalised word inside a sentence, a single space before it. */
function partOfName(terms: NlpTerm[], at: number, text: string): boolean {
  const prev = terms[at - 1];
  if (!prev || text.slice(prev.end, terms[at].start) !== ' ') return false;
  if (!/^\p{Lu}/u.test(prev.text) || MONTHS.test(prev.text) || has(prev, 'Date')) return false;
  const beforePrev = terms[at - 2];
  // A sentence's first word is capitalised anyway: "Nearly 40 ships…".
  return beforePrev !== undefined && !/[.!?:\n]\s*$/.test(text.slice(beforePrev.end, prev.start));
}

function plural(t: NlpTerm): boolean {
  if (has(t, 'Plural')) return true;
  return /[a-z][^s']s$/i.test(t.text) && (has(t, 'Noun') || has(t, 'PresentTense'));
}

/**
 * Punctuation out, except a thousands separator ("92,784"); a leading
 * article or preposition out unless `keepLead`.
 */
function clean(s: string, keepLead = false): string {
  const flat = s
    // Quotation marks go; an apostrophe inside a word ("Peru’s") stays.
    .replace(/[“”"();:]|(?<!\p{L})[‘’]|[‘’](?!\p{L})|,(?!\d)|(?<!\d),/gu, ' ')
    .replace(/\s+/g, ' ')
    .replace(/[.\s]+$/, '')
    .trim();
  return keepLead ? flat : flat.replace(/^(?:the|a|an|of|in|for|to|on)\s+/i, '');
}

/** Words after the number up to a clause boundary, without a trailing time phrase. */
function after(terms: NlpTerm[], from: number, text: string, max = 6): string {
  const out: NlpTerm[] = [];
  let lastAt = -1;
  // "¥60 billion ($400 million) in loans": the amount again in brackets; what
  // it measures comes after them. Otherwise a clause break, or a parenthesis
  // ("10.5 trillion shillings ($81 billion)." gives the amount again), ends it.
  const gapBefore = (k: number): string => text.slice(terms[k - 1].end, terms[k].start);
  if (from > 0 && from < terms.length && /^\s*\($/.test(gapBefore(from))) {
    let resume = -1;
    for (let k = from + 1; k < terms.length && k <= from + 8; k++) {
      const gap = gapBefore(k);
      if (/^\)\s+$/.test(gap)) resume = k;
      if (/[()]/.test(gap)) break;
    }
    if (resume < 0) return '';
    from = resume;
  } else if (from > 0 && from < terms.length && /[,;:.!?()—–”"]/.test(gapBefore(from))) return '';
  for (let i = from; i < terms.length && out.length < max; i++) {
    const t = terms[i];
    // compromise expands "Caribbean's" into "Caribbean is", with an empty verb.
    if (t.text === '') continue;
    const word = t.text.toLowerCase();
    // "$50 million was held in cash": the participle says what, not "was".
    if (
      out.length === 0 &&
      /^(was|were|is|are|been|be|being)$/.test(word) &&
      terms[i + 1] !== undefined &&
      has(terms[i + 1], 'PastTense') &&
      text.slice(t.end, terms[i + 1].start) === ' '
    )
      continue;
    // "port upgrades": a plural read as a verb right after a noun is still the noun phrase.
    const compound = out.length > 0 && has(out[out.length - 1], 'Noun') && plural(t);
    // "people to emigrate": the purpose is part of the measure, and ends it.
    if (out.length === 1 && out[0].text.toLowerCase() === 'to' && has(t, 'Verb')) {
      out.push(t);
      break;
    }
    // "in humanitarian and development assistance", "in loans and grants": a
    // coordinated noun phrase goes on; "and Mexico promised", "and $2 million" do not.
    const next = terms[i + 1];
    const coordinated =
      (word === 'and' || word === 'or') &&
      out.length > 0 &&
      next !== undefined &&
      text.slice(t.end, next.start) === ' ' &&
      (has(next, 'Adjective') || has(next, 'Noun')) &&
      !['ProperNoun', 'Value', 'Pronoun', 'Date'].some((tag) => has(next, tag)) &&
      !/^\p{Lu}/u.test(next.text);
    // "the Caribbean's liquefied natural gas": a participle between a possessive
    // (or article) and a noun describes the noun.
    const prevWord = out.length > 0 ? out[out.length - 1] : null;
    const participle =
      has(t, 'PastTense') &&
      prevWord !== null &&
      (/['’]s$/.test(prevWord.text) || has(prevWord, 'Determiner')) &&
      next !== undefined &&
      (has(next, 'Adjective') || has(next, 'Noun')) &&
      !has(next, 'Pronoun');
    // "in loans": after a preposition (but "to"), a word read as a verb is its noun.
    const object =
      prevWord !== null && has(prevWord, 'Preposition') && prevWord.text.toLowerCase() !== 'to';
    if (
      (STOP_WORDS.has(word) && !coordinated) ||
      (has(t, 'Verb') && !has(t, 'Gerund') && !compound && !participle && !object && out.length > 0)
    )
      break;
    // "in 2023", "since last year": when the figure happened, not what it measures.
    if (TIME_PREPS.has(word) && timePhraseAt(terms, i, true)) break;
    // "at the end of June", "by the start of the year": so is a point in a period.
    if (
      /^(at|by|in|until|toward|towards)$/.test(word) &&
      terms[i + 1]?.text.toLowerCase() === 'the' &&
      PERIOD_POINTS.test(terms[i + 2]?.text ?? '') &&
      terms[i + 3]?.text.toLowerCase() === 'of'
    )
      break;
    // "fell 18% over six months", "within two years": a span of time, not
    // "over 500 projects".
    if (SPAN_PREPS.has(word) && timePhraseAt(terms, i, false)) break;
    if (has(t, 'Date') && out.length > 0) {
      // "2 percent last year", "$4 million this month": the date's own words go with it.
      while (out.length > 0 && TIME_MODIFIERS.test(out[out.length - 1].text)) out.pop();
      break;
    }
    out.push(t);
    lastAt = i;
    const tail = text.slice(t.end, terms[i + 1]?.start ?? t.end);
    if (/[,;:.!?)—–]/.test(tail)) break;
  }
  // Cut at the word limit just before the noun it qualifies, a modifier is
  // half a phrase too: the "Asian" of "to Asian markets".
  const cut = out.length === max ? terms[lastAt + 1] : undefined;
  if (
    cut !== undefined &&
    out.length > 1 &&
    !has(cut, 'Value') &&
    (has(cut, 'Noun') || plural(cut)) &&
    text.slice(terms[lastAt].end, cut.start) === ' '
  )
    out.pop();
  // Cut at the word limit, "for small" of "for small farmers", the "to its" of
  // "to its neighbour", the "in both" of "in both countries" and the "last" of
  // "last year" are half a phrase: drop them, then the words that led to them.
  const dangling = (x: NlpTerm): boolean =>
    /^(to|of|in|for|on|at|by|with|and|or|the|a|an|its|their|his|her|our|your|my)$/i.test(x.text) ||
    has(x, 'Determiner') ||
    (out.length === max && has(x, 'Adjective') && !has(x, 'Noun')) ||
    TIME_MODIFIERS.test(x.text);
  while (out.length > 0 && dangling(out[out.length - 1])) out.pop();
  if (out.length === 0) return '';
  return clean(text.slice(out[0].start, out[out.length - 1].end), true);
}

/**
 * Whether the preposition at `i` starts a time phrase: a date — or, with
 * `numbers`, any number — within three words, with no noun before it. "in
 * 2023", "since last year", "in the first quarter", and without numbers "over
 * six months"; not "in loans and $2 million in grants", which is what the
 * money is, nor "over 500 projects".
 */
function timePhraseAt(terms: NlpTerm[], i: number, numbers: boolean): boolean {
  for (const x of terms.slice(i + 1, i + 4)) {
    if (has(x, 'Date') || (numbers && has(x, 'Value'))) return true;
    if (has(x, 'Noun')) return false;
  }
  return false;
}

/** The nearest verb before the number in the same clause ("seeking 5,500 troops"). */
function verbBefore(terms: NlpTerm[], idx: number, text: string): string {
  for (let i = idx - 1; i >= 0 && i >= idx - 4; i--) {
    const gapText = text.slice(terms[i].end, terms[i + 1].start);
    if (/[,;:.!?]/.test(gapText)) break;
    if (has(terms[i], 'Verb') && !has(terms[i], 'Auxiliary') && !has(terms[i], 'Copula')) {
      // "The United Nations says 1.9 million people …": who reports a number says nothing of it.
      if (REPORTING_VERBS.test(terms[i].text)) return '';
      // Keep the verb's preposition ("asked for"), drop hedges ("more than", "up to", "nearly").
      const words = terms.slice(i, idx).map((t) => t.text.toLowerCase());
      return words
        .filter((w, k) => k === 0 || (has(terms[i + k], 'Preposition') && !HEDGES.has(w)))
        .join(' ');
    }
  }
  return '';
}

const REPORTING_VERBS =
  /^(say|says|said|estimate|estimates|estimated|report|reports|reported|show|shows|showed|shown|told|announced|projects|projected|counted|recorded)$/i;

/** Nouns of quantity, which say nothing of what "a total of 5,000 troops" counts. */
const QUANTITY_NOUNS =
  /^(total|number|numbers|group|groups|sum|maximum|minimum|average|estimate|majority|minority|batch|wave|handful|set|range|tally|count)$/i;

/**
 * "the release of 12 hostages", "the deaths of 40 migrants": the noun whose
 * "of" leads to the number says what happened to what is counted.
 */
function nounOf(terms: NlpTerm[], idx: number, text: string): string {
  const of = terms[idx - 1];
  const noun = terms[idx - 2];
  if (!of || !noun || of.text.toLowerCase() !== 'of') return '';
  if (text.slice(noun.end, of.end) !== ' of' || text.slice(of.end, terms[idx].start) !== ' ')
    return '';
  if (
    !has(noun, 'Noun') ||
    ['ProperNoun', 'Value', 'Pronoun', 'Determiner'].some((t) => has(noun, t))
  )
    return '';
  return QUANTITY_NOUNS.test(noun.text) ? '' : noun.text.toLowerCase();
}

const HEDGES = new Set([
  'up',
  'to',
  'than',
  'about',
  'around',
  'over',
  'nearly',
  'almost',
  'roughly',
  'some',
]);

/** "were detained" → "detained", "remain displaced" → "displaced": the participle after the counted noun. */
function verbAfter(terms: NlpTerm[], from: number): string {
  let i = from;
  // "remain displaced", "were detained": a linking verb before the participle.
  while (
    i < terms.length &&
    (has(terms[i], 'Auxiliary') ||
      has(terms[i], 'Copula') ||
      has(terms[i], 'Adverb') ||
      /^(remain|remains|remained|stay|stays|stayed)$/i.test(terms[i].text))
  )
    i++;
  if (i === from || i >= terms.length) return '';
  const t = terms[i];
  return has(t, 'Verb') && (has(t, 'PastTense') || has(t, 'Participle'))
    ? t.text.toLowerCase()
    : '';
}

/** Verbs of change, whose "to" or "from" amount is a level of what changed. */
const CHANGE_VERBS =
  /^(?:rose|rise|rises|risen|fell|fall|falls|fallen|grew|grow|grows|grown|climbed|climbs|increased|increases|decreased|decreases|declined|declines|dropped|drops|jumped|jumps|surged|surges|slumped|plunged|soared|edged|slipped|shrank|shrunk|expanded|contracted|reached|reaches)$/i;
const LEVEL_HEDGES =
  /^(about|around|nearly|almost|roughly|some|more|than|over|just|under|a|record|new)$/i;
/** Verbs that change an object by an amount: "cut Venezuelan crude exports by 200,000 barrels a day". */
const CHANGES_OBJECT =
  /^(?:cut|cuts|cutting|reduce|reduces|reduced|reducing|raise|raises|raised|raising|increase|increases|increased|increasing|boost|boosts|boosted|lower|lowers|lowered|expand|expands|expanded|slash|slashes|slashed|trim|trims|trimmed)$/i;

/** The words of terms [from, to) as a measure, without a leading possessive pronoun. */
function objectOf(terms: NlpTerm[], from: number, to: number, text: string): string {
  if (to <= from) return '';
  return clean(text.slice(terms[from].start, terms[to - 1].end)).replace(
    /^(?:its|their|his|her|our)\s+/i,
    '',
  );
}

/**
 * "Colombian coffee exports rose 12% to $3.4 billion", "fell to 302,000 last
 * year from 520,000": an amount after "to" or "from" is a level of whatever
 * the change verb before it is about, so it measures that verb's subject. And
 * "cut Venezuelan crude exports by 200,000 barrels a day" measures the cut.
 */
function levelSubject(terms: NlpTerm[], idx: number, text: string, floor: number): string {
  const gap = (k: number): string => text.slice(terms[k].end, terms[k + 1].start);
  let k = idx - 1;
  while (k >= 0 && LEVEL_HEDGES.test(terms[k].text) && !/[,;:.!?]/.test(gap(k))) k--;
  if (k >= 1 && /^by$/i.test(terms[k].text) && !/[,;:.!?]/.test(gap(k))) {
    for (let v = k - 2; v >= 0 && v >= k - 7 && terms[v].start >= floor; v--) {
      if (/[,;:.!?]/.test(gap(v))) break;
      if (!CHANGES_OBJECT.test(terms[v].text)) continue;
      const object = objectOf(terms, v + 1, k, text);
      // The verb stays: it says which way ("cut … exports", "raised … rates").
      return namesAThing(object) ? `${terms[v].text.toLowerCase()} ${object}` : '';
    }
    return '';
  }
  // "agreed to sell its stakes in two ports to a group for $22.8 billion": the price of the deal.
  if (k >= 1 && /^for$/i.test(terms[k].text) && !/[,;:.!?]/.test(gap(k))) {
    for (let v = k - 1; v >= 0 && v >= k - 16 && terms[v].start >= floor; v--) {
      if (/[,;:.!?]/.test(gap(v))) break;
      if (!DEAL_VERBS.test(terms[v].text)) continue;
      let e = v + 1;
      while (e < k && !/^(to|from|for)$/i.test(terms[e].text)) e++;
      return e > v + 1 ? clean(text.slice(terms[v].start, terms[e - 1].end)) : '';
    }
  }
  // "reached a record $21.5 billion": the level of the verb's subject.
  if (k >= 0 && LEVEL_VERBS.test(terms[k].text) && !/[,;:.!?]/.test(gap(k))) {
    const subject = subjectBefore(terms, k, text, floor);
    return namesAThing(subject) ? subject : '';
  }
  if (k < 0 || !/^(to|from)$/i.test(terms[k].text) || /[,;:.!?]/.test(gap(k))) return '';
  for (let v = k - 1; v >= 0 && v >= k - 14 && terms[v].start >= floor; v--) {
    if (/[,;:.!?]/.test(gap(v))) break;
    // "raised its benchmark rate by 25 basis points to 27.5%": the level is the
    // object's. "output increased 4% to …" has none, and is a change of its subject.
    if (CHANGES_OBJECT.test(terms[v].text)) {
      let e = v + 1;
      while (e < k && !/^by$/i.test(terms[e].text) && !has(terms[e], 'Value')) e++;
      if (e > v + 1) {
        const object = objectOf(terms, v + 1, e, text);
        return namesAThing(object) ? object : '';
      }
    }
    if (!CHANGE_VERBS.test(terms[v].text) && !CHANGES_OBJECT.test(terms[v].text)) continue;
    const subject = clauseBefore(terms, v, text, floor);
    return namesAThing(subject) ? subject : '';
  }
  return '';
}

/** Verbs of a sale, whose object is what a price after "for" buys. */
const DEAL_VERBS =
  /^(sell|sells|sold|selling|buy|buys|bought|buying|acquire|acquires|acquired|acquiring|purchase|purchases|purchased|purchasing)$/i;

/** Verbs whose object is the level their subject is at. */
const LEVEL_VERBS = /^(reached|reaches|hit|hits|topped|tops|totalled|totaled|totals)$/i;

/**
 * The subject of the verb at `verb` when it opens the sentence ("Money sent
 * home by migrants in the United States reached …" gives "Money sent home by
 * migrants"): its words up to a place phrase, at most eight. Otherwise the
 * clause before the verb.
 */
function subjectBefore(terms: NlpTerm[], verb: number, text: string, floor: number): string {
  let first = verb;
  while (
    first > 0 &&
    terms[first - 1].start >= floor &&
    !/[,;:.!?“”"()—–]/.test(text.slice(terms[first - 1].end, terms[first].start))
  )
    first--;
  // After a dateline's dash ("GUATEMALA CITY — Money …") the sentence starts too.
  const opens =
    first === 0 ||
    terms[first - 1].start < floor ||
    /[—–:]/.test(text.slice(terms[first - 1].end, terms[first].start));
  if (!opens) return clauseBefore(terms, verb, text, floor);
  let end = verb;
  for (let k = first + 1; k < verb - 1; k++) {
    const place = /^the$/i.test(terms[k + 1].text) ? terms[k + 2] : terms[k + 1];
    if (/^(in|at|across|from)$/i.test(terms[k].text) && place && has(place, 'Place')) {
      end = k;
      break;
    }
  }
  if (end - first > 8 || end === first) return clauseBefore(terms, verb, text, floor);
  return clean(text.slice(terms[first].start, terms[end - 1].end));
}

/** "prices had fallen 20 percent" gives "prices had fallen": the clause leading to the number. */
function clauseBefore(terms: NlpTerm[], idx: number, text: string, floor: number): string {
  const out: NlpTerm[] = [];
  for (let i = idx - 1; i >= 0 && out.length < 5; i--) {
    // "Maize fell 14 percent and cassava climbed 6 percent": the figure before ends this clause.
    if (terms[i].start < floor) break;
    if (/[,;:.!?“”"]/.test(text.slice(terms[i].end, terms[i + 1].start))) break;
    // A subordinate clause starts at its conjunction: "resigned after copper prices fell 18%".
    if (
      /^(said|says|that|according|while|as|after|before|when|because|since|until|although|though)$/i.test(
        terms[i].text,
      )
    )
      break;
    // So does an amount compromise left untagged ("US$450 million and Japan gave…"); a year does not.
    const year = has(terms[i], 'Year') || /^(19|20)\d\d$/.test(terms[i].text);
    if (!year && (has(terms[i], 'Value') || /\d/.test(terms[i].text))) break;
    out.unshift(terms[i]);
  }
  while (out.length > 0 && /^(and|but|or|while|whereas)$/i.test(out[0].text)) out.shift();
  const filler =
    /^(by|of|to|at|in|a|an|the|some|about|roughly|nearly|almost|around|over|more|than|up)$/i;
  while (out.length > 0 && filler.test(out[out.length - 1].text)) out.pop();
  while (out.length > 0 && /^(the|a|an)$/i.test(out[0].text)) out.shift();
  if (out.length === 0) return '';
  const clause = clean(text.slice(out[0].start, out[out.length - 1].end));
  // "Mexico, which received $64.7 billion": the name the clause is about, not "which".
  const at = terms.indexOf(out[0]);
  if (out.length > 1 && /^(which|who)$/i.test(out[0].text) && at > 0) {
    const named = nameBefore(terms, at, text, floor);
    if (named) return `${named} ${clause.replace(/^\S+\s*/, '')}`;
  }
  // "Paz, the son of a former president, won 32.1%": the name before the
  // aside, not the bare verb.
  if (
    out.length <= 2 &&
    has(out[0], 'Verb') &&
    at > 0 &&
    text.slice(terms[at - 1].end, out[0].start) === ', '
  ) {
    let aside = at - 1;
    while (
      aside > 0 &&
      terms[aside - 1].start >= floor &&
      !/[,;:.!?]/.test(text.slice(terms[aside - 1].end, terms[aside].start))
    )
      aside--;
    const opens = /^(a|an|the|who|whose|which|\p{Ll}.*)$/u.test(terms[aside].text);
    const named = aside > 0 && opens ? nameBefore(terms, aside, text, floor) : '';
    if (named) return `${named} ${clause}`;
  }
  return clause;
}

/** The capitalised name right before ", " and term `at` ("El Salvador, which"), or ''. */
function nameBefore(terms: NlpTerm[], at: number, text: string, floor: number): string {
  if (text.slice(terms[at - 1].end, terms[at].start) !== ', ') return '';
  let k = at - 1;
  while (
    k >= 0 &&
    terms[k].start >= floor &&
    /^\p{Lu}/u.test(terms[k].text) &&
    // A name opening a sentence may be tagged a plain noun ("Paz, the son of …").
    (has(terms[k], 'ProperNoun') || has(terms[k], 'Noun')) &&
    (k === at - 1 || text.slice(terms[k].end, terms[k + 1].start) === ' ')
  )
    k--;
  return k < at - 1 ? text.slice(terms[k + 1].start, terms[at - 1].end) : '';
}

function parseDigits(raw: string): number {
  const m = /(\d[\d,]*(?:\.\d+)?)\s*([a-z]+)?/i.exec(raw);
  if (!m) return NaN;
  let v = parseFloat(m[1].replace(/,/g, ''));
  const suffix = m[2]?.toLowerCase();
  if (suffix && MULTIPLIERS[suffix] !== undefined) v *= MULTIPLIERS[suffix];
  return v;
}

function spelledValue(raw: string): number {
  const got: unknown = nlp(raw).numbers().get();
  if (Array.isArray(got) && typeof got[0] === 'number') return got[0];
  return NaN;
}

/**
 * Figures in one sentence (or table row). `nouns` are compromise's noun
 * chunks of the block, used when the words after a change figure ("a 53%
 * increase") do not say what changed.
 */
export function findFigures(
  text: string,
  terms: NlpTerm[],
  nouns: NlpSpan[],
  unitStart: number,
): FigureDraft[] {
  const out: FigureDraft[] = [];
  const weighs = terms.some((_, k) => poundsWeigh(terms, k, false));
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i];
    // A bare "million" belongs to an amount compromise did not read ("US$450 million"), or is vague ("millions").
    if (!has(t, 'Value') || has(t, 'Ordinal') || has(t, 'Multiple') || /^(a|an|and)$/i.test(t.text))
      continue;
    // Group a run: "$1.2 billion", "two hundred and fifty". "and" joins only spelled numbers.
    let j = i + 1;
    while (j < terms.length && has(terms[j], 'Value') && !has(terms[j], 'Ordinal')) {
      const w = terms[j].text.toLowerCase();
      if (
        w === 'and' &&
        !(has(terms[j - 1], 'TextValue') && terms[j + 1] && has(terms[j + 1], 'TextValue'))
      )
        break;
      if (/\d/.test(terms[j].text) && /\d/.test(terms[j - 1].text)) break;
      // "15% a year", "$400 million a year": the article starts a rate, not more of the number.
      if (/^(a|an)$/i.test(terms[j].text)) break;
      // "¥60 billion ($400 million)": a bracket, or a currency sign, starts another amount.
      if (/[,;()[\]]/.test(text.slice(terms[j - 1].end, terms[j].start))) break;
      if (/^\p{Sc}|^\p{Lu}{1,3}\p{Sc}/u.test(terms[j].text)) break;
      j++;
    }
    while (
      j < terms.length &&
      UNTAGGED_MULTIPLIERS.test(terms[j].text) &&
      text.slice(terms[j - 1].end, terms[j].start) === ' '
    )
      j++;
    const run = terms.slice(i, j);
    i = j - 1;
    const first = run[0];
    const last = run[run.length - 1];
    let start = first.start;
    let end = last.end;
    const digits = run.some((x) => /\d/.test(x.text));
    const prevChar = text[start - 1] ?? '';
    const nextChar = text[end] ?? '';
    // Dates that are not years ("Dec 20"), parts of names ("COVID-19", "G7"), compounds ("five-country").
    const yearLike =
      run.length === 1 && /^\d{4}$/.test(first.text) && +first.text >= 1900 && +first.text <= 2100;
    if (run.some((x) => has(x, 'Date')) && !run.some((x) => has(x, 'Year')) && !yearLike) continue;
    if (
      i + 1 - run.length > 0 &&
      MONTHS.test(terms[i - run.length]?.text ?? '') &&
      !has(first, 'Year') &&
      !yearLike
    )
      continue;
    if (/[-\p{L}\d]/u.test(prevChar) || nextChar === '-' || /[\p{L}\d]/u.test(nextChar)) continue;

    let value = digits ? parseDigits(first.text) : spelledValue(text.slice(start, end));
    if (digits) {
      for (const x of run.slice(1)) {
        const mult = MULTIPLIERS[x.text.toLowerCase()];
        if (mult !== undefined) value *= mult;
      }
    }
    if (!Number.isFinite(value)) continue;

    let next = j;
    let category: FigureCategory = 'number';
    let unit = '';
    const symbolBefore = SYMBOL_AT_END.exec(text.slice(Math.max(unitStart, start - 4), start));
    const rawText = text.slice(start, end);
    const followWord = terms[next]?.text.toLowerCase() ?? '';
    const followPair = `${followWord} ${terms[next + 1]?.text.toLowerCase() ?? ''}`;
    if (
      /%$/.test(rawText) ||
      (has(last, 'Percent') && !/[$€£]/.test(rawText)) ||
      followWord === 'percent'
    ) {
      category = 'percent';
      unit = '%';
      if (followWord === 'percent') end = terms[next++].end;
      else if (followWord === 'per' && terms[next + 1]?.text.toLowerCase() === 'cent') {
        end = terms[next + 1].end;
        next += 2;
      }
    } else if (digits && ratePerAt(terms, next, text) > next) {
      // "45 per 100,000 inhabitants": a rate, its base part of how it is written.
      const k = ratePerAt(terms, next, text);
      unit = text.slice(terms[next].start, terms[k - 1].end);
      end = terms[k - 1].end;
      next = k;
    } else if (CURRENCY_PAIRS[followPair]) {
      category = 'money';
      unit = CURRENCY_PAIRS[followPair];
      end = terms[next + 1].end;
      next += 2;
    } else if (
      SYMBOL_AT_START.test(rawText) ||
      symbolBefore ||
      (CURRENCY_WORDS[followWord] && !poundsWeigh(terms, next, weighs))
    ) {
      category = 'money';
      const atStart = SYMBOL_AT_START.exec(rawText)?.[1];
      const sym = atStart ?? symbolBefore?.[1] ?? '';
      unit = sym ? SYMBOL_CODES[sym] : CURRENCY_WORDS[followWord];
      if (!sym && CURRENCY_WORDS[followWord]) end = terms[next++].end;
      if (symbolBefore && !atStart) start -= symbolBefore[0].length;
      // "$15 million a month": the rate is part of the amount as written (the
      // unit stays the currency).
      if (rateAt(terms, next)) {
        end = terms[next + 1].end;
        next += 2;
      }
    } else if (
      !digits ||
      !/^\d{4}$/.test(rawText) ||
      value < 1900 ||
      value > 2100 ||
      (terms[next] && has(terms[next], 'Plural'))
    ) {
      // A count: the noun run right after the number ("5,500 troops", "3,000 asylum seekers").
      let k = next;
      // "police officers": compromise reads a noun that modifies a plural as a verb.
      const modifier = (j: number): boolean =>
        has(terms[j], 'PresentTense') &&
        !/s$/i.test(terms[j].text) &&
        j + 1 < terms.length &&
        has(terms[j + 1], 'Plural') &&
        (j === next || !plural(terms[j - 1]));
      while (k < terms.length && k - next < 3 && (nounLike(terms[k]) || modifier(k))) {
        k++;
        if (k < terms.length && /[^\s-]/.test(text.slice(terms[k - 1].end, terms[k].start))) break;
      }
      while (k > next && !plural(terms[k - 1])) k--; // "customs officers", not "officers at"
      if (k > next) {
        category = 'count';
        // Lower case, but for names: "1,200 Peruvian police officers".
        let words = '';
        for (let j = next; j < k; j++) {
          const t = terms[j];
          const word = text.slice(t.start, t.end);
          if (j > next) words += text.slice(terms[j - 1].end, t.start);
          const name = has(t, 'ProperNoun') && (!has(t, 'Plural') || has(t, 'Demonym'));
          words += name ? word : word.toLowerCase();
        }
        unit = clean(words);
        end = terms[k - 1].end;
        next = k;
        // "650,000 barrels per day", "12 flights a week": the rate is part of the unit.
        if (rateAt(terms, next)) {
          unit += ` ${text.slice(terms[next].start, terms[next + 1].end).toLowerCase()}`;
          end = terms[next + 1].end;
          next += 2;
        }
      } else if (!digits && value < 10) {
        continue; // "one nation", "two sides": not figures
      }
      if (!digits && value < 10) continue; // "five countries", "three themes": wording, not data
    } else {
      category = 'year';
      unit = 'year';
    }
    if (category === 'number' && value < 10) continue;
    // "Barrio 18", "Title 42", "Resolution 2231": a bare number after a
    // capitalised word inside a sentence is part of a name.
    if (
      category === 'number' &&
      /^\d+$/.test(rawText) &&
      partOfName(terms, i + 1 - run.length, text)
    )
      continue;

    // "HANOI, March 14, 2026 — …": the dateline's year says when the article
    // was filed, not anything it reports.
    if (category === 'year' && DATELINE_BEFORE.test(text.slice(Math.max(0, start - 80), start)))
      if (/^\s*(?:\([^)]*\)\s*)?[—–-]/.test(text.slice(end, end + 40))) continue;

    let measure = '';
    if (category === 'year') {
      const before: string[] = [];
      let from = i - run.length;
      // "on October 14, 2025": the month and day are the year's, not a clause break.
      if (from >= 1 && /^\d{1,2}$/.test(terms[from].text) && MONTHS.test(terms[from - 1].text))
        from -= 2;
      let first = from + 1;
      for (let k = from; k >= 0 && before.length < 8; k--) {
        if (/[,;:.!?]/.test(text.slice(terms[k].end, terms[k + 1].start))) break;
        before.unshift(terms[k].text);
        first = k;
      }
      // "Mexico, which received $64.7 billion in 2024": the name, not "which".
      if (/^(which|who)$/i.test(before[0] ?? '') && first > 0)
        before[0] = nameBefore(terms, first, text, unitStart) || before[0];
      // "since a December 2023 referendum": not "since a December".
      const trailing = (w: string): boolean =>
        TIME_PREPS.has(w.toLowerCase()) || MONTHS.test(w) || /^(a|an|the|on|at)$/i.test(w);
      while (before.length > 0 && trailing(before[before.length - 1])) before.pop();
      before.splice(0, before.length - 5);
      measure = clean(before.join(' '));
    } else {
      const rawPost = after(terms, next, text);
      // "reached $21.5 billion in Guatemala": where, not what; a count keeps it
      // ("troops in Haiti").
      const where =
        category !== 'count' &&
        /^(in|at)\s+\p{Lu}/u.test(rawPost) &&
        terms[next + 1] !== undefined &&
        has(terms[next + 1], 'Place');
      const post = where ? '' : clean(rawPost);
      const level = post ? '' : levelSubject(terms, i - run.length + 1, text, unitStart);
      if (category === 'count') {
        // "forces from various countries", "migrants detained", "seeking troops".
        // A place or purpose after the noun says what is counted ("people to emigrate").
        const pp = /^(from|in|at|on|across|along|for|of|per|inside|outside|near|to \w+)\b/i.test(
          rawPost,
        )
          ? rawPost
          : '';
        const participle = verbAfter(terms, next);
        const happened = nounOf(terms, i - run.length + 1, text);
        measure = pp
          ? `${unit} ${pp}`
          : participle
            ? `${unit} ${participle}`
            : level ||
              (happened
                ? `${happened} of ${unit}`
                : [verbBefore(terms, i - run.length + 1, text), unit].filter(Boolean).join(' '));
      } else if (level) {
        measure = level;
      } else if (post && !CHANGE_WORDS.has(post.toLowerCase())) {
        measure = post;
      } else {
        // "a 53% increase": name what changed from a noun phrase earlier in the sentence.
        let subject = [...nouns]
          .reverse()
          .find(
            (n) =>
              n.end <= start &&
              n.start >= unitStart &&
              !REPORTING_NOUNS.test(n.text) &&
              !/^(it|they|we|he|she|this|that)$/i.test(n.text) &&
              namesAThing(n.text),
          );
        // "Trade between the two countries … up 9%": what changed is the noun
        // the phrase hangs on, not the phrase's own object.
        while (subject) {
          const lead = OF_PHRASE.exec(text.slice(unitStart, subject.start));
          if (!lead) break;
          const headEnd = unitStart + lead.index;
          // A sentence's first word before such a phrase is a noun, whatever
          // compromise says ("Trade" read as an imperative).
          const first = /^\s*\p{Lu}[\p{L}-]*$/u.exec(text.slice(unitStart, headEnd));
          const head =
            nouns.find((n) => n.end === headEnd && n.start >= unitStart) ??
            (first
              ? { start: headEnd - first[0].trim().length, end: headEnd, text: first[0].trim() }
              : null);
          if (!head || !namesAThing(head.text)) break;
          subject = head;
        }
        const what = subject ? clean(subject.text.replace(/^.*['’]s\s+/, '')) : '';
        measure = post
          ? [post, what].filter(Boolean).join(' in ')
          : clauseBefore(terms, i - run.length + 1, text, out.at(-1)?.end ?? -1) || what;
      }
    }
    // "¥60 billion ($400 million)": the amount in another currency measures the same thing.
    const previous = out.at(-1);
    if (previous && /^\s*\($/.test(text.slice(previous.end, start)) && text[end] === ')')
      measure = previous.measure;
    out.push({ start, end, raw: text.slice(start, end), value, category, unit, measure });
    i = Math.max(i, next - 1);
  }
  return [...out, ...missedMoney(text, terms, out)].sort((a, b) => a.start - b.start);
}

const MONEY_RE = new RegExp(
  `${SYMBOL}\\s?(\\d[\\d,]*(?:\\.\\d+)?)(?:\\s?(k|m|mn|bn|tn|thousand|million|billion|trillion)\\b)?`,
  'giu',
);

/**
 * compromise does not tag some currency forms as values ("US$450 million",
 * "US$3.5bn"). Amounts with a currency sign that no figure covers yet are
 * read here, with the words after them as the measure.
 */
function missedMoney(text: string, terms: NlpTerm[], found: FigureDraft[]): FigureDraft[] {
  if (terms.length === 0) return [];
  const from = terms[0].start;
  const to = terms[terms.length - 1].end;
  const out: FigureDraft[] = [];
  for (const m of text.slice(from, to).matchAll(MONEY_RE)) {
    const start = from + (m.index ?? 0);
    const end = start + m[0].length;
    if (found.some((f) => f.start < end && start < f.end)) continue;
    const mult = m[3] ? (MULTIPLIERS[m[3].toLowerCase()] ?? 1) : 1;
    const value = parseFloat(m[2].replace(/,/g, '')) * mult;
    if (!Number.isFinite(value)) continue;
    const unit = SYMBOL_CODES[m[1]] ?? 'USD';
    const nextTerm = terms.findIndex((t) => t.start >= end);
    const measure = nextTerm >= 0 ? clean(after(terms, nextTerm, text)) : '';
    out.push({ start, end, raw: m[0], value, category: 'money', unit, measure });
  }
  return out;
}
