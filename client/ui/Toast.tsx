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

interface Toast {
  id: number;
  message: string;
}

const ToastContext = createContext<(message: string) => void>(() => {});

const TOAST_MS = 4_000;

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
  const notify = useCallback((message: string) => {
    const id = nextId.current++;
    setToasts((list) => [...list.slice(-2), { id, message }]);
  }, []);

  const newest = toasts[toasts.length - 1]?.id;
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
  useEffect(() => {
    const timer = setTimeout(() => onDoneRef.current(), TOAST_MS);
    return () => clearTimeout(timer);
  }, []);
  return <div className="toast">{toast.message}</div>;
}

export function useToast(): (message: string) => void {
  return useContext(ToastContext);
}
