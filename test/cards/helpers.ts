/** Small helpers for the cards tests: run the engine on an inline article. */
import {
  buildCards,
  extractFacts,
  normaliseSource,
  type ExtractedDocument,
  type Fact,
  type SourceFormat,
} from '../../server/cards/index.ts';

export function extract(
  content: string,
  format: SourceFormat = 'text',
  id?: string,
): ExtractedDocument {
  return extractFacts(normaliseSource({ content, format, id }));
}

export function countriesOf(content: string, format: SourceFormat = 'text'): string[] {
  return extract(content, format)
    .countries.map((c) => c.code)
    .sort();
}

export function factsOf<K extends Fact['kind']>(
  doc: ExtractedDocument,
  kind: K,
): Extract<Fact, { kind: K }>[] {
  return doc.facts.filter((f): f is Extract<Fact, { kind: K }> => f.kind === kind);
}

/** Issue ids that the one-document cards tie to a country. */
export function issuesOf(doc: ExtractedDocument, code: string): string[] {
  return (buildCards([doc]).countries.find((c) => c.code === code)?.issues ?? [])
    .map((i) => i.id)
    .sort();
}
