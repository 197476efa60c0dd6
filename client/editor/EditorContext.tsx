import type { Editor } from '@tiptap/react';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

interface EditorContextValue {
  editor: Editor | null;
  setEditor: (editor: Editor | null) => void;
}

const EditorContext = createContext<EditorContextValue | null>(null);

/**
 * Shares the brief's live TipTap editor with panels beside it (the cards
 * sidebar reads its text and inserts citations). The editor is created deep in
 * the document column, so it publishes itself here rather than being lifted:
 * lifting would tie the panels to the editor's loading states.
 */
export function EditorProvider({ children }: { children: ReactNode }) {
  const [editor, setEditor] = useState<Editor | null>(null);
  const value = useMemo(() => ({ editor, setEditor }), [editor]);
  return <EditorContext.Provider value={value}>{children}</EditorContext.Provider>;
}

/** The brief's editor once it exists; null while the document opens, and outside a provider. */
export function useSharedEditor(): Editor | null {
  return useContext(EditorContext)?.editor ?? null;
}

/**
 * Called by the editor component with its instance. Withdrawn on unmount (or
 * when the instance changes), so nobody holds on to a destroyed editor.
 * Outside a provider (an editor used on its own) it does nothing.
 */
export function usePublishEditor(editor: Editor): void {
  const setEditor = useContext(EditorContext)?.setEditor;
  useEffect(() => {
    if (!setEditor) return;
    setEditor(editor);
    return () => setEditor(null);
  }, [editor, setEditor]);
}
