/**
 * Which source a citation cites, for numbering: the editor (citation.ts) and
 * the PDF export (server/export/normalize.ts) give every citation of one source
 * the same number. Kept free of editor imports: the export worker loads it.
 */
/** Its source's id, or for a citation without one, its title or excerpt. */
export function citationSourceKey(attrs: Record<string, unknown>): string {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const sourceId = text(attrs.sourceId).trim();
  if (sourceId) return `id:${sourceId}`;
  return `title:${text(attrs.sourceTitle).trim() || text(attrs.excerpt).replace(/\s+/g, ' ').trim()}`;
}
