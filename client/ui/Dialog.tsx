import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from 'react';

export interface DialogProps {
  title: string;
  description?: ReactNode;
  /** Called on Esc, on a click on the backdrop, and by the caller's own buttons. */
  onClose: () => void;
  /** False for dialogs that must be answered (the first-visit name dialog). */
  dismissible?: boolean;
  /** Where focus goes on open; defaults to the first focusable element. */
  initialFocus?: React.RefObject<HTMLElement | null>;
  /**
   * Moves focus on close instead of returning it to the element that had it
   * before (e.g. to the editor after adding a link, or to a neighbour of a
   * deleted row). Return false to fall back to that default.
   */
  finalFocus?: () => boolean | void;
  role?: 'dialog' | 'alertdialog';
  size?: 'sm' | 'md' | 'lg';
  children: ReactNode;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog on the native <dialog> element: showModal() puts it in the top
 * layer and makes the rest of the page inert, so screen readers and clicks cannot
 * reach what is behind. On top of that it keeps Tab inside the dialog, closes on
 * Esc (when dismissible) and gives focus back to whatever had it before.
 * Mount it to open it, unmount it to close it.
 */
export function Dialog({
  title,
  description,
  onClose,
  dismissible = true,
  initialFocus,
  finalFocus,
  role = 'dialog',
  size = 'sm',
  children,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  // The latest callbacks, read from event handlers without re-running the open effect.
  const onCloseRef = useRef(onClose);
  const dismissibleRef = useRef(dismissible);
  const finalFocusRef = useRef(finalFocus);
  useEffect(() => {
    onCloseRef.current = onClose;
    dismissibleRef.current = dismissible;
    finalFocusRef.current = finalFocus;
  });

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previouslyFocused = document.activeElement as HTMLElement | null;
    dialog.showModal();
    const target = initialFocus?.current ?? dialog.querySelector<HTMLElement>(FOCUSABLE);
    target?.focus();
    return () => {
      dialog.close();
      const moved = finalFocusRef.current ? finalFocusRef.current() !== false : false;
      // The element may have gone (e.g. a deleted row); then focus falls back to the body.
      if (!moved && previouslyFocused?.isConnected) previouslyFocused.focus();
    };
    // Opening happens once per mount; initialFocus is a ref and read only then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onKeyDown = (event: React.KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab') return;
    const dialog = ref.current;
    if (!dialog) return;
    const items = Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
      (el) => el.offsetParent !== null,
    );
    if (items.length === 0) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      className={`dialog dialog--${size}`}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onKeyDown={onKeyDown}
      // Esc fires `cancel`; we close through React state instead of letting the element close itself.
      onCancel={(event) => {
        event.preventDefault();
        if (dismissibleRef.current) onCloseRef.current();
      }}
      onMouseDown={(event) => {
        // A press on the backdrop lands on the <dialog> itself, outside its padding box.
        if (event.target === ref.current && dismissibleRef.current) onCloseRef.current();
      }}
    >
      <div className="dialog__body">
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        {description && (
          <div id={descriptionId} className="dialog__description">
            {description}
          </div>
        )}
        {children}
      </div>
    </dialog>
  );
}

export function DialogActions({ children }: { children: ReactNode }) {
  return <div className="dialog__actions">{children}</div>;
}
