import { useLayoutEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

const ITEMS = 'button:not([disabled])';

/**
 * The WAI-ARIA toolbar pattern: the toolbar is one Tab stop, arrow keys move
 * between its buttons, Home/End jump to the ends. Tab indexes are managed on
 * the DOM after every render because buttons come and go (table tools) and get
 * disabled; the last focused button keeps the Tab stop while it can.
 */
export function useRovingFocus<T extends HTMLElement>(): {
  ref: RefObject<T | null>;
  onKeyDown: (event: KeyboardEvent<T>) => void;
  onFocus: (event: React.FocusEvent<T>) => void;
} {
  const ref = useRef<T>(null);
  const current = useRef<HTMLElement | null>(null);

  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    const items = Array.from(root.querySelectorAll<HTMLElement>(ITEMS));
    const active = items.includes(current.current as HTMLElement) ? current.current : items[0];
    // Disabled buttons too, so one that gets enabled later does not bring a second Tab stop.
    for (const button of root.querySelectorAll<HTMLElement>('button')) {
      button.tabIndex = button === active ? 0 : -1;
    }
  });

  const onFocus = (event: React.FocusEvent<T>) => {
    const target = event.target as HTMLElement;
    if (!target.matches(ITEMS)) return;
    current.current = target;
    const root = ref.current;
    if (!root) return;
    for (const button of root.querySelectorAll<HTMLElement>('button')) {
      button.tabIndex = button === target ? 0 : -1;
    }
  };

  const onKeyDown = (event: KeyboardEvent<T>) => {
    const root = ref.current;
    if (!root) return;
    const items = Array.from(root.querySelectorAll<HTMLElement>(ITEMS));
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (index < 0) return;
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (index + 1) % items.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + items.length) % items.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = items.length - 1;
    if (next === null) return;
    event.preventDefault();
    items[next].focus();
  };

  return { ref, onKeyDown, onFocus };
}
