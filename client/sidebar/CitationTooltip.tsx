import type { Editor } from '@tiptap/react';
import { NodeSelection } from '@tiptap/pm/state';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { CITATION_NODE } from '../../shared/schema/citation.ts';
import { SourceViewer } from './SourceViewer.tsx';

interface Shown {
  number: number;
  title: string;
  excerpt: string;
  /** Viewport position of the citation's marker. */
  rect: { left: number; top: number; bottom: number; width: number };
}

const SELECTOR = 'cite[data-citation]';

interface Reading {
  sourceId: string;
  title: string;
  excerpt: string;
}

function describe(root: HTMLElement, cite: HTMLElement): Shown {
  const r = cite.getBoundingClientRect();
  // The number the marker shows (the citation numbering decoration's).
  const n = Number(cite.getAttribute('data-n'));
  return {
    number:
      Number.isInteger(n) && n > 0
        ? n
        : Array.from(root.querySelectorAll(SELECTOR)).indexOf(cite) + 1,
    title: cite.getAttribute('data-source-title') || 'Unknown source',
    excerpt: cite.getAttribute('data-excerpt') ?? '',
    rect: { left: r.left, top: r.top, bottom: r.bottom, width: r.width },
  };
}

/**
 * A readable card for a citation under the pointer, or selected with the
 * keyboard: the source's title and the excerpt the fact came from. The node
 * also renders a native `title`; it is set aside while this card shows so two
 * tooltips never stack. (A citation is a leaf atom: ProseMirror ignores
 * attribute changes on its DOM, so this does not disturb the editor.)
 */
export function CitationTooltip({ editor }: { editor: Editor | null }) {
  const [shown, setShown] = useState<Shown | null>(null);
  /** The citation whose source is open for reading (double-click, or Enter when selected). */
  const [reading, setReading] = useState<Reading | null>(null);

  useEffect(() => {
    if (!editor) return;
    const root = editor.view.dom;
    let hovered: HTMLElement | null = null;

    const restoreTitle = (el: HTMLElement | null) => {
      const saved = el?.getAttribute('data-native-title');
      if (el && saved !== null && saved !== undefined) {
        el.setAttribute('title', saved);
        el.removeAttribute('data-native-title');
      }
    };
    const onOver = (event: MouseEvent) => {
      const cite = (event.target as Element | null)?.closest<HTMLElement>(SELECTOR);
      if (!cite || cite === hovered) return;
      restoreTitle(hovered);
      hovered = cite;
      const native = cite.getAttribute('title');
      if (native !== null) {
        cite.setAttribute('data-native-title', native);
        cite.removeAttribute('title');
      }
      setShown(describe(root, cite));
    };
    const onOut = (event: MouseEvent) => {
      if (!hovered) return;
      const to = event.relatedTarget as Node | null;
      if (to && hovered.contains(to)) return;
      restoreTitle(hovered);
      hovered = null;
      setShown(null);
    };
    const onSelection = () => {
      if (hovered) return;
      const { selection } = editor.state;
      if (selection instanceof NodeSelection && selection.node.type.name === CITATION_NODE) {
        const dom = editor.view.nodeDOM(selection.from);
        if (dom instanceof HTMLElement) {
          setShown(describe(root, dom));
          return;
        }
      }
      setShown(null);
    };
    const hide = () => {
      if (!hovered) setShown(null);
    };

    const open = (cite: HTMLElement) => {
      const sourceId = cite.getAttribute('data-source-id');
      if (!sourceId) return;
      setShown(null);
      setReading({
        sourceId,
        title: cite.getAttribute('data-source-title') || 'Unknown source',
        excerpt: cite.getAttribute('data-excerpt') ?? '',
      });
    };
    const onDoubleClick = (event: MouseEvent) => {
      const cite = (event.target as Element | null)?.closest<HTMLElement>(SELECTOR);
      if (cite) open(cite);
    };
    // Before ProseMirror's own handling: Enter on a selected citation would replace it.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || event.shiftKey || event.ctrlKey || event.metaKey) return;
      const { selection } = editor.state;
      if (!(selection instanceof NodeSelection) || selection.node.type.name !== CITATION_NODE) {
        return;
      }
      const dom = editor.view.nodeDOM(selection.from);
      if (!(dom instanceof HTMLElement)) return;
      event.preventDefault();
      event.stopPropagation();
      open(dom);
    };

    root.addEventListener('mouseover', onOver);
    root.addEventListener('mouseout', onOut);
    root.addEventListener('dblclick', onDoubleClick);
    root.addEventListener('keydown', onKeyDown, true);
    editor.on('selectionUpdate', onSelection);
    editor.on('blur', hide);
    // Positions are fixed to the viewport; scrolling the page would leave the card behind.
    window.addEventListener('scroll', hide, true);
    return () => {
      root.removeEventListener('mouseover', onOver);
      root.removeEventListener('mouseout', onOut);
      root.removeEventListener('dblclick', onDoubleClick);
      root.removeEventListener('keydown', onKeyDown, true);
      editor.off('selectionUpdate', onSelection);
      editor.off('blur', hide);
      window.removeEventListener('scroll', hide, true);
      restoreTitle(hovered);
      setShown(null);
    };
  }, [editor]);

  const viewer = reading && (
    <SourceViewer
      sourceId={reading.sourceId}
      title={reading.title}
      excerpt={reading.excerpt}
      onClose={() => setReading(null)}
    />
  );
  if (!shown) return viewer;
  const width = 320;
  const left = Math.min(
    Math.max(8, shown.rect.left + shown.rect.width / 2 - width / 2),
    window.innerWidth - width - 8,
  );
  // Above the marker when there is room, below it otherwise.
  const above = shown.rect.top > 180;
  const style = above
    ? { left, bottom: window.innerHeight - shown.rect.top + 8, width }
    : { left, top: shown.rect.bottom + 8, width };
  return (
    <>
      {viewer}
      {createPortal(
        <div className="citation-tip" role="tooltip" style={style} data-testid="citation-tooltip">
          <span className="citation-tip__label">Source [{shown.number}]</span>
          <span className="citation-tip__title">{shown.title}</span>
          {shown.excerpt && <span className="citation-tip__excerpt">“{shown.excerpt}”</span>}
          <span className="citation-tip__hint">
            Double-click, or Enter when selected, to read the source
          </span>
        </div>,
        document.body,
      )}
    </>
  );
}
