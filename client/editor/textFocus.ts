/**
 * Moving focus into the brief's text from outside the editor (Enter in the
 * title). A just-created brief's title takes typing before its document has
 * opened, so the request can come before the editor exists: it then waits,
 * and the editor takes focus as soon as it attaches.
 */
export class TextFocus {
  private target: (() => void) | null = null;
  private pending = false;

  /** The editor says how to focus it; returns the detach for its cleanup. */
  attach(focus: () => void): () => void {
    this.target = focus;
    if (this.pending) {
      this.pending = false;
      focus();
    }
    return () => {
      if (this.target === focus) this.target = null;
    };
  }

  request(): void {
    if (this.target) this.target();
    else this.pending = true;
  }
}
