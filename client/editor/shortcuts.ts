import { Extension } from '@tiptap/core';

const isApple =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad|iPod/.test(navigator.userAgent);

/** Renders a ProseMirror key name ("Mod-Shift-z") the way this platform writes shortcuts. */
export function shortcutLabel(keys: string): string {
  const parts = keys.split('-').map((part) => {
    switch (part) {
      case 'Mod':
        return isApple ? '⌘' : 'Ctrl';
      case 'Shift':
        return isApple ? '⇧' : 'Shift';
      case 'Alt':
        return isApple ? '⌥' : 'Alt';
      default:
        return part.length === 1 ? part.toUpperCase() : part;
    }
  });
  return parts.join(isApple ? '' : '+');
}

export interface LinkShortcutOptions {
  onOpen: () => void;
}

/** Mod-K opens the link dialog; the dialog lives in React, so the extension only signals. */
export const LinkShortcut = Extension.create<LinkShortcutOptions>({
  name: 'linkShortcut',
  addOptions() {
    return { onOpen: () => {} };
  },
  addKeyboardShortcuts() {
    return {
      'Mod-k': () => {
        this.options.onOpen();
        return true;
      },
    };
  },
});
