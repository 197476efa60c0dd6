import { Node, mergeAttributes } from '@tiptap/core';

/**
 * A citation: an inline atom that ties a passage of the brief to a source
 * document. It stores what is needed to show and print the source without a
 * round trip (title and excerpt), because the brief must stay readable even
 * if the source is later removed. The number shown beside it is not stored:
 * it is the citation's order in the document (CSS counters in the editor,
 * a walk of the document in export), so it never goes stale.
 */
export interface CitationAttributes {
  sourceId: string;
  sourceTitle: string;
  excerpt: string;
  /** The fact's id in the cards index, when it was inserted from a card. */
  factId: string | null;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    citation: {
      insertCitation: (attributes: CitationAttributes) => ReturnType;
    };
  }
}

export const CITATION_NODE = 'citation';

export const Citation = Node.create({
  name: CITATION_NODE,
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  draggable: false,

  addAttributes() {
    return {
      sourceId: {
        default: '',
        parseHTML: (el) => el.getAttribute('data-source-id') ?? '',
        renderHTML: (attrs) => ({ 'data-source-id': attrs.sourceId }),
      },
      sourceTitle: {
        default: '',
        parseHTML: (el) => el.getAttribute('data-source-title') ?? '',
        renderHTML: (attrs) => ({ 'data-source-title': attrs.sourceTitle }),
      },
      excerpt: {
        default: '',
        parseHTML: (el) => el.getAttribute('data-excerpt') ?? '',
        renderHTML: (attrs) => ({ 'data-excerpt': attrs.excerpt }),
      },
      factId: {
        default: null,
        parseHTML: (el) => el.getAttribute('data-fact-id'),
        renderHTML: (attrs) => (attrs.factId ? { 'data-fact-id': attrs.factId } : {}),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'cite[data-citation]' }];
  },

  renderHTML({ node, HTMLAttributes }) {
    const title = [node.attrs.sourceTitle, node.attrs.excerpt].filter(Boolean).join(' — ');
    return [
      'cite',
      mergeAttributes(HTMLAttributes, {
        'data-citation': '',
        class: 'citation',
        title,
        'aria-label': `Source: ${node.attrs.sourceTitle || 'unknown'}`,
      }),
    ];
  },

  renderText() {
    return '';
  },

  addCommands() {
    return {
      insertCitation:
        (attributes) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs: attributes }),
    };
  },
});
