import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { insertCitedText, type CitedText } from '../sidebar/insert.ts';

/**
 * The drag data type of a fact dragged from the cards sidebar: its text and
 * citation as JSON. Our own type, so a drop on the brief is recognised as a
 * fact (and keeps its citation) rather than read as the plain-text fallback.
 */
export const CITED_TEXT_TYPE = 'application/x-briefdesk-cited-text';

/**
 * Fills a drag from the sidebar: the fact for the brief, and for anywhere
 * else (another app, a search box) the text with its source in words.
 */
export function setCitedTextDragData(data: DataTransfer, cited: CitedText): void {
  data.setData(CITED_TEXT_TYPE, JSON.stringify(cited));
  const source = cited.citation.sourceTitle;
  data.setData('text/plain', source ? `${cited.text} (Source: ${source})` : cited.text);
  data.effectAllowed = 'copy';
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/**
 * The fact carried by a drop, or null when it carries none. Any page can put
 * this type on a drag, so the shape is checked; a citation from it is no more
 * trusted than one pasted as HTML, which the schema already parses.
 */
export function readCitedTextDragData(data: DataTransfer): CitedText | null {
  if (!Array.from(data.types).includes(CITED_TEXT_TYPE)) return null;
  try {
    const value = JSON.parse(data.getData(CITED_TEXT_TYPE)) as Partial<CitedText> | null;
    const citation = value?.citation;
    if (
      !value ||
      !isString(value.text) ||
      !citation ||
      !isString(citation.sourceId) ||
      !isString(citation.sourceTitle) ||
      !isString(citation.excerpt) ||
      !(citation.factId === null || isString(citation.factId))
    ) {
      return null;
    }
    const { sourceId, sourceTitle, excerpt, factId } = citation;
    return { text: value.text, citation: { sourceId, sourceTitle, excerpt, factId } };
  } catch {
    return null;
  }
}

export interface CitedTextDropOptions {
  /** Called when a fact is dropped where the schema allows no citation (a code block). */
  onRefused: () => void;
}

/**
 * Drops of facts from the cards sidebar: inserted where they land, exactly as
 * Insert would put them at the caret (text, then its citation; one undo
 * step; caret after it). The drop cursor (StarterKit's Dropcursor) shows the
 * same position, as both read it from the pointer with posAtCoords.
 * Other drops (files, HTML, text) fall through to ProseMirror as before.
 * A read-only editor never gets here: ProseMirror handles drops only in an
 * editable view.
 */
export const CitedTextDrop = Extension.create<CitedTextDropOptions>({
  name: 'citedTextDrop',

  addOptions() {
    return { onRefused: () => {} };
  },

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('citedTextDrop'),
        props: {
          handleDrop: (view, event) => {
            const cited = event.dataTransfer && readCitedTextDragData(event.dataTransfer);
            if (!cited) return false;
            const target = view.posAtCoords({ left: event.clientX, top: event.clientY });
            if (!target) return false;
            // Handled even when refused: the plain-text fallback would be a fact without its source.
            if (!insertCitedText(this.editor, cited, target.pos)) this.options.onRefused();
            return true;
          },
        },
      }),
    ];
  },
});
