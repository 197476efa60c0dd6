import type { Editor } from '@tiptap/react';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '../ui/Button.tsx';
import { Dialog, DialogActions } from '../ui/Dialog.tsx';
import { IconUnlink } from '../ui/icons.tsx';
import { parseLink } from './links.ts';

interface LinkDialogProps {
  editor: Editor;
  onClose: () => void;
}

/** Add, change or remove the link at the selection. */
export function LinkDialog({ editor, onClose }: LinkDialogProps) {
  const existing = (editor.getAttributes('link').href as string | undefined) ?? '';
  const [value, setValue] = useState(existing);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseLink(value);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    const { empty } = editor.state.selection;
    const chain = editor.chain().focus();
    if (empty && !editor.isActive('link')) {
      // Nothing selected: insert the address itself as the link text.
      chain
        .insertContent({
          type: 'text',
          text: value.trim(),
          marks: [{ type: 'link', attrs: { href: parsed.href } }],
        })
        .run();
    } else {
      chain.extendMarkRange('link').setLink({ href: parsed.href }).run();
    }
    onClose();
  };

  const remove = () => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    onClose();
  };

  return (
    <Dialog
      title={existing ? 'Edit link' : 'Add link'}
      onClose={onClose}
      finalFocus={() => {
        editor.commands.focus();
      }}
    >
      <form onSubmit={apply} noValidate>
        <div className="field">
          <label htmlFor={inputId} className="field__label">
            Web address
          </label>
          <input
            id={inputId}
            className="input"
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            placeholder="https://example.org/report"
            value={value}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(event) => {
              setValue(event.target.value);
              setError(null);
            }}
          />
          {error && (
            <p id={errorId} className="field__error">
              {error}
            </p>
          )}
        </div>
        <DialogActions>
          {existing && (
            <Button
              variant="ghost"
              icon={<IconUnlink size={16} />}
              onClick={remove}
              className="dialog__left"
            >
              Remove link
            </Button>
          )}
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="primary">
            {existing ? 'Update' : 'Add link'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
