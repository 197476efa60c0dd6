/**
 * People: who is named, with which title, and which country they speak for.
 *
 * Names come from compromise's person tagger plus "<Title> <Name>" sequences
 * (compromise often returns just "President" for "President Bukele"). The
 * person→country link is made only by explicit patterns:
 *   "<Title> <Name> of <Country>", "<Country>'s <Title> <Name>",
 *   "<Demonym|Country> <Title> <Name>", "<Name>, the <Country> <Title>",
 *   "<Name>, <Title> of <Country>", a "<Country>: … President X" list item,
 * and, as a marked low-confidence fallback, a head of state or government in
 * a sentence naming no country whose neighbouring sentences name exactly one
 * other country. A link found once holds for every later mention of that
 * person in the same document ("Peña" after "President Santiago Peña").
 */
import { escapeRegExp } from '../../shared/text.ts';
import type { PlaceMention } from './countries.ts';
import { lexiconTags } from './nlp.ts';
import { FORENAME_COUNTRIES } from './places-extra.ts';
import type { Block, Unit } from './segment.ts';
import { fold, tokenize, type Token } from './text.ts';

export interface PersonMention {
  start: number;
  end: number;
  unit: number;
}

export interface Person {
  name: string;
  title: string | null;
  country: string | null;
  countryVia: 'pattern' | 'context' | null;
  mentions: PersonMention[];
  /** Where the title or country was learned (else the first mention). */
  anchor: PersonMention;
}

/** Offices written short before a name, and the title a card gives them ("Gen. Laura Richardson"). */
const ABBREVIATED_TITLES: Record<string, string> = {
  'Sen.': 'Senator',
  'Rep.': 'Representative',
  'Gov.': 'Governor',
  'Gen.': 'General',
  'Adm.': 'Admiral',
  'Capt.': 'Captain',
  'Prof.': 'Professor',
};
const TITLES = [
  'Secretary of State',
  'Secretary of Defense',
  'Secretary of Homeland Security',
  'Secretary of the Treasury',
  'Attorney General',
  'Prime Minister',
  'Vice President',
  'Foreign Minister',
  'Foreign Secretary',
  'Defense Minister',
  'Defence Minister',
  'Interior Minister',
  'Security Minister',
  'Finance Minister',
  'Trade Minister',
  'Economy Minister',
  'Health Minister',
  'Special Envoy',
  'Deputy Secretary',
  'Assistant Secretary',
  'Secretary-General',
  'Secretary General',
  'President-elect',
  'Crown Prince',
  'Supreme Leader',
  'President',
  'Minister',
  'Secretary',
  'Senator',
  'Sen.',
  'Representative',
  'Rep.',
  'Congressman',
  'Congresswoman',
  'Ambassador',
  'Governor',
  'Gov.',
  'Mayor',
  'General',
  'Gen.',
  'Admiral',
  'Adm.',
  'Colonel',
  'Commander',
  'Chancellor',
  'King',
  'Queen',
  'Prince',
  'Emir',
  'Sheikh',
  'Pope',
  'Commissioner',
  'Director',
  'Adviser',
  'Advisor',
  'Envoy',
  'Judge',
  'Justice',
  'Chairman',
  'Chairwoman',
  'Chairperson',
  'Premier',
  'Captain',
  'Capt.',
  'Lieutenant',
  'Sergeant',
  'Spokesperson',
  'Spokesman',
  'Spokeswoman',
  'Professor',
  'Prof.',
  'Dr.',
  'Mr.',
  'Mrs.',
  'Ms.',
].map((t) => ({
  title: ABBREVIATED_TITLES[t] ?? t.replace(/\.$/, ''),
  keys: tokenize(t).map((x) => x.key),
  abbreviated: t.endsWith('.'),
}));
const TITLE_BY_FIRST = new Map<string, { title: string; keys: string[]; abbreviated: boolean }[]>();
for (const t of TITLES)
  TITLE_BY_FIRST.set(t.keys[0], [...(TITLE_BY_FIRST.get(t.keys[0]) ?? []), t]);
/** Courtesy titles: after an office ("Prime Minister Mr Johnson") the office is the title. */
const HONORIFICS = new Set(['Mr', 'Mrs', 'Ms', 'Dr', 'Prof', 'Professor']);
/** Styles that follow an office before the name ("Prime Minister Sheikh Mohammed"). */
const STYLES_AFTER_OFFICE = new Set([...HONORIFICS, 'Prince', 'Sheikh']);
const HEAD_TITLES = new Set([
  'President',
  'Prime Minister',
  'Vice President',
  'Chancellor',
  'King',
  'Queen',
  'Emir',
  'President-elect',
]);
const ROLE_WORDS = new Set(
  'commander official diplomat lawmaker legislator senator ambassador envoy general negotiator spokesperson spokesman spokeswoman prosecutor judge adviser advisor minister president leader activist economist analyst mayor governor chief representative delegate counterpart'.split(
    ' ',
  ),
);
const NAME_PARTICLES = new Set([
  'de',
  'da',
  'del',
  'dos',
  'das',
  'van',
  'von',
  'bin',
  'ibn',
  'al',
  'el',
  'la',
  'le',
  'der',
  'den',
  'di',
  'du',
  'y',
]);
const NOT_NAME = new Set(
  (
    'the this these that those a an in on at for from with by to as and but or if when while after before since ' +
    'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'monday tuesday wednesday thursday friday saturday sunday ' +
    'administration government department ministry office house council congress senate parliament assembly committee agency ' +
    'commission court party army navy force forces police bank university institute foundation center centre news press times post ' +
    'journal agreement accord treaty deal pact framework initiative program programme plan strategy policy summit conference forum ' +
    'canal republic kingdom state states city province region latin central south north western eastern southern northern ' +
    'key main new his her their its our we they he she it there here why what how who ' +
    // A headline capitalises its verb: "Saudi Crown Prince Hosts Syrian Leader".
    'says hosts meets visits warns urges signs calls vows backs rejects seeks welcomes receives ' +
    'praises pledges announces tells holds'
  ).split(' '),
);

export interface PeopleInput {
  text: string;
  tokens: Token[];
  places: PlaceMention[];
  units: Unit[];
  blocks: Block[];
}

/** Unit index for a position: units are sorted and disjoint. */
export function unitAt(units: Unit[], pos: number): number {
  let lo = 0;
  let hi = units.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (units[mid].end <= pos) lo = mid + 1;
    else if (units[mid].start > pos) hi = mid - 1;
    else return mid;
  }
  return -1;
}

function tokenIndexAt(tokens: Token[], pos: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= pos) lo = mid + 1;
    else if (tokens[mid].start > pos) hi = mid - 1;
    else return mid;
  }
  return -1;
}

