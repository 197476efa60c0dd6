export { documentExtensions, briefSchema, DOCUMENT_FIELD } from './extensions.ts';
export { Citation, CITATION_NODE, type CitationAttributes } from './citation.ts';
