/**
 * Public API of the cards engine ("cards from sources"). Storage, HTTP and the
 * sidebar use only what is exported here; the JSON types live in
 * shared/cards.ts so the client can render them.
 */
export type {
  AgreementFact,
  CardIssue,
  CardsIndex,
  CountryCard,
  DocumentCountry,
  DocumentRegion,
  ExtractedDocument,
  Fact,
  FactKind,
  FigureCategory,
  FigureFact,
  IssueCard,
  IssueLink,
  NormalisedSource,
  PersonFact,
  QuoteFact,
  RankedCard,
  RankedCards,
  RecommendedAction,
  RegionCard,
  SourceFormat,
  SourceInput,
  SourceRef,
  TableRowFact,
} from '../../shared/cards.ts';
export { SourceRejectedError, type SourceRejectReason } from './errors.ts';
export { formatFromFilename, normaliseSource, MAX_SOURCE_CHARS } from './normalise.ts';
export { extractFacts } from './facts.ts';
export { buildCards, MIN_ISSUE_SCORE } from './cards.ts';
export { rankCardsForText } from './rank.ts';
export { taxonomy, type IssueDef, type Taxonomy } from './issues.ts';
export { EXTRACTOR_VERSION } from './version.ts';
export { CardsEngine, CardsEngineError, type CardsEngineOptions } from './engine.ts';