export function findPeople(input: PeopleInput): Person[] {
  const { text, tokens, places, units } = input;
  const placeAtToken = new Map<number, PlaceMention>();
  const placeEndingAt = new Map<number, PlaceMention>();
  for (const p of places) {
    for (let t = p.t0; t < p.t1; t++) placeAtToken.set(t, p);
    placeEndingAt.set(p.t1 - 1, p);
  }
  const gapBefore = (i: number): string =>
    i > 0 ? text.slice(tokens[i - 1].end, tokens[i].start) : '\n';
  // "Thomas-Greenfield", "Jean-Yves": the tokenizer splits at a hyphen, a name does not.
  // "al-Sisi", "el-Sayed": a particle joined by a hyphen is part of the surname.
  const hyphenated = (i: number): boolean =>
    i > 0 &&
    HYPHEN.test(gapBefore(i)) &&
    (tokens[i - 1].upper || NAME_PARTICLES.has(tokens[i - 1].key)) &&
    tokens[i].upper;
  /** Words of a name in tokens [t0, t1): a hyphenated part is one word. */
  const wordCount = (t0: number, t1: number): number => {
    let n = 0;
    for (let t = t0; t < t1; t++) if (t === t0 || !hyphenated(t)) n++;
    return n;
  };
  const nameOk = (i: number): boolean =>
    tokens[i].upper &&
    !NOT_NAME.has(tokens[i].key) &&
    !placeAtToken.has(i) &&
    /\p{L}{2,}/u.test(tokens[i].text);

  /** Whether tokens [t0, t1) are all name words or particles. */
  const nameWords = (t0: number, t1: number): boolean => {
    for (let t = t0; t < t1; t++)
      if (!nameOk(t) && !NAME_PARTICLES.has(tokens[t].key)) return false;
    return true;
  };

  /**
   * End of a nickname in quotes starting at token j ('Jorge "Tuto" Quiroga',
   * 'Joaquín "El Chapo" Guzmán'), before more of the name; or -1.
   */
  const nicknameEnd = (j: number): number => {
    if (!/^ ["“‘']$/.test(gapBefore(j))) return -1;
    for (let k = j; k < Math.min(tokens.length - 1, j + 3); k++) {
      if (!tokens[k].upper) return -1;
      if (/^["”’'] $/.test(gapBefore(k + 1))) return tokens[k + 1].upper ? k + 1 : -1;
      if (gapBefore(k + 1) !== ' ') return -1;
    }
    return -1;
  };

  /** Name tokens starting at i: capitalised words and particles, joined by single spaces. */
  const readName = (i: number): number => {
    let j = i;
    let afterNickname = -1;
    while (j < tokens.length && (wordCount(i, j) < 5 || (j > i && hyphenated(j)))) {
      const t = tokens[j];
      const nickname = j > i ? nicknameEnd(j) : -1;
      if (nickname > 0) {
        j = afterNickname = nickname;
        continue;
      }
      // Single spaces join a name, and so does the full stop of a middle initial ("Antony J. Blinken").
      if (
        j > i &&
        j !== afterNickname &&
        gapBefore(j) !== ' ' &&
        !hyphenated(j) &&
        !(gapBefore(j) === '. ' && isInitial(tokens[j - 1]))
      )
        break;
      if (placeAtToken.has(j) || (j === i && titleAt(tokens, j) !== null)) break;
      // Lower-case particles inside a name, one or several ("da Silva",
      // "von der Leyen", "al-Sisi"), only when a capitalised part follows.
      let after = j;
      while (after < tokens.length && NAME_PARTICLES.has(tokens[after].key) && !tokens[after].upper)
        after++;
      if (j > i && after > j && after < tokens.length && tokens[after].upper) {
        j = after;
        continue;
      }
      if (
        j > i &&
        isInitial(t) &&
        text.slice(t.end, t.end + 2) === '. ' &&
        j + 1 < tokens.length &&
        tokens[j + 1].upper
      ) {
        j++;
        continue;
      }
      if (
        !t.upper ||
        NOT_NAME.has(t.key) ||
        !/\p{L}{2,}/u.test(t.text) ||
        /^\p{Lu}{2,}$/u.test(t.text)
      )
        break;
      j++;
    }
    while (j > i && NAME_PARTICLES.has(tokens[j - 1].key)) j--; // never end on "da", "de"
    return j;
  };

  /** The name's tokens in [t0, t1), without a nickname in quotes. */
  const nameTokens = (t0: number, t1: number): number[] => {
    const out: number[] = [];
    for (let t = t0; t < t1; t++) {
      const nickname = t > t0 ? nicknameEnd(t) : -1;
      if (nickname > 0) t = nickname;
      out.push(t);
    }
    return out;
  };
  /**
   * Start of "<Forename> <particles> <Surname>" ending just before token
   * `end` ("Jean-Yves Le Drian", "Abdel Fattah al-Sisi"), or -1. The name
   * starts at the first forename word the lexicon knows as a given name, so
   * neither "Yesterday Ursula von der Leyen" nor "Banco de la Nación" is one.
   */
  const particleNameBefore = (end: number): number => {
    let s = end - 1;
    if (!tokens[s].upper || NAME_PARTICLES.has(tokens[s].key)) return -1;
    while (s > 0 && hyphenated(s) && !NAME_PARTICLES.has(tokens[s - 1].key)) s--;
    let q = s;
    while (
      q > 0 &&
      NAME_PARTICLES.has(tokens[q - 1].key) &&
      (gapBefore(q) === ' ' || HYPHEN.test(gapBefore(q)))
    )
      q--;
    if (q === s || q === 0 || gapBefore(q) !== ' ') return -1;
    // Up to three forename words before the particles, a hyphenated one whole ("Jean-Yves").
    const words: number[] = [];
    let f = q - 1;
    while (f >= 0 && words.length < 3) {
      let w = f;
      while (w > 0 && hyphenated(w)) w--;
      for (let t = w; t <= f; t++)
        if (!nameOk(t) || NAME_PARTICLES.has(tokens[t].key) || titleAt(tokens, t) !== null)
          return words.length > 0 ? startAtGivenName(words, q, end) : -1;
      words.unshift(w);
      if (w === 0 || gapBefore(w) !== ' ') break;
      f = w - 1;
    }
    return startAtGivenName(words, q, end);
  };
  const startAtGivenName = (words: number[], q: number, end: number): number => {
    for (let k = 0; k < words.length; k++) {
      const wordEnd = k + 1 < words.length ? words[k + 1] : q;
      const given = tokens.slice(words[k], wordEnd).some(isGivenName);
      if (given) return readName(words[k]) === end ? words[k] : -1;
    }
    return -1;
  };

  /**
   * Where the name starts after "<Title> for <Portfolio>" at token `at`
   * ("for"), or -1: at a given name, or before a surname ("Penny" is only a
   * noun to the lexicon, "Wong" a surname).
   */
  const portfolioAfterFor = (at: number): number => {
    if ((tokens[at]?.key !== 'for' && tokens[at]?.key !== 'of') || gapBefore(at) !== ' ') return -1;
    let unknown = -1;
    for (let j = at + 1; j < Math.min(tokens.length, at + 8) && gapBefore(j) === ' '; j++) {
      if (!tokens[j].upper && tokens[j].key !== 'and') break;
      if (j === at + 1 || PORTFOLIO_WORDS.has(tokens[j].key) || !nameOk(j)) continue;
      if ((isGivenName(tokens[j]) || isSurname(tokens[j + 1])) && wordCount(j, readName(j)) >= 2)
        return j;
      if (unknown < 0) unknown = j;
    }
    // "Minister of Public Security Frank Ábrego said": a name the lexicon does
    // not know starts at the first word that is no portfolio word, when a
    // reporting verb right after it shows where it ends.
    if (unknown < 0) return -1;
    const end = readName(unknown);
    const words = wordCount(unknown, end);
    const verb = tokens[end];
    return words >= 2 && words <= 3 && verb && !verb.upper && SUBJECT_VERBS.has(verb.key)
      ? unknown
      : -1;
  };

  /**
   * Where an office's title starts when an organisation's name comes before it
   * ("European Commission President", "NATO Secretary-General", "World Bank
   * President"): the office is the organisation's, not a country's.
   */
  const organisationStart = (t0: number): number => {
    const head = tokens[t0 - 1];
    if (head?.upper && gapBefore(t0) === ' ' && ORGANISATION_ACRONYMS.has(head.text)) return t0 - 1;
    // The head may be before the title, or already in it as a portfolio word ("Bank").
    let o: number;
    if (ORGANISATION_HEADS.has(tokens[t0].key)) o = t0;
    else if (head?.upper && gapBefore(t0) === ' ' && ORGANISATION_HEADS.has(head.key)) o = t0 - 1;
    else return t0;
    while (
      o > 0 &&
      t0 - o < 4 &&
      tokens[o - 1].upper &&
      gapBefore(o) === ' ' &&
      !/^(the|a|an|and)$/.test(tokens[o - 1].key) &&
      !OFFICE_MODIFIERS.test(tokens[o - 1].text)
    )
      o--;
    return o;
  };

  interface Cand {
    t0: number;
    t1: number;
    title: string | null;
    titleT0: number;
    /** Token after the title's own words (before any "of <Country>"); -1 without a title. */
    titleT1: number;
  }
  const cands: Cand[] = [];

  // 1. "<Title> <Name>".
  for (let i = 0; i < tokens.length; i++) {
    const list = TITLE_BY_FIRST.get(tokens[i].key);
    if (!list || !tokens[i].upper) continue;
    for (const t of list) {
      const n = t.keys.length;
      if (!t.keys.every((k, j) => tokens[i + j]?.key === k)) continue;
      let after = i + n;
      // "President of Colombia Gustavo Petro"; "Ambassador to Kenya Meg Whitman" (sent there, not from there).
      const linked =
        tokens[after]?.key === 'of' || tokens[after]?.key === 'to'
          ? placeAtToken.get(after + 1)
          : undefined;
      const ofCountry = linked?.kind === 'country' ? linked : null;
      if (ofCountry) after = ofCountry.t1;
      // "Minister for Foreign Affairs Penny Wong", "Secretary of State for Defence
      // John Healey", "Vice Minister of Foreign Affairs Mauricio Jaramillo": the
      // portfolio after "for" or "of" is the title's; the name starts at the
      // first given name that is no portfolio word.
      const forPortfolio = ofCountry ? -1 : portfolioAfterFor(after);
      if (forPortfolio > 0) after = forPortfolio;
      const g = after < tokens.length ? gapBefore(after) : '';
      if (!/^(\.? |, )$/.test(g) || (g === ', ' && !ofCountry)) break;
      // "Sen. Ted Cruz", but "…met the Prime Minister. Sarah Hughes left": a full stop
      // after a title written out in full ends the sentence, not the title.
      if (g === '. ' && (!t.abbreviated || ofCountry)) break;
      // "Prime Minister Mr Johnson", "President Dr. Ruto", "Foreign Minister
      // Prince Faisal": the courtesy or royal title is skipped, so the office is
      // the person's title.
      const courtesy = STYLES_AFTER_OFFICE.has(t.title) ? null : titleAt(tokens, after);
      if (courtesy !== null && STYLES_AFTER_OFFICE.has(courtesy) && after + 1 < tokens.length) {
        if (/^\.? $/.test(gapBefore(after + 1))) after++;
      }
      const end = readName(after);
      // "Martin Luther King Jr.": the King of a name followed by its suffix is no title.
      if (end === after + 1 && NAME_SUFFIXES.has(tokens[after].key)) break;
      if (end > after) {
        const t0 = organisationStart(portfolioStart(tokens, i, text, placeAtToken));
        const titleEnd = forPortfolio > 0 ? forPortfolio - 1 : i + n - 1;
        const title =
          t0 < i || forPortfolio > 0 ? text.slice(tokens[t0].start, tokens[titleEnd].end) : t.title;
        cands.push({ t0: after, t1: end, title, titleT0: t0, titleT1: i + n });
        i = end - 1;
      }
      break;
    }
  }
  // 2. compromise's people, cleaned of titles and possessives.
  for (const b of input.blocks) {
    for (const p of b.nlp?.people ?? []) {
      let t0 = tokenIndexAt(tokens, p.start);
      if (t0 < 0) continue;
      let title = titleAt(tokens, t0);
      while (title !== null && t0 < tokens.length && tokens[t0].start < p.end) {
        t0 += tokenize(title).length;
        title = t0 < tokens.length ? titleAt(tokens, t0) : null;
      }
      if (t0 >= tokens.length) continue;
      const t1 = readName(t0);
      // Not past compromise's name, unless a nickname cut it short ('president Jorge "Tuto" Quiroga').
      if (t1 <= t0) continue;
      if (tokens[t1 - 1].end > p.end + 1 && nameTokens(t0, t1).length === t1 - t0) continue;
      if (!nameWords(t0, t1)) continue;
      // "a rally in Santa Cruz": after "in" or "near" a name is a place's, unless it is
      // someone's ("in Marco Rubio's words").
      if (
        /^(in|near)$/.test(tokens[t0 - 1]?.key ?? '') &&
        !/^['’]s\b/.test(text.slice(tokens[t1 - 1].end))
      )
        continue;
      // Not over a titled name: compromise reads "Defence John Healey" into
      // one after "Secretary of State for".
      if (!cands.some((c) => (c.t0 <= t0 && t0 < c.t1) || (c.title && c.t0 < t1 && t0 < c.t1)))
        cands.push({ t0, t1, title: null, titleT0: -1, titleT1: -1 });
    }
  }
  // 3. "…,” said Aïssatou Ndiaye, a protection officer: a speaker introduced
  // by the verb, whose name neither a title nor compromise's name list knows.
  // And "the central bank governor, Mamo Mihretu, told…": a name set off by
  // commas after a role word.
  for (let i = 0; i + 1 < tokens.length; i++) {
    const said = SAID.has(tokens[i].key) && gapBefore(i + 1) === ' ';
    const role = ROLE_WORDS.has(tokens[i].key) && !tokens[i].upper && gapBefore(i + 1) === ', ';
    if (!said && !role) continue;
    const t0 = i + 1;
    const t1 = readName(t0);
    const after = text.slice(tokens[t1 - 1].end, tokens[t1 - 1].end + 2);
    if (wordCount(t0, t1) < 2 || !(role ? /^, /.test(after) : /^(, |\.|$)/.test(after))) continue;
    if (nameWords(t0, t1) && !cands.some((c) => c.t0 <= t0 && t0 < c.t1))
      cands.push({ t0, t1, title: null, titleT0: -1, titleT1: -1 });
  }
  /**
   * Adds tokens [t0, t1) as an untitled name in place of the parts of it
   * compromise found ("Luiz" of "Luiz Inácio Lula da Silva", "George W."), but
   * never over a titled name or one reaching outside it. False when it may not.
   */
  const takeOver = (t0: number, t1: number): boolean => {
    const overlaps = cands.filter((c) => c.t0 < t1 && t0 < c.t1);
    if (overlaps.some((c) => c.title !== null || c.t0 < t0 || c.t1 > t1)) return false;
    for (const c of overlaps) cands.splice(cands.indexOf(c), 1);
    cands.push({ t0, t1, title: null, titleT0: -1, titleT1: -1 });
    return true;
  };
  // …and "foreign ministry spokesperson Mao Ning said": a lower-case role word
  // right before a name that a reporting verb follows.
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (!ROLE_WORDS.has(tokens[i].key) || tokens[i].upper || gapBefore(i + 1) !== ' ') continue;
    const t0 = i + 1;
    const t1 = readName(t0);
    const verb = tokens[t1];
    if (wordCount(t0, t1) < 2 || verb === undefined || gapBefore(t1) !== ' ') continue;
    if (!SUBJECT_VERBS.has(verb.key) || verb.upper) continue;
    // It replaces a part of the name compromise found, as the steps below do.
    if (nameWords(t0, t1)) takeOver(t0, t1);
  }
  // 4. "Jean-Yves Le Drian said", "Ursula von der Leyen told": a name with a
  // particle as the subject of a reporting verb. compromise's tagger misses
  // these names without a title before them.
  for (let i = 2; i < tokens.length; i++) {
    if (!SUBJECT_VERBS.has(tokens[i].key) || tokens[i].upper || gapBefore(i) !== ' ') continue;
    const t0 = particleNameBefore(i);
    if (t0 < 0) continue;
    takeOver(t0, i);
  }
  // 5. "George W. Bush said", "signed by Michael R. Pompeo": a given name, a
  // middle initial and a surname make a name wherever they stand. compromise
  // reads the initial's full stop as the end of a sentence and finds none.
  const givenName = (t: number): boolean => nameOk(t) && isGivenName(tokens[t]);
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (!isInitial(tokens[i + 1]) || gapBefore(i + 1) !== ' ' || !givenName(i)) continue;
    // Back over more given names ("Mary Ann B. Smith"), not over "Then" or a title.
    let t0 = i;
    while (t0 > 0 && gapBefore(t0) === ' ' && givenName(t0 - 1)) t0--;
    const t1 = readName(t0);
    if (t1 < i + 3) continue;
    let valid = true;
    for (let t = t0; t < t1 && valid; t++) valid = isInitial(tokens[t]) || nameOk(t);
    if (!valid) continue;
    // Not over a titled name ("President John F. Kennedy"): that one stands.
    if (takeOver(t0, t1)) i = t1 - 1;
  }
  // 6. "Israel Adesanya said", "Cuba Gooding Jr.": a country's name that the
  // place finder read as a forename (it left it out of the places) starts the name after it.
  for (const c of cands) {
    const f = c.t0 - 1;
    if (c.title !== null || f < 0 || gapBefore(c.t0) !== ' ' || placeAtToken.has(f)) continue;
    const word = tokens[f];
    if (!word.upper || !COUNTRY_FORENAMES.has(word.key)) continue;
    if (cands.some((o) => o !== c && o.t0 <= f && f < o.t1)) continue;
    c.t0 = f;
  }
  // …and one compromise did not find at all, when a reporting verb follows ("Israel Adesanya said").
  for (let i = 0; i + 2 < tokens.length; i++) {
    const word = tokens[i];
    if (!word.upper || !COUNTRY_FORENAMES.has(word.key) || placeAtToken.has(i)) continue;
    if (gapBefore(i + 1) !== ' ' || !nameOk(i + 1)) continue;
    const t1 = readName(i + 1);
    const verb = tokens[t1];
    if (verb === undefined || !SUBJECT_VERBS.has(verb.key) || verb.upper || gapBefore(t1) !== ' ')
      continue;
    if (cands.some((c) => c.t0 < t1 && i < c.t1)) continue;
    cands.push({ t0: i, t1, title: null, titleT0: -1, titleT1: -1 });
  }
  cands.sort((a, b) => a.t0 - b.t0);

  // Full names first, so a bare surname seen earlier ("Rubio’s Vision") still resolves.
  const people: Person[] = [];
  const byFull = new Map<string, Person>();
  /** The name as written, without a nickname in quotes ('Jorge Quiroga'). */
  const nameText = (t0: number, t1: number): string =>
    nameTokens(t0, t1)
      .map((t, k, all) =>
        k === 0 ? tokens[t].text : (all[k - 1] === t - 1 ? gapBefore(t) : ' ') + tokens[t].text,
      )
      .join('');
  const fullKey = (c: Cand): string =>
    nameTokens(c.t0, c.t1)
      .map((t) => tokens[t].key)
      .join(' ');
  const mentionOf = (c: Cand): PersonMention => {
    const start = c.titleT0 >= 0 ? tokens[c.titleT0].start : tokens[c.t0].start;
    return { start, end: tokens[c.t1 - 1].end, unit: unitAt(units, tokens[c.t0].start) };
  };
  for (const c of cands) {
    if (wordCount(c.t0, c.t1) < 2) continue;
    // "Venezuela's Tren de Aragua gang", "the Sinaloa Cartel": an organisation's name.
    if (
      c.title === null &&
      ORGANISATION_NOUNS.has(tokens[c.t1]?.key ?? '') &&
      gapBefore(c.t1) === ' '
    )
      continue;
    const key = fullKey(c);
    let p = byFull.get(key);
    if (!p) {
      const last = tokens[c.t1 - 1];
      // "Jr." keeps its full stop, which the tokenizer leaves out of the word.
      const stop = NAME_SUFFIXES.has(last.key) && text[last.end] === '.' ? '.' : '';
      const name = nameText(c.t0, c.t1) + stop;
      p = {
        name,
        title: null,
        country: null,
        countryVia: null,
        mentions: [],
        anchor: mentionOf(c),
      };
      byFull.set(key, p);
      people.push(p);
    }
  }
  // Any later part of a full name may stand for the person: "Rubio" for Marco
  // Rubio, "Lula" for Luiz Inácio Lula da Silva, "Sharaa" for Ahmed
  // al-Sharaa, if no one else shares it.
  const nameParts = (p: Person): string[] =>
    p.name
      .split(/\s+/)
      .slice(1)
      .map(fold)
      .flatMap((k) => {
        const joined = /^([a-z]+)-(.+)$/.exec(k);
        return joined && NAME_PARTICLES.has(joined[1]) ? [k, joined[2]] : [k];
      })
      .filter((k) => !NAME_PARTICLES.has(k) && !NAME_SUFFIXES.has(k.replace(/\.$/, '')));
  // Only full names have later parts, and all of them are known by now: index them once
  // rather than scanning every person for every name met.
  const owners = new Map<string, Set<Person>>();
  for (const p of people)
    for (const key of nameParts(p)) owners.set(key, (owners.get(key) ?? new Set()).add(p));
  const surnameOwner = (key: string): Person | null => {
    const found = owners.get(key);
    return found?.size === 1 ? [...found][0] : null;
  };
  const candPerson = new Map<Cand, Person>();
  for (const c of cands) {
    // A titled surname met before ("President Bukele" again) is the same person.
    const single = wordCount(c.t0, c.t1) === 1;
    const word = fold(text.slice(tokens[c.t0].start, tokens[c.t1 - 1].end));
    let p: Person | null | undefined = !single
      ? byFull.get(fullKey(c))
      : (surnameOwner(word) ?? byFull.get(word));
    if (!p && single && c.title !== null) {
      // "President Bukele": a titled surname is a person even without a full name.
      const name = text.slice(tokens[c.t0].start, tokens[c.t1 - 1].end);
      p = {
        name,
        title: null,
        country: null,
        countryVia: null,
        mentions: [],
        anchor: mentionOf(c),
      };
      byFull.set(word, p);
      people.push(p);
    }
    if (!p) continue;
    candPerson.set(c, p);
    p.mentions.push(mentionOf(c));
    if (c.title !== null && p.title === null) {
      p.title = c.title;
      p.anchor = mentionOf(c);
    }
  }
  // Bare surnames anywhere in the text ("Rubio stated") once the person is known.
  const surnames = new Map<string, Person>();
  for (const p of people) {
    for (const key of nameParts(p)) if (surnameOwner(key) === p) surnames.set(key, p);
  }
  const covered = new Set<number>();
  for (const c of cands) for (let t = c.t0; t < c.t1; t++) covered.add(t);
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i].upper || covered.has(i)) continue;
    let j = i + 1;
    while (j < tokens.length && hyphenated(j)) j++;
    // A hyphenated surname is looked up whole; a hyphen-joined pair of names ("Biden-Harris") part by part.
    const whole =
      j > i + 1 ? surnames.get(fold(text.slice(tokens[i].start, tokens[j - 1].end))) : undefined;
    if (!whole) j = i + 1;
    const p = whole ?? surnames.get(tokens[i].key);
    if (!p) continue;
    const u = unitAt(units, tokens[i].start);
    p.mentions.push({ start: tokens[i].start, end: tokens[j - 1].end, unit: u });
    i = j - 1;
  }
  for (const p of people) p.mentions.sort((a, b) => a.start - b.start);

  // Country links by pattern.
  const setCountry = (
    p: Person,
    code: string,
    via: 'pattern' | 'context',
    at: PersonMention,
  ): void => {
    if (p.country !== null) return;
    p.country = code;
    p.countryVia = via;
    p.anchor = at;
  };
  const countryAt = (i: number): PlaceMention | null => {
    const m = placeAtToken.get(i);
    return m && m.kind === 'country' && !m.modifier ? m : null;
  };
  const titledAfterPortfolio = (c: Cand): boolean =>
    c.titleT0 > 0 &&
    !tokens[c.titleT0].upper &&
    portfolioStart(tokens, c.titleT0, text, placeAtToken, true) < c.titleT0;
  for (const [c, p] of candPerson) {
    const at = mentionOf(c);
    const head = c.titleT0 >= 0 ? c.titleT0 : c.t0;
    // "<Country|Demonym> <Title> <Name>" and "<Country>'s <Title>? <Name>"
    const before = placeEndingAt.get(head - 1);
    // "Kenyan commander Godfrey Otunge": a demonym, a lower-case role, the name.
    const roleBefore =
      c.titleT0 < 0 && head > 0 && ROLE_WORDS.has(tokens[head - 1].key) && !tokens[head - 1].upper;
    // "Colombian defense minister Pedro Sánchez", "China's foreign ministry
    // spokesperson Mao Ning": the role's portfolio words, in either case, are part of it.
    const roleT0 = roleBefore ? portfolioStart(tokens, head - 1, text, placeAtToken, true) : head;
    // "his Iranian counterpart, Hossein Amir-Abdollahian": the role gives the
    // country, but no title (a counterpart's office has its own name at home).
    const roleTitle =
      !roleBefore || tokens[head - 1].key === 'counterpart'
        ? null
        : text.slice(tokens[roleT0].start, tokens[head - 1].end);
    const demonymRole = roleBefore ? placeEndingAt.get(roleT0 - 1) : undefined;
    if (before && before.kind === 'country' && gapBefore(head) === ' ') {
      setCountry(p, before.id, 'pattern', at);
    } else if (demonymRole && demonymRole.kind === 'country' && gapBefore(roleT0) === ' ') {
      setCountry(p, demonymRole.id, 'pattern', at);
      p.title ??= roleTitle;
    } else if (titledAfterPortfolio(c)) {
      // "Egyptian intelligence chief Hassan Rashad": a lower-case title, its
      // portfolio and the demonym before them.
      const t0 = portfolioStart(tokens, c.titleT0, text, placeAtToken, true);
      const demonym = placeEndingAt.get(t0 - 1);
      if (demonym?.kind === 'country' && gapBefore(t0) === ' ') {
        setCountry(p, demonym.id, 'pattern', at);
        p.title = text.slice(tokens[t0].start, tokens[c.titleT1 - 1].end);
      }
    } else if (
      roleBefore &&
      tokens[roleT0 - 1]?.key === 's' &&
      /^['’]$/.test(gapBefore(roleT0 - 1)) &&
      gapBefore(roleT0) === ' '
    ) {
      // "The United Kingdom's representative, Barbara Woodward": how UN readouts name speakers.
      const owner = placeEndingAt.get(roleT0 - 2);
      if (owner && owner.kind === 'country') {
        setCountry(p, owner.id, 'pattern', at);
        p.title ??= roleTitle;
      }
    } else if (tokens[head - 1]?.key === 's' && /^['’]$/.test(gapBefore(head - 1))) {
      const owner = placeEndingAt.get(head - 2);
      if (owner && owner.kind === 'country') setCountry(p, owner.id, 'pattern', at);
    }
    // "the central bank governor, Mamo Mihretu", "spokesperson Mao Ning said": the role is
    // the title, with or without a country.
    if (roleBefore && p.title === null && /^(, | )$/.test(gapBefore(head))) p.title = roleTitle;
    // "<Title> of <Country> <Name>": the title scan skipped over the country.
    if (c.titleT0 >= 0 && tokens[c.titleT1]?.key === 'of') {
      const m = countryAt(c.titleT1 + 1);
      if (m && m.t1 <= c.t0) setCountry(p, m.id, 'pattern', at);
    }
    // "<Name> of <Country>"
    let k = c.t1;
    if (tokens[k]?.key === 'of' && gapBefore(k) === ' ') {
      const m = countryAt(k + 1) ?? (tokens[k + 1]?.key === 'the' ? countryAt(k + 2) : null);
      if (m) setCountry(p, m.id, 'pattern', at);
    }
    // "<Name>, the <Country> <Title>" / "<Name>, <Title> of <Country>"
    if (k < tokens.length && /^, ?$/.test(gapBefore(k))) {
      if (tokens[k].key === 'the') k++;
      const m = countryAt(k);
      if (m && titleAt(tokens, m.t1) !== null) {
        setCountry(p, m.id, 'pattern', at);
        if (p.title === null) p.title = titleAt(tokens, m.t1);
      } else if (titleAt(tokens, k) !== null) {
        const title = titleAt(tokens, k);
        let j = k + (title ? tokenize(title).length : 1);
        if (tokens[j]?.key === 'of') j++;
        if (tokens[j]?.key === 'the') j++;
        const m2 = countryAt(j);
        if (m2) setCountry(p, m2.id, 'pattern', at);
        if (p.title === null && title) p.title = title;
      }
    }
    // "- El Salvador: … with President Bukele": a country's own list item.
    const u = units[at.unit];
    if (p.country === null && u?.label && c.title !== null && HEAD_TITLES.has(c.title)) {
      const labelCountry = places.find(
        (m) => m.kind === 'country' && m.start >= u.label!.start && m.end <= u.label!.end,
      );
      if (labelCountry) setCountry(p, labelCountry.id, 'pattern', at);
    }
    // "Deputy Secretary of State Kurt Campbell": the office, so named, is the
    // United States' own (the British ones are "… for …" or "Foreign Secretary";
    // the Holy See's is held by a cardinal).
    if (
      p.country === null &&
      c.title !== null &&
      /\bSecretary of State$/.test(c.title) &&
      tokens[c.titleT0 - 1]?.key !== 'cardinal'
    )
      setCountry(p, 'US', 'pattern', at);
    // "Treasury Secretary Scott Bessent": departments only Washington names so
    // (London has a Chancellor, a Defence, Home and Business Secretary).
    if (p.country === null && c.title !== null && US_CABINET_TITLE.test(c.title))
      setCountry(p, 'US', 'pattern', at);
  }
  const named = cands
    .filter((c) => candPerson.has(c))
    .map((c) => ({ person: candPerson.get(c) as Person, nameStart: tokens[c.t0].start }));
  linkByPossessive(text, units, people, named);
  linkByMinistry(input, people);
  linkByContext(input, people);
  linkByDateline(input, people);
  markFormer(text, people, named);
  return people;
}

/** A person's name where it is written in full, with or without a title. */
interface NameAt {
  person: Person;
  nameStart: number;
}

/**
 * Whether the text right before a name ends with `title` (then a space or a
 * comma), with what `lead` matches before the title: a regex source.
 */
function titledBefore(text: string, nameStart: number, title: string, lead = ''): boolean {
  const before = text.slice(Math.max(0, nameStart - 120), nameStart);
  return new RegExp(`${lead}\\b${escapeRegExp(title)}(?:,\\s*|\\s+)$`, 'iu').test(before);
}

/**
 * "President Bernardo Arévalo said … His foreign minister, Carlos Ramiro
 * Martínez, met …": an office that is "his" or "her" belongs to the country
 * of the one person with a country named just before (earlier in the
 * sentence, or in the sentence before). Marked as context.
 */
function linkByPossessive(text: string, units: Unit[], people: Person[], named: NameAt[]): void {
  for (const { person: p, nameStart } of named) {
    if (p.country !== null || p.title === null) continue;
    if (!titledBefore(text, nameStart, p.title, '\\b(?:his|her)\\s+')) continue;
    const u = unitAt(units, nameStart);
    if (u < 0) continue;
    const from = units[u - 1]?.block === units[u].block ? units[u - 1].start : units[u].start;
    const countries = new Set(
      people
        .filter((q) => q !== p && q.country !== null)
        .filter((q) => q.mentions.some((m) => m.start >= from && m.end <= nameStart))
        .map((q) => q.country as string),
    );
    if (countries.size !== 1) continue;
    p.country = [...countries][0];
    p.countryVia = 'context';
  }
}

/**
 * "Ecuador's Defense Ministry said … Defense Minister Gian Carlo Loffredo
 * said …": a minister named without a country heads the ministry of that
 * portfolio the text gives a country to, when it gives it only one. Marked
 * as context.
 */
function linkByMinistry({ text, places }: PeopleInput, people: Person[]): void {
  const ministries = new Map<string, Set<string>>();
  for (const m of text.matchAll(MINISTRY)) {
    // The country right before: "Ecuador's", "the Ecuadorian".
    const at = m.index;
    const owner = places.find(
      (p) =>
        p.kind === 'country' &&
        !p.modifier &&
        p.end <= at &&
        /^(?:['’]s)? $/.test(text.slice(p.end, at)),
    );
    if (!owner) continue;
    const portfolio = m[1].toLowerCase().replace('defence', 'defense');
    ministries.set(portfolio, (ministries.get(portfolio) ?? new Set()).add(owner.id));
  }
  for (const p of people) {
    if (p.country !== null || p.title === null) continue;
    const office = /^(\p{L}+) Minister$/iu.exec(p.title);
    if (!office) continue;
    const owners = ministries.get(office[1].toLowerCase().replace('defence', 'defense'));
    if (owners?.size !== 1) continue;
    p.country = [...owners][0];
    p.countryVia = 'context';
  }
}

/** "Defense Ministry", "foreign ministry": a portfolio and "Ministry". */
const MINISTRY =
  /\b(Defen[cs]e|Foreign|Finance|Interior|Security|Trade|Economy|Health|Justice|Energy|Agriculture) Ministry\b/giu;

/**
 * "former president Evo Morales", "Ex-President Mauricio Macri", "former
 * Colombian president Iván Duque": the office is no longer theirs, so the
 * title says so ("former president"). Only when every mention that writes the
 * title before the name says "former": a president who was once a former
 * president keeps the office.
 */
function markFormer(text: string, people: Person[], named: NameAt[]): void {
  const state = new Map<Person, { former: boolean; current: boolean }>();
  for (const { person: p, nameStart } of named) {
    if (p.title === null || !titledBefore(text, nameStart, p.title)) continue;
    // "former", then up to two capitalised words ("former Colombian president").
    const former = titledBefore(
      text,
      nameStart,
      p.title,
      "\\b(?:former|ex)(?:-|\\s+)(?:\\p{Lu}[\\p{L}’'.-]*\\s+){0,2}",
    );
    const seen = state.get(p) ?? { former: false, current: false };
    if (former) seen.former = true;
    else seen.current = true;
    state.set(p, seen);
  }
  for (const p of people) {
    const seen = state.get(p);
    if (!seen?.former || seen.current || p.title === null) continue;
    p.title = `${/^\p{Lu}/u.test(p.title) ? 'Former' : 'former'} ${p.title}`;
  }
}

/** Whether a title is an organisation's office ("World Bank President"). */
function organisationOffice(title: string): boolean {
  return title
    .split(/\s+/)
    .some((w) => ORGANISATION_ACRONYMS.has(w) || ORGANISATION_HEADS.has(w.toLowerCase()));
}

/** Cabinet titles written this way only in the United States. */
const US_CABINET_TITLE =
  /^(?:Treasury|Homeland Security|Defense|Commerce|Transportation|Labor|Interior|Agriculture|Veterans Affairs) Secretary$/;

/** Offices a government holds at home, as the last word of a title. */
const NATIONAL_OFFICE =
  /\b(Minister|Secretary|President|Vice President|Premier|Chancellor|Governor|Mayor|Senator|Ambassador)$/i;

/**
 * "WARSAW — …", "NEW DELHI, February 3, 2026 — …", "LA PAZ (Reuters) - …": a
 * place in capitals, perhaps a date or a wire service, a dash.
 */
const DATELINE =
  /^\p{Lu}[\p{Lu} .'’-]*\p{Lu}(?:,[^\n—–]{0,40})?(?:\s*\([^()\n]{1,30}\))?\s+[—–-]\s/u;
/** Words in quotation marks, straight or curly. */
const QUOTED = /"[^"\n]*"|“[^”\n]*”/g;
/** Words that may stand before an office without making it an organisation's ("Former President …"). */
const OFFICE_MODIFIERS = /^(?:Former|Outgoing|Incoming|Interim|Acting|Then|Late|Current|Ex)$/;

/**
 * Fallback for an office holder the text never ties to a country
 * ("Agriculture Minister Czeslaw Siekierski warned…") in a story datelined
 * in one: a minister quoted from Warsaw with no nationality is Poland's. Only
 * for a national office written right before the name, with no organisation
 * before it ("European Commission President …", "the Commission's trade
 * chief" are not), in a sentence naming no other country, when the dateline's
 * country is the one the document names most; marked as context, like
 * linkByContext.
 */
function linkByDateline(input: PeopleInput, people: Person[]): void {
  const { text, units, places } = input;
  const home = homeCountry(input);
  if (home === null) return;
  // A sentence that names another country may be about that country's office
  // holder; one that names only the dateline's ("said Guyana would …") is not,
  // and neither is one whose other country is only in the words quoted.
  const namesCountry = (u: number): boolean => {
    const unit = units[u];
    if (!unit) return false;
    const quoted = [...text.slice(unit.start, unit.end).matchAll(QUOTED)].map((q) => ({
      start: unit.start + q.index,
      end: unit.start + q.index + q[0].length,
    }));
    return places.some(
      (m) =>
        m.kind === 'country' &&
        !m.modifier &&
        m.id !== home &&
        m.start >= unit.start &&
        m.end <= unit.end &&
        !quoted.some((q) => q.start <= m.start && m.end <= q.end),
    );
  };
  // Nor is a sentence right after or before one about another country in the
  // same paragraph ("Mexico's Financial Intelligence Unit said … Finance
  // Minister Edgar Amador Zamora said …").
  const besideCountry = (u: number): boolean =>
    [u - 1, u + 1].some((v) => units[v]?.block === units[u].block && namesCountry(v));
  for (const p of people) {
    if (p.country !== null || p.title === null || !NATIONAL_OFFICE.test(p.title)) continue;
    if (organisationOffice(p.title)) continue;
    const u = p.anchor.unit;
    if (u < 0) continue;
    // "met President Daniel Noboa in Quito", datelined QUITO: met at home.
    const metAtHome = places.some(
      (m) =>
        m.kind === 'country' &&
        m.id === home &&
        m.via === 'capital' &&
        /^ in $/.test(text.slice(p.anchor.end, m.start)),
    );
    if (!metAtHome && (namesCountry(u) || besideCountry(u))) continue;
    // The anchor of "<Title> <Name>" starts at the title; that of a lower-case
    // role ("former president Evo Morales") at the name, right after the title.
    const lead = text.slice(units[u].start, p.anchor.start).trimEnd();
    let titleStart = p.anchor.start;
    if (!text.startsWith(p.title, titleStart)) {
      if (!lead.toLowerCase().endsWith(p.title.toLowerCase())) continue;
      titleStart = units[u].start + lead.length - p.title.length;
    }
    const before = text.slice(units[u].start, titleStart).trimEnd();
    const previousWord = /\S+$/.exec(before)?.[0] ?? '';
    if (/^\p{Lu}/u.test(previousWord) && !OFFICE_MODIFIERS.test(previousWord)) continue;
    p.country = home;
    p.countryVia = 'context';
  }
}

/**
 * The country a story is told from: the one its dateline names, when the
 * story names it more than any other ("LA PAZ (Reuters) - …" about Bolivia;
 * not a WASHINGTON story about Venezuela).
 */
export function homeCountry(input: Pick<PeopleInput, 'text' | 'units' | 'places'>): string | null {
  const home = datelineCountry(input);
  if (home === null) return null;
  const counts = new Map<string, number>();
  for (const m of input.places) {
    if (m.kind === 'country' && !m.modifier) counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
  }
  const most = Math.max(...counts.values());
  if (counts.get(home) !== most || [...counts.values()].filter((n) => n === most).length > 1)
    return null;
  return home;
}

/** The one country a story's dateline names ("WARSAW — …"), if it has one. */
function datelineCountry({
  text,
  units,
  places,
}: Pick<PeopleInput, 'text' | 'units' | 'places'>): string | null {
  // The story's first sentence, or the one after a headline in sentence case,
  // which reads as a sentence of its own ("U.S. revokes Chevron license").
  const first = units
    .filter((u) => u.kind !== 'heading')
    .slice(0, 2)
    .find((u) => DATELINE.test(text.slice(u.start, u.end)));
  const dateline = first ? DATELINE.exec(text.slice(first.start, first.end)) : null;
  if (!first || !dateline) return null;
  const end = first.start + dateline[0].length;
  const named = new Set(
    places
      .filter((m) => m.kind === 'country' && !m.modifier && m.start >= first.start && m.end <= end)
      .map((m) => m.id),
  );
  return named.size === 1 ? [...named][0] : null;
}

function titleAt(tokens: Token[], i: number): string | null {
  const list = TITLE_BY_FIRST.get(tokens[i]?.key ?? '');
  if (!list) return null;
  for (const t of list) if (t.keys.every((k, j) => tokens[i + j]?.key === k)) return t.title;
  return null;
}

/**
 * Fallback for "We thank President X," in a paragraph about one partner: the
 * sentence itself names no country, and the sentences either side name
 * exactly one country besides those of other people in the sentence.
 */
function linkByContext(input: PeopleInput, people: Person[]): void {
  const { units, places } = input;
  const home = datelineCountry(input);
  const countriesIn = (u: number): Set<string> => {
    const s = new Set<string>();
    const unit = units[u];
    if (!unit || unit.kind === 'heading') return s;
    for (const m of places)
      if (m.kind === 'country' && !m.modifier && m.start >= unit.start && m.end <= unit.end)
        s.add(m.id);
    return s;
  };
  for (const p of people) {
    if (p.country !== null || p.title === null || !HEAD_TITLES.has(p.title)) continue;
    const u = p.anchor.unit;
    if (u < 0 || countriesIn(u).size > 0) continue;
    const others = new Set(
      people
        .filter((q) => q !== p && q.country !== null && q.mentions.some((m) => m.unit === u))
        .map((q) => q.country as string),
    );
    const cand = new Set<string>();
    for (const v of [u - 1, u + 1]) for (const c of countriesIn(v)) if (!others.has(c)) cand.add(c);
    // A bare title in a story told from one country is, by house style, most
    // often that country's own office holder ("WASHINGTON — … President Donald
    // Trump accused …" beside a sentence about Venezuela): a neighbour's
    // country that contradicts the dateline is no evidence, so no link.
    if (cand.size === 1 && (home === null || cand.has(home))) {
      p.country = [...cand][0];
      p.countryVia = 'context';
    }
  }
}

const HYPHEN = /^[-\u2010\u2011]$/;

/** Last words of an organisation's name that an office can follow: "European Commission President". */
const ORGANISATION_HEADS = new Set(
  'commission council parliament bank fund union court assembly organization organisation agency committee alliance'.split(
    ' ',
  ),
);
/** Organisations written as acronyms before an office: "NATO Secretary-General Mark Rutte". */
const ORGANISATION_ACRONYMS = new Set(
  'UN NATO IMF WTO WHO OAS OSCE OPEC ASEAN IDB IAEA UNHCR UNICEF ECB AU EU'.split(' '),
);

/** Nouns after a name that make it an organisation's: "the Tren de Aragua gang". */
const ORGANISATION_NOUNS = new Set(
  'gang gangs cartel cartels group militia organization organisation network clan syndicate party movement company corporation foundation'.split(
    ' ',
  ),
);

/** Speech verbs that can come before the speaker's name: "…,” said Ana Lima. */
const SAID = new Set(['said', 'says', 'added', 'asked', 'explained', 'warned', 'wrote']);

/** Reporting verbs that follow their subject: "Ursula von der Leyen told reporters". */
const SUBJECT_VERBS = new Set([
  'said',
  'says',
  'told',
  'tells',
  'announced',
  'announces',
  'added',
  'warned',
  'stated',
  'declared',
]);

/** compromise's lexicon tags for a given name ("Ursula", "Yves", "Abdel"). */
const GIVEN_NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'Person']);

/** Whether the lexicon knows the word as a surname. */
function isSurname(t: Token | undefined): boolean {
  return t !== undefined && t.upper && lexiconTags(t.key).includes('LastName');
}

/** Whether the lexicon knows the word as a given name. */
function isGivenName(t: Token): boolean {
  return lexiconTags(t.key).some((g) => GIVEN_NAME_TAGS.has(g));
}

/** Forenames that are countries' names; "King" and "Queen" stay titles here. */
const COUNTRY_FORENAMES = new Set(
  [...FORENAME_COUNTRIES].filter((k) => k !== 'king' && k !== 'queen'),
);

/** Generational suffixes: the end of a name ("Robert F. Kennedy Jr."), never a surname of its own. */
const NAME_SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

/** A one-letter capital: a middle initial, as in "Antony J. Blinken". */
function isInitial(t: Token): boolean {
  return /^\p{Lu}$/u.test(t.text);
}

/**
 * Words that make a title more precise when they come before it: "Deputy
 * Prime Minister", "Commerce Minister", "Cabinet Secretary for Health".
 */
const PORTFOLIO_WORDS = new Set(
  (
    'deputy acting first second senior chief vice assistant under permanent principal cabinet ' +
    'commerce trade industry investment foreign interior home defence defense finance economy ' +
    'economic energy mines mining petroleum oil agriculture fisheries education health labour ' +
    'labor justice environment transport tourism culture information communications planning ' +
    'security public works water housing development social welfare immigration migration ' +
    'treasury budget ministry central bank military army navy police opposition intelligence ' +
    'homeland transportation veterans affairs'
  ).split(' '),
);

/**
 * Where a title found at `i` really starts: back over capitalised portfolio
 * words joined by single spaces, so that "Thailand's Commerce Minister X" has
 * its title and its possessive country where the patterns look for them.
 * Before a lower-case role word (`anyCase`), the words may be in either case:
 * "finance minister", "Foreign Ministry spokesperson".
 */
function portfolioStart(
  tokens: Token[],
  i: number,
  text: string,
  placeAtToken: ReadonlyMap<number, PlaceMention>,
  anyCase = false,
): number {
  let t0 = i;
  while (
    t0 > 0 &&
    (anyCase || tokens[t0 - 1].upper) &&
    PORTFOLIO_WORDS.has(tokens[t0 - 1].key) &&
    !placeAtToken.has(t0 - 1) &&
    text.slice(tokens[t0 - 1].end, tokens[t0].start) === ' '
  )
    t0--;
  return t0;
}
