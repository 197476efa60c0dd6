/**
 * What a compare needs on top of the brief's schema: the `ychange` mark the
 * server puts on inserted and deleted text, and the `ychange` attribute it puts
 * on added and removed blocks (server/history/render.ts). Both are drawn in
 * the colour of the author they name, so a reader sees who changed what.
 */
import { Extension, Mark } from '@tiptap/core';
import type { AuthorSummary } from '../../shared/api.ts';

/** `formatted`: the same text with its formatting changed (text only, never a block). */
export type ChangeType = 'added' | 'removed' | 'formatted';

export interface YChange {
  type: ChangeType;
  /** The author's user id; null when the server could not attribute the change. */
  user: string | null;
}

export interface DiffOptions {
  /** The colour to draw a user's changes in. */
  colorOf: (user: string | null) => string;
}

/** For changes with no known author: visible, but clearly nobody's colour. */
export const NEUTRAL_CHANGE_COLOR = '#8a9099';

export function authorColors(authors: readonly AuthorSummary[]): DiffOptions['colorOf'] {
  const colors = new Map(authors.map((a) => [a.id, a.color]));
  return (user) => (user !== null && colors.get(user)) || NEUTRAL_CHANGE_COLOR;
}

function asChange(value: unknown): YChange | null {
  if (typeof value !== 'object' || value === null) return null;
  const { type, user } = value as { type?: unknown; user?: unknown };
  if (type !== 'added' && type !== 'removed' && type !== 'formatted') return null;
  return { type, user: typeof user === 'string' ? user : null };
}

/**
 * Inserted (`<ins>`) or deleted (`<del>`) text, or text whose formatting
 * changed (a dotted underline), tinted with its author's colour.
 */
export const YChangeMark = Mark.create<DiffOptions>({
  name: 'ychange',
  // Typing is off in a compare, but a mark that grew with typed text would misattribute it.
  inclusive: false,

  addOptions() {
    return { colorOf: () => NEUTRAL_CHANGE_COLOR };
  },

  addAttributes() {
    return {
      type: { default: 'added', rendered: false },
      user: { default: null, rendered: false },
    };
  },

  renderHTML({ mark }) {
    const change = asChange(mark.attrs) ?? { type: 'added', user: null };
    return [
      change.type === 'removed' ? 'del' : change.type === 'added' ? 'ins' : 'span',
      {
        class: `ychange ychange--${change.type}`,
        ...(change.type === 'formatted' ? { title: 'Formatting changed' } : {}),
        'data-user': change.user ?? '',
        style: `--change-color: ${this.options.colorOf(change.user)}`,
      },
      0,
    ];
  },
});

/** The `ychange` attribute of added and removed blocks, drawn as a coloured rule beside them. */
export const YChangeBlocks = Extension.create<DiffOptions>({
  name: 'ychangeBlocks',

  addOptions() {
    return { colorOf: () => NEUTRAL_CHANGE_COLOR };
  },

  addGlobalAttributes() {
    const colorOf = this.options.colorOf;
    return [
      {
        types: 'nodes',
        attributes: {
          ychange: {
            default: null,
            keepOnSplit: false,
            renderHTML: (attributes) => {
              const change = asChange(attributes.ychange);
              if (!change) return {};
              return {
                'data-block-change': change.type,
                'data-user': change.user ?? '',
                style: `--change-color: ${colorOf(change.user)}`,
              };
            },
          },
        },
      },
    ];
  },
});

/** The extensions a compare adds to `documentExtensions()`. */
export function diffExtensions(options: DiffOptions) {
  return [YChangeMark.configure(options), YChangeBlocks.configure(options)];
}
