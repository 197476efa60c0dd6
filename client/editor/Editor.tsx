import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useRef, useState } from 'react';
import type { PresenceUser } from '../../shared/api.ts';
import { DOCUMENT_FIELD, documentExtensions } from '../../shared/schema/index.ts';
import type { CollabSession } from '../collab/session.ts';
import { useToast } from '../ui/Toast.tsx';
import { CitedTextDrop } from './citedDrop.ts';
import { usePublishEditor } from './EditorContext.tsx';
import { LinkDialog } from './LinkDialog.tsx';
import { LinkShortcut } from './shortcuts.ts';
import { Toolbar } from './Toolbar.tsx';
import type { TextFocus } from './textFocus.ts';

interface EditorProps {
  session: CollabSession;
  user: PresenceUser;
  /** False for read-only roles, and once the server has closed the brief for good. */
  editable: boolean;
  /** The person's role is read-only (as opposed to a brief closed by the server). */
  readOnly: boolean;
  /** Lets the page move focus here (Enter in the title field). */
  textFocus?: TextFocus;
}

/**
 * The brief's body: the shared schema plus the view-only collaboration pieces.
 * The Y.Doc is the source of truth; TipTap's own history is off (in the schema)
 * and Collaboration's undo only reverts this person's changes.
 */
export function Editor({ session, user, editable, readOnly, textFocus }: EditorProps) {
  const [linkOpen, setLinkOpen] = useState(false);
  // The caret extension reads its user once, at creation; later changes go through awareness.
  const initialUser = useRef(user);
  // Read by the Mod-K shortcut, which is registered once: no link dialog on a read-only brief.
  const editableRef = useRef(editable);
  useEffect(() => {
    editableRef.current = editable;
  });
  // Read by the drop handler, which is registered once.
  const notify = useToast();
  const notifyRef = useRef(notify);
  useEffect(() => {
    notifyRef.current = notify;
  });

  const editor = useEditor(
    {
      extensions: [
        ...documentExtensions(),
        Collaboration.configure({ document: session.ydoc, field: DOCUMENT_FIELD }),
        CollaborationCaret.configure({ provider: session.provider, user: initialUser.current }),
        Placeholder.configure({ placeholder: 'Start writing the brief…' }),
        LinkShortcut.configure({
          onOpen: () => {
            if (editableRef.current) setLinkOpen(true);
          },
        }),
        // Facts dragged from the cards sidebar (see client/sidebar/FactItem.tsx).
        CitedTextDrop.configure({
          onRefused: () =>
            notifyRef.current('Can’t drop a fact here. Drop it on a paragraph instead.'),
        }),
      ],
      // Created read-only when it must be, so there is no moment in which typing gets in.
      // (Read at creation only; the effect below follows later changes.)
      editable,
      editorProps: {
        // A function, so ProseMirror recomputes it on every view update (setEditable included).
        attributes: () => ({
          class: 'brief-body',
          'aria-label': 'Brief text',
          'aria-multiline': 'true',
          'aria-readonly': editableRef.current ? 'false' : 'true',
          role: 'textbox',
          spellcheck: 'true',
        }),
      },
    },
    [session.ydoc, session.provider],
  );

  useEffect(() => {
    editor.setEditable(editable);
  }, [editor, editable]);

  // Panels beside the document (the cards sidebar) read and insert through this instance.
  usePublishEditor(editor);

  useEffect(() => textFocus?.attach(() => editor.commands.focus('start')), [editor, textFocus]);

  return (
    <>
      <div className={readOnly ? 'toolbar-bar toolbar-bar--read-only' : 'toolbar-bar'}>
        <Toolbar editor={editor} editable={editable} onOpenLink={() => setLinkOpen(true)} />
      </div>
      <div className="doc-scroll">
        <article className="sheet" data-testid="editor">
          <EditorContent editor={editor} />
        </article>
      </div>
      {linkOpen && editable && <LinkDialog editor={editor} onClose={() => setLinkOpen(false)} />}
    </>
  );
}
