import type {
  AgreementFact,
  Fact,
  FigureFact,
  QuoteFact,
  RecommendedAction,
  TableRowFact,
} from '../../shared/cards.ts';

/**
 * The sections of a card, in order, with their headings. A figure that is a
 * year ("in 2023, …") dates an event rather than measuring anything, so it
 * goes under Dates, not among the key figures.
 */
export const FACT_SECTIONS: { key: string; label: string; holds: (fact: Fact) => boolean }[] = [
  { key: 'figures', label: 'Key figures', holds: (f) => f.kind === 'figure' && !isDate(f) },
  { key: 'dates', label: 'Dates', holds: (f) => f.kind === 'figure' && isDate(f) },
  { key: 'people', label: 'People', holds: (f) => f.kind === 'person' },
  { key: 'quotes', label: 'Quotes', holds: (f) => f.kind === 'quote' },
  { key: 'agreements', label: 'Agreements', holds: (f) => f.kind === 'agreement' },
  { key: 'tables', label: 'From tables', holds: (f) => f.kind === 'table-row' },
];

function isDate(fact: FigureFact): boolean {
  return fact.category === 'year';
}

export function groupFacts(
  facts: readonly Fact[],
): { key: string; label: string; facts: Fact[] }[] {
  return FACT_SECTIONS.map(({ key, label, holds }) => ({
    key,
    label,
    facts: facts.filter(holds),
  })).filter((section) => section.facts.length > 0);
}

/** Quote text without the comma or colon that led into "…, he said". */
export function quoteText(fact: QuoteFact): string {
  return fact.text.trim().replace(/[,;:]+$/, '');
}

/** A table row as prose: its first cell, then the others ("Panama — canal security, migration"). */
export function rowText(row: TableRowFact): string {
  const values = row.header.map((h) => row.cells[h]?.trim() ?? '').filter(Boolean);
  if (values.length === 0) return row.excerpt;
  const [first, ...rest] = values;
  return rest.length ? `${first} — ${rest.join('; ')}` : first;
}

/** An excerpt read from a table arrives as "cell | cell | cell". */
function excerptText(excerpt: string): string {
  const cells = excerpt.split(' | ').map((c) => c.trim());
  if (cells.length < 2) return excerpt.trim();
  const [first, ...rest] = cells;
  return `${first} — ${rest.join('; ')}`;
}

function ensureSentence(text: string): string {
  const t = text.trim();
  return /[.!?”"’)]$/.test(t) ? t : `${t}.`;
}

/** A figure as written, with its unit when the number alone would be ambiguous. */
export function figureValue(fact: FigureFact): string {
  const raw = fact.raw.trim();
  if (fact.category === 'percent' && !raw.includes('%')) return `${raw}%`;
  return raw;
}

/**
 * The text put into the brief for a fact, before its citation. Sentences
 * (figures, agreements) go in whole: a number without its sentence misleads.
 * Quotes keep their speaker; people are named with their title.
 */
export function insertionText(fact: Fact): string {
  switch (fact.kind) {
    case 'quote': {
      const quote = `“${quoteText(fact)}”`;
      return fact.speaker ? `${quote} — ${fact.speaker}` : quote;
    }
    case 'person':
      return fact.title ? `${fact.title} ${fact.name}` : fact.name;
    case 'table-row':
      return rowText(fact);
    case 'figure':
    case 'agreement':
      return fact.excerpt.includes(' | ')
        ? excerptText(fact.excerpt)
        : ensureSentence(fact.excerpt);
  }
}

export function actionText(action: RecommendedAction): string {
  return ensureSentence(action.text);
}

/**
 * An agreement's heading: its name, else what the source calls it ("Status of
 * forces agreement"), else just "Agreement". Facts stored by an older
 * extractor have no description.
 */
export function agreementTitle(fact: AgreementFact): string {
  if (fact.name) return fact.name;
  const description = fact.description ?? null;
  return description ? description[0].toUpperCase() + description.slice(1) : 'Agreement';
}

/**
 * A person's title as a card labels it: sentence case, since the source may
 * have written it mid-sentence ("former president", "senator"). What goes
 * into a brief keeps the source's case.
 */
export function roleLabel(title: string): string {
  return title.charAt(0).toUpperCase() + title.slice(1);
}

/** A short name for a fact, for button labels read by screen readers. */
export function factSummary(fact: Fact): string {
  switch (fact.kind) {
    case 'figure':
      return `${figureValue(fact)}${fact.measure ? `, ${fact.measure}` : ''}`;
    case 'quote':
      return `quote${fact.speaker ? ` by ${fact.speaker}` : ''}`;
    case 'person':
      return fact.name;
    case 'agreement':
      return agreementTitle(fact);
    case 'table-row':
      return rowText(fact);
  }
}

/** Lower-cased text a search box matches against. */
export function factSearchText(fact: Fact): string {
  const extra =
    fact.kind === 'person'
      ? `${fact.name} ${fact.title ?? ''}`
      : fact.kind === 'quote'
        ? (fact.speaker ?? '')
        : fact.kind === 'agreement'
          ? `${fact.name ?? ''} ${fact.description ?? ''}`
          : '';
  return `${fact.excerpt} ${extra}`.toLowerCase();
}
