/**
 * Editing a brief's document from Node the way TipTap does: block elements
 * in the `default` XmlFragment, each holding an XmlText.
 */
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/schema/index.ts';

export function fragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(DOCUMENT_FIELD);
}

export function addParagraph(doc: Y.Doc, text: string, type = 'paragraph'): void {
  const el = new Y.XmlElement(type);
  el.insert(0, [new Y.XmlText(text)]);
  const frag = fragment(doc);
  frag.insert(frag.length, [el]);
}

function textOf(doc: Y.Doc, index: number): Y.XmlText {
  return (fragment(doc).get(index) as Y.XmlElement).get(0) as Y.XmlText;
}

export function insertText(doc: Y.Doc, paragraph: number, offset: number, text: string): void {
  textOf(doc, paragraph).insert(offset, text);
}

export function deleteText(doc: Y.Doc, paragraph: number, offset: number, length: number): void {
  textOf(doc, paragraph).delete(offset, length);
}

/**
 * What y-tiptap does to change a block's type (a Y.XmlElement's name is fixed):
 * delete the element and insert a new one with a copy of its text.
 */
export function retype(
  doc: Y.Doc,
  index: number,
  type: string,
  attributes: Record<string, string> = {},
): void {
  const frag = fragment(doc);
  const old = frag.get(index) as Y.XmlElement;
  const text = (old.get(0) as Y.XmlText).toString();
  doc.transact(() => {
    frag.delete(index, 1);
    const el = new Y.XmlElement(type);
    for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, value);
    el.insert(0, [new Y.XmlText(text)]);
    frag.insert(index, [el]);
  });
}

export function plainText(doc: Y.Doc): string[] {
  return fragment(doc)
    .toArray()
    .map((el) => ((el as Y.XmlElement).get(0) as Y.XmlText | undefined)?.toString() ?? '');
}

/** Text of PM JSON paragraphs, with each text run's ychange mark type and user. */
export interface Run {
  text: string;
  change?: string;
  user?: string | null;
}
export function runs(doc: unknown): Run[][] {
  const blocks =
    (doc as { content?: Array<{ content?: Array<Record<string, unknown>> }> }).content ?? [];
  return blocks.map((block) =>
    (block.content ?? []).map((node) => {
      const marks =
        (node.marks as Array<{ type: string; attrs?: { type: string; user: string | null } }>) ??
        [];
      const ychange = marks.find((m) => m.type === 'ychange');
      const run: Run = { text: String(node.text ?? '') };
      if (ychange?.attrs) {
        run.change = ychange.attrs.type;
        run.user = ychange.attrs.user;
      }
      return run;
    }),
  );
}
