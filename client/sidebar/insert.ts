import type { Editor } from '@tiptap/core';
import { Selection } from '@tiptap/pm/state';
import { useEffect, useRef } from 'react';
import type { Fact, RecommendedAction } from '../../shared/cards.ts';
import { CITATION_NODE, type CitationAttributes } from '../../shared/schema/citation.ts';
import { actionText, insertionText } from './facts.ts';
import type { CardsLookup } from './useCards.ts';

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

/** What a fact (or recommended action) puts into the brief: its text, then its citation. */
export interface CitedText {
  text: string;
  citation: CitationAttributes;
}

/** The text and citation a fact or recommended action goes into the brief as. */
export function citedText(item: Fact | RecommendedAction, lookup: CardsLookup): CitedText {
  const isFact = 'kind' in item;
  const documentId = item.source.documentId;
  return {
    text: isFact ? insertionText(item) : actionText(item),
    citation: {
      sourceId: documentId,
      sourceTitle: lookup.citationTitle(documentId),
      excerpt: isFact ? item.excerpt : item.text,
      factId: isFact ? item.id : null,
    },
  };
}

/**
 * Puts cited text into the brief: at the caret (after any selected text,
 * which is kept), at the end when there is no caret, or at a document
 * position (where it was dropped). The caret ends up after it, in one
 * transaction, so it is one step to undo. It never splits a word: a position
 * inside one moves to the word's end. A space is added before the text when
 * it would otherwise run into a word, and after its citation when a word
 * follows. Returns false where the schema allows no citation (e.g. in a code block).
 */
export function insertCitedText(
  editor: Editor,
  { text, citation }: CitedText,
  at: 'caret' | 'end' | number,
): boolean {
  const { doc, selection } = editor.state;
  let pos = at === 'caret' ? selection.to : at === 'end' ? Selection.atEnd(doc).from : at;
  const $pos = doc.resolve(pos);
  let before = '';
  let after = '';
  if ($pos.parent.isTextblock) {
    // Inline nodes (citations, line breaks) count as one character, so
    // offsets in this text are offsets in the block.
    const block = $pos.parent.textBetween(0, $pos.parent.content.size, undefined, '\uFFFC');
    let offset = $pos.parentOffset;
    if (WORD_CHAR.test(block[offset - 1] ?? '')) {
      while (offset < block.length && WORD_CHAR.test(block[offset])) offset++;
    }
    pos += offset - $pos.parentOffset;
    before = block.slice(0, offset);
    after = block.slice(offset);
  }
  const lead = before.length > 0 && !/\s$/.test(before) ? ' ' : '';
  const trail = WORD_CHAR.test(after[0] ?? '') ? [{ type: 'text', text: ' ' }] : [];
  return editor
    .chain()
    .focus(pos)
    .insertContent([
      { type: 'text', text: lead + text },
      { type: CITATION_NODE, attrs: citation },
      ...trail,
    ])
    .run();
}

/** A letter or digit: what a word is made of, in any script. */
const WORD_CHAR = /[\p{L}\p{N}]/u;
