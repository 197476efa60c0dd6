/**
 * Types of the "cards from sources" feature. The server extracts them from
 * source documents and the client renders them, so everything here is plain
 * JSON: no classes, no Maps, no Dates.
 *
 * Offsets are JavaScript string indices (UTF-16 code units) into the
 * NORMALISED text of a source (`NormalisedSource.text`), never into the raw
 * upload, so an excerpt is always `text.slice(start, end)`.
 */

export type SourceFormat = 'text' | 'markdown' | 'html';

/** A source document as uploaded or loaded from the sample pack. */
export interface SourceInput {
  /** Explicit id; when absent the id is derived from the normalised text. */
  id?: string;
  title?: string;
  filename?: string;
  format: SourceFormat;
  content: string;
}

/** A source after markup and boilerplate are stripped. */
export interface NormalisedSource {
  id: string;
  title: string;
  format: SourceFormat;
  text: string;
  /** sha256 of `text`, hex. */
  contentHash: string;
}

/** Where a fact comes from: a span of a source's normalised text. */
export interface SourceRef {
  documentId: string;
  start: number;
  end: number;
}

export type FactKind = 'figure' | 'quote' | 'agreement' | 'person' | 'table-row';

interface FactBase {
  /** Stable: a hash of document id, kind and the offsets of `span`. */
  id: string;
  kind: FactKind;
  /** The sentence (or table row) the fact was read from. */
  source: SourceRef;
  excerpt: string;
  /** The part of the sentence the fact is about (the number, the quote, the name…). */
  span: { start: number; end: number };
  /** Countries (ISO 3166-1 alpha-2) the sentence is about, including ones carried from context. */
  countries: string[];
  /** Region ids mentioned in the sentence. */
  regions: string[];
  /** Issue ids the sentence signals. */
  issues: string[];
}

export type FigureCategory = 'percent' | 'money' | 'count' | 'year' | 'number';

export interface FigureFact extends FactBase {
  kind: 'figure';
  value: number;
  category: FigureCategory;
  /** '%', an ISO currency code, the counted noun ('troops'), 'year', or ''. */
  unit: string;
  /** Short phrase from the context saying what the number measures. */
  measure: string;
  /** The number as written. */
  raw: string;
}

export interface QuoteFact extends FactBase {
  kind: 'quote';
  text: string;
  speaker: string | null;
  speakerCountry: string | null;
}

export interface AgreementFact extends FactBase {
  kind: 'agreement';
  name: string | null;
  /**
   * What an unnamed agreement is, in its source's words ("status of forces
   * agreement"); null for a named one, or when the source says only "a deal".
   */
  description: string | null;
  /** Country codes of the parties. */
  parties: string[];
}

export interface PersonFact extends FactBase {
  kind: 'person';
  name: string;
  title: string | null;
  country: string | null;
  /** How the country was found: an explicit pattern, or the surrounding sentences. */
  countryVia: 'pattern' | 'context' | null;
  mentions: number;
}

export interface TableRowFact extends FactBase {
  kind: 'table-row';
  header: string[];
  /** Cells keyed by their column header. */
  cells: Record<string, string>;
  country: string | null;
}

export type Fact = FigureFact | QuoteFact | AgreementFact | PersonFact | TableRowFact;

export type MentionVia = 'name' | 'alias' | 'demonym' | 'capital' | 'city' | 'person';

export interface DocumentCountry {
  code: string;
  name: string;
  mentions: number;
  /** Offset of the first mention. */
  first: number;
  via: MentionVia[];
}

export interface DocumentRegion {
  id: string;
  label: string;
  mentions: number;
  first: number;
}

export type IssueLinkVia =
  'sentence' | 'table-row' | 'carried' | 'lead-in' | 'heading' | 'dateline';

/** A sentence that ties a country or a region to an issue. */
export interface IssueLink {
  issue: string;
  country: string | null;
  region: string | null;
  /** 1 for a sentence naming the country, less when the country is carried from context. */
  weight: number;
  via: IssueLinkVia;
  source: SourceRef;
}

export interface RecommendedAction {
  text: string;
  issues: string[];
  countries: string[];
  regions: string[];
  source: SourceRef;
}

export interface ExtractedDocument {
  documentId: string;
  title: string;
  format: SourceFormat;
  contentHash: string;
  /** The normalised text the offsets refer to. */
  text: string;
  countries: DocumentCountry[];
  regions: DocumentRegion[];
  /** Issues the document signals at all, with how many sentences signal each. */
  issues: { id: string; sentences: number }[];
  issueLinks: IssueLink[];
  recommendedActions: RecommendedAction[];
  facts: Fact[];
}

export interface CardIssue {
  id: string;
  label: string;
  score: number;
}

export interface CountryCard {
  code: string;
  name: string;
  /** Emoji flag built from the code's regional indicator symbols. */
  flag: string;
  mentions: number;
  issues: CardIssue[];
  facts: Fact[];
  regions: string[];
  sources: string[];
}

export interface IssueCard {
  id: string;
  label: string;
  description: string;
  score: number;
  /** Country codes, most discussed first. */
  countries: string[];
  countryScores: { code: string; score: number }[];
  facts: Fact[];
  recommendedActions: RecommendedAction[];
  sources: string[];
}

export interface RegionCard {
  id: string;
  label: string;
  mentions: number;
  issues: CardIssue[];
  facts: Fact[];
  recommendedActions: RecommendedAction[];
  sources: string[];
}

export interface CardsIndex {
  countries: CountryCard[];
  issues: IssueCard[];
  regions: RegionCard[];
  documents: { id: string; title: string }[];
}

/** One entry of "Relevant to this brief": a country code or an issue id. */
export interface RankedCard {
  id: string;
  label: string;
  score: number;
  /** How many times the brief names it directly. */
  mentions: number;
}

export interface RankedCards {
  countries: RankedCard[];
  issues: RankedCard[];
}
