/**
 * Writes a revision's content over a brief's document, as the minimal Yjs
 * change from what the document holds now.
 *
 * Loaded only when someone restores: it brings the editor schema, ProseMirror
 * and y-tiptap (about 7 MiB of heap), which the main thread otherwise never
 * needs, and every MiB it holds lengthens each major garbage collection that
 * pauses collaboration traffic.
 */
import type * as Y from 'yjs';
import { updateYFragment } from '@tiptap/y-tiptap';
import { briefSchema } from '../../shared/schema/extensions.ts';
import { DOCUMENT_FIELD } from '../../shared/schema/field.ts';
import type { PMJSON } from './render.ts';

export function writeContent(doc: Y.Doc, content: PMJSON): void {
  updateYFragment(doc, doc.getXmlFragment(DOCUMENT_FIELD), briefSchema().nodeFromJSON(content), {
    mapping: new Map(),
    isOMark: new Map(),
  });
}
