import { getSchema, type AnyExtension } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import { TableKit } from '@tiptap/extension-table';
import { Citation } from './citation.ts';

/**
 * The editor's document model, defined once. The client adds view-only
 * extensions (collaboration, carets, placeholder) on top; the server builds the
 * same ProseMirror schema from this list to render history and exports, so a
 * node the editor can produce is always one the server can read.
 */
export function documentExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      heading: { levels: [1, 2, 3] },
      // Yjs keeps the history of a collaborative document; ProseMirror's own
      // undo stack would undo other people's changes.
      undoRedo: false,
      // Where a dragged fact or file will land: the app's accent, thick enough to spot.
      // (Only the editor's view reads this; the server's schema ignores it.)
      dropcursor: { color: 'var(--accent)', width: 2 },
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        protocols: ['http', 'https', 'mailto'],
      },
    }),
    TableKit.configure({ table: { resizable: false } }),
    Citation,
  ];
}

let cachedSchema: Schema | undefined;

/** The ProseMirror schema of a brief, for code that works without an editor. */
export function briefSchema(): Schema {
  cachedSchema ??= getSchema(documentExtensions());
  return cachedSchema;
}

export { DOCUMENT_FIELD } from './field.ts';
