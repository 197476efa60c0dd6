import type { Editor } from '@tiptap/react';
import { Selection } from '@tiptap/pm/state';
import { useEffect, useRef } from 'react';
import { CITATION_NODE, type CitationAttributes } from '../../shared/schema/citation.ts';

/**
 * Whether the person has put the caret in the brief since it opened. Until
 * then ProseMirror's selection is just the document's start, which is no
 * choice of theirs, so inserted facts go to the end instead. Read from a ref
 * at click time: it must not re-render the sidebar on every focus.
 */
export function useCaretPlaced(editor: Editor | null): React.RefObject<boolean> {
  const placed = useRef(false);
  useEffect(() => {
    placed.current = false;
    if (!editor) return;
    if (editor.isFocused) placed.current = true;
    const onFocus = () => {
      placed.current = true;
    };
    editor.on('focus', onFocus);
    return () => {
      editor.off('focus', onFocus);
    };
  }, [editor]);
  return placed;
}

/**
 * Puts `text` and a citation of its source into the brief: at the caret (after
 * any selected text, which is kept), or at the end when there is no caret.
 * A space is added before the text when it would otherwise run into a word.
 * Returns false where the schema allows no citation (e.g. in a code block).
 */
export function insertCitedText(
  editor: Editor,
  text: string,
  citation: CitationAttributes,
  atCaret: boolean,
): boolean {
  const { doc, selection } = editor.state;
  const pos = atCaret ? selection.to : Selection.atEnd(doc).from;
  const $pos = doc.resolve(pos);
  const before = $pos.parent.isTextblock
    ? $pos.parent.textBetween(0, $pos.parentOffset, undefined, '\uFFFC')
    : '';
  const lead = before.length > 0 && !/\s$/.test(before) ? ' ' : '';
  return editor
    .chain()
    .focus(pos)
    .insertContent([
      { type: 'text', text: lead + text },
      { type: CITATION_NODE, attrs: citation },
    ])
    .run();
}
