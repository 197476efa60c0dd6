/**
 * The name of the Y.XmlFragment that holds a brief's body. It is the
 * Collaboration extension's default, so a stock TipTap client sees the same text.
 *
 * In a module of its own so that code which only needs the name (the
 * server's history) does not load the editor schema and ProseMirror with it.
 */
export const DOCUMENT_FIELD = 'default';
