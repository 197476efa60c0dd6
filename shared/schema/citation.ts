import { Node, mergeAttributes } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { citationSourceKey } from './citationKey.ts';

/**
 * A citation: an inline atom that ties a passage of the brief to a source
 * document. It stores what is needed to show and print the source without a
 * round trip (title and excerpt), because the brief must stay readable even
 * if the source is later removed. The number shown beside it is not stored:
 * it is the source's place in the order sources are first cited, the same in
 * the editor (a decoration, below) and in the PDF's markers and Sources list
 * (server/export/normalize.ts), so it never goes stale and "[2]" on screen is
 * "[2]" on paper.
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

/** Each citation's number, by position: one number per source, in order of first citation. */
export function citationNumbers(doc: PMNode): Map<number, number> {
  const bySource = new Map<string, number>();
  const out = new Map<number, number>();
  doc.descendants((node, pos) => {
    if (node.type.name !== CITATION_NODE) return;
    const key = citationSourceKey(node.attrs);
    let n = bySource.get(key);
    if (n === undefined) bySource.set(key, (n = bySource.size + 1));
    out.set(pos, n);
  });
  return out;
}

function numberDecorations(doc: PMNode): DecorationSet {
  const decorations: Decoration[] = [];
  for (const [pos, n] of citationNumbers(doc)) {
    const node = doc.nodeAt(pos);
    if (node) decorations.push(Decoration.node(pos, pos + node.nodeSize, { 'data-n': String(n) }));
  }
  return DecorationSet.create(doc, decorations);
}

const numbersKey = new PluginKey<DecorationSet>('citationNumbers');

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

  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: numbersKey,
        state: {
          init: (_, state) => numberDecorations(state.doc),
          apply: (tr, old) => (tr.docChanged ? numberDecorations(tr.doc) : old),
        },
        props: { decorations: (state) => numbersKey.getState(state) },
      }),
    ];
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
