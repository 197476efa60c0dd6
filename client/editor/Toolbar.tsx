import { useEditorState, type Editor } from '@tiptap/react';
import type { ReactNode } from 'react';
import {
  IconBold,
  IconBulletList,
  IconCode,
  IconCodeBlock,
  IconColumnAdd,
  IconColumnDelete,
  IconItalic,
  IconLink,
  IconOrderedList,
  IconParagraph,
  IconQuote,
  IconRedo,
  IconRowAdd,
  IconRowDelete,
  IconRule,
  IconStrike,
  IconTable,
  IconTableDelete,
  IconUnderline,
  IconUndo,
} from '../ui/icons.tsx';
import { shortcutLabel } from './shortcuts.ts';
import { useRovingFocus } from './useRovingFocus.ts';

interface ToolProps {
  label: string;
  /** ProseMirror key notation, e.g. "Mod-b". */
  shortcut?: string;
  /** Omit for actions (undo, insert table); set for toggles. */
  pressed?: boolean;
  disabled?: boolean;
  onRun: () => void;
  children: ReactNode;
}

function Tool({ label, shortcut, pressed, disabled, onRun, children }: ToolProps) {
  const title = shortcut ? `${label} (${shortcutLabel(shortcut)})` : label;
  return (
    <button
      type="button"
      className="tool"
      aria-label={label}
      aria-pressed={pressed}
      aria-keyshortcuts={shortcut?.replace('Mod', 'Control')}
      title={title}
      disabled={disabled}
      // Keep the editor's selection: a mousedown on a button would otherwise blur it.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onRun}
    >
      {children}
    </button>
  );
}

function Group({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="group" aria-label={label} className="toolbar__group">
      {children}
    </div>
  );
}

const HeadingGlyph = ({ level }: { level: 1 | 2 | 3 }) => (
  <span className="tool__text" aria-hidden="true">
    H{level}
  </span>
);

interface ToolbarProps {
  editor: Editor;
  editable: boolean;
  onOpenLink: () => void;
}

