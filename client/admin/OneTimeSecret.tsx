import { useEffect, useRef, useState } from 'react';
import { Button } from '../ui/Button.tsx';
import { IconCheck, IconCopy, IconKey } from '../ui/icons.tsx';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * A password shown exactly once (it is not stored anywhere the app can read
 * again), with a copy button. If the clipboard is refused, the text is
 * selected so Ctrl+C works.
 */
export function OneTimeSecret({ label, secret }: { label: string; secret: string }) {
  const [copy, setCopy] = useState<CopyState>('idle');
  const codeRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (copy !== 'copied') return;
    const timer = setTimeout(() => setCopy('idle'), 2_500);
    return () => clearTimeout(timer);
  }, [copy]);

  const selectText = () => {
    const node = codeRef.current;
    const selection = window.getSelection();
    if (!node || !selection) return;
    const range = document.createRange();
    range.selectNodeContents(node);
    selection.removeAllRanges();
    selection.addRange(range);
  };

  const doCopy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy('copied');
    } catch {
      selectText();
      setCopy('failed');
    }
  };

  return (
    <div className="secret">
      <span className="secret__label">
        <IconKey size={15} /> {label}
      </span>
      <div className="secret__row">
        <code
          ref={codeRef}
          className="secret__value"
          data-testid="one-time-secret"
          onClick={selectText}
        >
          {secret}
        </code>
        <Button
          size="sm"
          icon={copy === 'copied' ? <IconCheck size={15} /> : <IconCopy size={15} />}
          onClick={() => void doCopy()}
        >
          {copy === 'copied' ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <p className="secret__note" role={copy === 'failed' ? 'alert' : undefined}>
        {copy === 'failed'
          ? 'Couldn’t reach the clipboard. The password is selected: press Ctrl+C (⌘C) to copy it.'
          : 'Shown only this once. Copy it now and hand it over in person or through a secure channel.'}
      </p>
      <span className="sr-only" aria-live="polite">
        {copy === 'copied' ? 'Password copied' : ''}
      </span>
    </div>
  );
}
