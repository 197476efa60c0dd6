import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type ReactNode,
} from 'react';

/** A button on a toast, e.g. Undo after moving a brief to the trash. */
export interface ToastAction {
  label: string;
  run: () => void;
  /**
   * It undoes what the toast reports: Ctrl+Z (⌘Z) runs it too while the toast
   * shows, as in Google Drive, unless focus is where typing happens.
   */
  undo?: boolean;
}

interface Toast {
  id: number;
  message: string;
  action?: ToastAction;
}

type Notify = (message: string, action?: ToastAction) => void;

const ToastContext = createContext<Notify>(() => {});

const TOAST_MS = 4_000;
/** Long enough to read the message and reach the button from the keyboard. */
const ACTION_TOAST_MS = 10_000;

/**
 * Short confirmations ("Brief deleted") in one polite live region, so screen
 * readers hear them too. The region is always in the DOM: live regions that
 * appear together with their text are often not announced.
 *
 * It is a manual popover, shown once and kept shown: a modal <dialog> sits in
 * the top layer, above any z-index, so a confirmation from inside a dialog
 * (e.g. "Added Grace as a viewer") would appear under its backdrop. Re-showing
 * the popover when a toast arrives puts it above whatever opened since.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const regionRef = useRef<HTMLDivElement>(null);
  const notify = useCallback<Notify>((message, action) => {
    const id = nextId.current++;
    setToasts((list) => [...list.slice(-2), { id, message, action }]);
  }, []);

  const newest = toasts[toasts.length - 1]?.id;

  // The newest undo on screen answers Ctrl+Z; older ones only their button.
  const undoable = toasts.findLast((t) => t.action?.undo);
  useEffect(() => {
    if (!undoable?.action) return;
    const { action, id } = undoable;
    const onKey = (event: KeyboardEvent) => {
      if (!isUndoKey(event) || isTypingTarget(event.target)) return;
      event.preventDefault();
      setToasts((list) => list.filter((t) => t.id !== id));
      action.run();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [undoable]);
  useLayoutEffect(() => {
    const region = regionRef.current;
    if (!region || typeof region.showPopover !== 'function') return;
    if (region.matches(':popover-open')) {
      if (newest === undefined || !document.querySelector('dialog[open]')) return;
      region.hidePopover();
    }
    region.showPopover();
  }, [newest]);

  return (
    <ToastContext.Provider value={notify}>
      {children}
      <div ref={regionRef} className="toasts" popover="manual" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <ToastItem
            key={toast.id}
            toast={toast}
            onDone={() => setToasts((list) => list.filter((t) => t.id !== toast.id))}
          />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onDone }: { toast: Toast; onDone: () => void }) {
  const onDoneRef = useRef(onDone);
  useEffect(() => {
    onDoneRef.current = onDone;
  });
  const action = toast.action;
  useEffect(() => {
    const timer = setTimeout(() => onDoneRef.current(), action ? ACTION_TOAST_MS : TOAST_MS);
    return () => clearTimeout(timer);
  }, [action]);
  if (!action) return <div className="toast">{toast.message}</div>;
  return (
    <div className="toast toast--action">
      <span>{toast.message}</span>
      <button
        type="button"
        className="toast__action"
        aria-keyshortcuts={action.undo ? 'Control+Z Meta+Z' : undefined}
        title={action.undo ? 'Ctrl+Z' : undefined}
        onClick={() => {
          onDoneRef.current();
          action.run();
        }}
      >
        {action.label}
      </button>
    </div>
  );
}

function isUndoKey(event: KeyboardEvent): boolean {
  return (
    (event.ctrlKey || event.metaKey) &&
    !event.shiftKey &&
    !event.altKey &&
    event.key.toLowerCase() === 'z'
  );
}

/** Where Ctrl+Z belongs to the text: inputs, text areas and the editor. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  return (
    target instanceof HTMLInputElement && !['button', 'checkbox', 'radio'].includes(target.type)
  );
}

export function useToast(): Notify {
  return useContext(ToastContext);
}