export function Toolbar({ editor, editable, onOpenLink }: ToolbarProps) {
  const roving = useRovingFocus<HTMLDivElement>();
  // Re-rendered only when one of these values changes, not on every keystroke.
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      paragraph: e.isActive('paragraph'),
      h1: e.isActive('heading', { level: 1 }),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      underline: e.isActive('underline'),
      strike: e.isActive('strike'),
      code: e.isActive('code'),
      link: e.isActive('link'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      blockquote: e.isActive('blockquote'),
      codeBlock: e.isActive('codeBlock'),
      inTable: e.isActive('table'),
      canMark: e.can().toggleBold(),
      canLink: e.can().setLink({ href: 'https://example.org' }),
      canInsertTable: e.can().insertTable({ rows: 3, cols: 3, withHeaderRow: true }),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const run = (fn: (chain: ReturnType<Editor['chain']>) => ReturnType<Editor['chain']>) => () =>
    fn(editor.chain().focus()).run();
  const off = !editable;

  return (
    <div
      ref={roving.ref}
      role="toolbar"
      aria-label="Formatting"
      aria-orientation="horizontal"
      className="toolbar"
      onKeyDown={roving.onKeyDown}
      onFocus={roving.onFocus}
    >
      <Group label="History">
        <Tool
          label="Undo"
          shortcut="Mod-z"
          disabled={off || !s.canUndo}
          onRun={run((c) => c.undo())}
        >
          <IconUndo />
        </Tool>
        <Tool
          label="Redo"
          shortcut="Mod-Shift-z"
          disabled={off || !s.canRedo}
          onRun={run((c) => c.redo())}
        >
          <IconRedo />
        </Tool>
      </Group>

      <Group label="Text style">
        <Tool
          label="Paragraph"
          shortcut="Mod-Alt-0"
          pressed={s.paragraph}
          disabled={off}
          onRun={run((c) => c.setParagraph())}
        >
          <IconParagraph />
        </Tool>
        {([1, 2, 3] as const).map((level) => (
          <Tool
            key={level}
            label={`Heading ${level}`}
            shortcut={`Mod-Alt-${level}`}
            pressed={s[`h${level}`]}
            disabled={off}
            onRun={run((c) => c.toggleHeading({ level }))}
          >
            <HeadingGlyph level={level} />
          </Tool>
        ))}
      </Group>

      <Group label="Formatting">
        <Tool
          label="Bold"
          shortcut="Mod-b"
          pressed={s.bold}
          disabled={off || !s.canMark}
          onRun={run((c) => c.toggleBold())}
        >
          <IconBold />
        </Tool>
        <Tool
          label="Italic"
          shortcut="Mod-i"
          pressed={s.italic}
          disabled={off || !s.canMark}
          onRun={run((c) => c.toggleItalic())}
        >
          <IconItalic />
        </Tool>
        <Tool
          label="Underline"
          shortcut="Mod-u"
          pressed={s.underline}
          disabled={off || !s.canMark}
          onRun={run((c) => c.toggleUnderline())}
        >
          <IconUnderline />
        </Tool>
        <Tool
          label="Strikethrough"
          shortcut="Mod-Shift-s"
          pressed={s.strike}
          disabled={off || !s.canMark}
          onRun={run((c) => c.toggleStrike())}
        >
          <IconStrike />
        </Tool>
        <Tool
          label="Inline code"
          shortcut="Mod-e"
          pressed={s.code}
          disabled={off || !s.canMark}
          onRun={run((c) => c.toggleCode())}
        >
          <IconCode />
        </Tool>
        <Tool
          label="Link"
          shortcut="Mod-k"
          pressed={s.link}
          disabled={off || !s.canLink}
          onRun={onOpenLink}
        >
          <IconLink />
        </Tool>
      </Group>

      <Group label="Blocks">
        <Tool
          label="Bullet list"
          shortcut="Mod-Shift-8"
          pressed={s.bulletList}
          disabled={off}
          onRun={run((c) => c.toggleBulletList())}
        >
          <IconBulletList />
        </Tool>
        <Tool
          label="Numbered list"
          shortcut="Mod-Shift-7"
          pressed={s.orderedList}
          disabled={off}
          onRun={run((c) => c.toggleOrderedList())}
        >
          <IconOrderedList />
        </Tool>
        <Tool
          label="Quote"
          shortcut="Mod-Shift-b"
          pressed={s.blockquote}
          disabled={off}
          onRun={run((c) => c.toggleBlockquote())}
        >
          <IconQuote />
        </Tool>
        <Tool
          label="Code block"
          shortcut="Mod-Alt-c"
          pressed={s.codeBlock}
          disabled={off}
          onRun={run((c) => c.toggleCodeBlock())}
        >
          <IconCodeBlock />
        </Tool>
        <Tool label="Divider" disabled={off} onRun={run((c) => c.setHorizontalRule())}>
          <IconRule />
        </Tool>
      </Group>

      <Group label="Table">
        <Tool
          label="Insert table"
          disabled={off || s.inTable || !s.canInsertTable}
          onRun={run((c) => c.insertTable({ rows: 3, cols: 3, withHeaderRow: true }))}
        >
          <IconTable />
        </Tool>
        {s.inTable && (
          <>
            <Tool label="Add row below" disabled={off} onRun={run((c) => c.addRowAfter())}>
              <IconRowAdd />
            </Tool>
            <Tool label="Delete row" disabled={off} onRun={run((c) => c.deleteRow())}>
              <IconRowDelete />
            </Tool>
            <Tool label="Add column right" disabled={off} onRun={run((c) => c.addColumnAfter())}>
              <IconColumnAdd />
            </Tool>
            <Tool label="Delete column" disabled={off} onRun={run((c) => c.deleteColumn())}>
              <IconColumnDelete />
            </Tool>
            <Tool label="Delete table" disabled={off} onRun={run((c) => c.deleteTable())}>
              <IconTableDelete />
            </Tool>
          </>
        )}
      </Group>
    </div>
  );
}
