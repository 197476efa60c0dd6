import { EditorContent, useEditor, type JSONContent } from '@tiptap/react';
import type { AuthorSummary } from '../../shared/api.ts';
import { documentExtensions } from '../../shared/schema/index.ts';
import { authorColors, diffExtensions } from './diffExtensions.ts';

/**
 * A revision, or a comparison of two, in a read-only editor: the same schema
 * and styles as the live text, so a reader sees the brief as it looked, with
 * changes marked in their authors' colours. Mount one per document (key it):
 * the colours are fixed when the editor is made.
 */
export function CompareView({ doc, authors }: { doc: JSONContent; authors: AuthorSummary[] }) {
  const editor = useEditor({
    editable: false,
    extensions: [...documentExtensions(), ...diffExtensions({ colorOf: authorColors(authors) })],
    // Left at TipTap's lenient parse on purpose: inline code excludes every other mark in the
    // schema, so a strict check would reject changed code text that renders perfectly well.
    content: doc,
    editorProps: {
      attributes: {
        class: 'brief-body history-doc',
        'aria-label': 'Text of this version',
        'aria-readonly': 'true',
        role: 'document',
      },
    },
  });
  return <EditorContent editor={editor} />;
}

/** Who changed what: each author's colour, and how insertions, deletions and formatting look. */
export function AuthorLegend({ authors }: { authors: AuthorSummary[] }) {
  return (
    <div className="author-legend" data-testid="history-legend">
      <ul className="author-legend__people" aria-label="Authors of these changes">
        {authors.map((author) => (
          <li key={author.id} className="author-legend__person" data-user={author.id}>
            <span
              className="author-legend__swatch"
              style={{ backgroundColor: author.color }}
              aria-hidden="true"
            />
            {author.displayName}
          </li>
        ))}
      </ul>
      <span className="author-legend__key" aria-hidden="true">
        <ins className="ychange ychange--added">Added</ins>
        <del className="ychange ychange--removed">Removed</del>
        <span className="ychange ychange--formatted">Formatted</span>
      </span>
    </div>
  );
}
