import { useId, useState, type FormEvent } from 'react';
import { DISPLAY_NAME_MAX_LENGTH } from '../../shared/api.ts';
import { colorForName } from '../../shared/colors.ts';
import { Avatar } from '../presence/Avatar.tsx';
import { Button } from '../ui/Button.tsx';
import { Dialog, DialogActions } from '../ui/Dialog.tsx';
import { normalizeName } from './identity.ts';

interface NameDialogProps {
  /** The current name when changing it; absent on the first visit. */
  currentName?: string;
  onSubmit: (name: string) => void;
  /** Absent on the first visit: a name is needed before anything else. */
  onCancel?: () => void;
}

export function NameDialog({ currentName, onSubmit, onCancel }: NameDialogProps) {
  const [value, setValue] = useState(currentName ?? '');
  const [touched, setTouched] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const name = normalizeName(value);
  const invalid = touched && name.length === 0;
  const firstVisit = currentName === undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (name) onSubmit(name);
  };

  return (
    <Dialog
      title={firstVisit ? 'Welcome to Briefdesk' : 'Change your name'}
      description={
        firstVisit
          ? 'Pick the name your co-authors will see beside your cursor. You can change it later.'
          : 'Your co-authors see this name beside your cursor and in the list of who is here.'
      }
      dismissible={!firstVisit}
      onClose={() => onCancel?.()}
    >
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={inputId} className="field__label">
            Your name
          </label>
          <div className="name-field">
            <Avatar name={name || '?'} color={name ? colorForName(name) : '#9aa0a6'} size={36} />
            <input
              id={inputId}
              className="input"
              value={value}
              maxLength={DISPLAY_NAME_MAX_LENGTH}
              autoComplete="name"
              placeholder="e.g. Ada Lovelace"
              aria-invalid={invalid || undefined}
              aria-describedby={hintId}
              onChange={(event) => setValue(event.target.value)}
              onBlur={() => setTouched(true)}
            />
          </div>
          <p id={hintId} className={invalid ? 'field__error' : 'field__hint'}>
            {invalid
              ? 'Enter a name so others know who is writing.'
              : 'Stored in this browser only.'}
          </p>
        </div>
        <DialogActions>
          {onCancel && (
            <Button variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
          )}
          <Button type="submit" variant="primary">
            {firstVisit ? 'Start writing' : 'Save name'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
