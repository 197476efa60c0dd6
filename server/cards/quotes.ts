/**
 * Quotes and who said them. A quote is attributed when a speech verb sits
 * next to it ("…,” Rubio said / he stated / said the minister), or opens the
 * sentence that introduces it ("He described …, stating, “…”"). "He"/"she"
 * resolves to the last person named before the quote. Scare quotes ("an
 * “American century”") are not quotes: fewer than three words are skipped.
 */
import { escapeRegExp } from '../../shared/text.ts';
import type { Person } from './people.ts';
import type { Unit } from './segment.ts';

export interface QuoteDraft {
  start: number;
  end: number;
  text: string;
  speaker: Person | null;
  unitFrom: number;
  unitTo: number;
}

const SPEECH =
  /\b(said|says|say|stated|states|remarked|explained|mentioned|noted|added|told|declared|announced|argued|warned|insisted|emphasi[sz]ed|stressed|wrote|tweeted|posted|asked|replied|continued|acknowledged|admitted|pointed out|underscored|stating|saying|adding|noting|according to|recalled|concluded|cautioned|urged|speaking|thanked|praised|vowed|pledged|promised)\b/i;
const PRONOUN = /\b(he|she)\b/i;
/**
 * A speaker characterising something in their own words, right before the
 * quote: 'Hossain called the deal “a turning point …”', 'she described it as
 * “…”', 'what he called “…”', 'the vice president, Delcy Rodríguez, called the
 * measure “…”', 'Milei has called Mercosur “…”'. Only with the speaker as the
 * verb's subject: "a project called “…”" names a project, it quotes no one.
 */
const CHARACTERISES =
  /(\S+?),?\s+(?:(?:has|have|had|also|once|repeatedly|publicly)\s+){0,2}(?:called|described|hailed|termed|dubbed)\s+(?:(?:it|this|that|(?:the|this|that|their|our|its|his|her)\s+[\p{L}-]+(?:\s+[\p{L}-]+)?|\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*){0,2})\s+)?(?:as\s+)?$/u;
const QUOTE_RE = /“([^”\n]{1,3000})”|"([^"\n]{1,3000})"/g;

/**
 * Abbreviations whose full stop ends no sentence: "said Mr. Porter", "Gen.
 * Ortega", a middle initial. Not "U.S.", which often does end one.
 */
const ABBREVIATION =
  /(?:(?:^|[^\p{L}])(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Adm|Capt|Lt|Col|Sgt|St|Jr|Sr)|\s\p{Lu})$/u;

/** Text up to the first sentence or clause break, reading through abbreviations. */
function firstClause(s: string): string {
  for (const m of s.matchAll(/[.;!?]/g)) {
    const at = m.index ?? 0;
    if (m[0] === '.' && ABBREVIATION.test(s.slice(Math.max(0, at - 6), at))) continue;
    return s.slice(0, at);
  }
  return s;
}

interface FlatMention {
  start: number;
  end: number;
  person: Person;
}

export function findQuotes(
  text: string,
  units: Unit[],
  people: Person[],
  unitAt: (pos: number) => number,
): QuoteDraft[] {
  const mentions: FlatMention[] = people
    .flatMap((p) => p.mentions.map((m) => ({ start: m.start, end: m.end, person: p })))
    .sort((a, b) => a.start - b.start);
  // Binary searches: a long document has thousands of quotes and mentions.
  const firstFrom = (pos: number): number => {
    let lo = 0;
    let hi = mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (mentions[mid].start < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // The furthest end so far: the first mention ending after a position is where it passes it.
  const reach: number[] = [];
  for (const m of mentions) reach.push(Math.max(m.end, reach.at(-1) ?? 0));
  /** The person of the mention before the first one that ends after `pos`. */
  const lastBefore = (pos: number): Person | null => {
    let lo = 0;
    let hi = mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (reach[mid] <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? mentions[lo - 1].person : null;
  };
  const inRange = (a: number, b: number): FlatMention[] => {
    const out: FlatMention[] = [];
    for (let i = firstFrom(a); i < mentions.length && mentions[i].start < b; i++)
      if (mentions[i].end <= b) out.push(mentions[i]);
    return out;
  };

  /**
   * "…,” the crown prince said; said the minister: the person named last
   * before `pos` whose title is, or ends with, the words after "the".
   */
  const byOffice = people.flatMap((p) => {
    if (p.title === null) return [];
    const title = escapeRegExp(p.title);
    const office = escapeRegExp(p.title.split(/\s+/).at(-1) ?? p.title);
    return [{ p, named: new RegExp(`\\bthe (?:${title}|${office})\\b`, 'i') }];
  });
  const titled = (phrase: string, pos: number): Person | null => {
    let best: Person | null = null;
    let bestAt = -1;
    for (const { p, named } of byOffice) {
      if (!named.test(phrase)) continue;
      const at = p.mentions.filter((m) => m.start < pos).at(-1)?.start ?? -1;
      if (at > bestAt) {
        best = p;
        bestAt = at;
      }
    }
    return best;
  };

  const out: QuoteDraft[] = [];
  for (const m of text.matchAll(QUOTE_RE)) {
    const inner = (m[1] ?? m[2] ?? '').trim();
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (inner.split(/\s+/).length < 3) continue;
    const unitFrom = unitAt(start);
    const unitTo = unitAt(end - 1);
    if (unitFrom < 0 || unitTo < 0) continue;
    const afterEnd = units[unitTo].end;
    const beforeStart = units[unitFrom].start;
    const afterText = text.slice(end, afterEnd);
    const beforeText = text.slice(beforeStart, start);

    let speaker: Person | null = null;
    // After the quote: the first clause only ("…,” Rubio remarked, mentioning …).
    const clause = firstClause(afterText);
    const verb = SPEECH.exec(clause);
    if (verb) {
      const near = inRange(end, end + clause.length);
      if (near.length > 0) {
        // The name closest to the verb.
        const vpos = end + verb.index;
        speaker = near.reduce((a, b) =>
          Math.abs(b.start - vpos) < Math.abs(a.start - vpos) ? b : a,
        ).person;
      } else if (PRONOUN.test(clause)) {
        speaker = lastBefore(start);
      } else {
        speaker = titled(clause, start);
      }
    }
    if (!speaker && SPEECH.test(beforeText)) {
      const near = inRange(beforeStart, start);
      if (near.length > 0) speaker = near[near.length - 1].person;
      else if (PRONOUN.test(beforeText.slice(0, 12))) speaker = lastBefore(beforeStart);
      else speaker = titled(beforeText, start);
    }
    const characterises = !speaker ? CHARACTERISES.exec(beforeText) : null;
    if (characterises) {
      const subjectEnd = beforeStart + characterises.index + characterises[1].length;
      const named = inRange(beforeStart, subjectEnd).at(-1);
      if (named && named.end === subjectEnd) speaker = named.person;
      else if (/^(he|she)$/i.test(characterises[1])) speaker = lastBefore(subjectEnd);
    }
    if (!speaker && !verb && !SPEECH.test(beforeText)) {
      // `"…," Budi Santoso told reporters. "European firms want access."`: a
      // quoted sentence that opens the sentence after an attributed quote
      // goes on with it. Anything else is a title or a phrase in quotes.
      const previous = out.at(-1);
      const continues =
        previous?.speaker != null &&
        previous.unitTo >= unitFrom - 1 &&
        beforeText.trim() === '' &&
        /[.!?…]$/.test(inner);
      if (!continues) continue;
      speaker = previous.speaker;
    }
    out.push({ start, end, text: inner, speaker, unitFrom, unitTo });
  }
  return out;
}
