import { useId, useState, type FormEvent } from 'react';
import { request, toApiError } from '../api.ts';
import { MIN_PASSWORD_LENGTH } from '../admin/passwords.ts';
import { Button } from '../ui/Button.tsx';
import { Dialog, DialogActions } from '../ui/Dialog.tsx';
import { IconAlert } from '../ui/icons.tsx';

type Field = 'current' | 'next' | 'confirm' | 'form';
type Errors = Partial<Record<Field, string>>;

/**
 * Changing one's own password: the current one, then the new one twice. The
 * server ends every other session of the person's (so a password an admin
 * handed over opens nothing any more); this one stays signed in.
 */
export function ChangePasswordDialog({
  onClose,
  onChanged,
}: {
  onClose: () => void;
  onChanged: () => void;
}) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const id = useId();

  const validate = (): Errors => {
    const found: Errors = {};
    if (!current) found.current = 'Enter your current password.';
    if (next.length < MIN_PASSWORD_LENGTH)
      found.next = `At least ${MIN_PASSWORD_LENGTH} characters.`;
    else if (next === current) found.next = 'Choose a password different from the current one.';
    if (confirm !== next) found.confirm = 'The two new passwords differ.';
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    const first = (Object.keys(found) as Field[])[0];
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await request<void>('POST', '/api/session/password', { body: { current, next } });
      onChanged();
    } catch (error) {
      const apiError = toApiError(error);
      setBusy(false);
      if (/current password/i.test(apiError.message)) {
        setErrors({ current: apiError.message });
        document.getElementById(`${id}-current`)?.focus();
      } else {
        setErrors({
          form: apiError.isNetworkError
            ? 'Can’t reach Briefdesk. Your password is unchanged; try again when you’re connected.'
            : `Couldn’t change the password: ${apiError.message}`,
        });
      }
    }
  };

  const input = (
    name: Exclude<Field, 'form'>,
    label: string,
    value: string,
    set: (v: string) => void,
    hint: string,
    autoComplete: string,
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`} className="field__label">
        {label}
      </label>
      <input
        id={`${id}-${name}`}
        className="input"
        type="password"
        value={value}
        autoComplete={autoComplete}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={`${id}-${name}-hint`}
        onChange={(event) => set(event.target.value)}
      />
      <p id={`${id}-${name}-hint`} className={errors[name] ? 'field__error' : 'field__hint'}>
        {errors[name] ?? hint}
      </p>
    </div>
  );

  return (
    <Dialog
      title="Change your password"
      description="You stay signed in here; every other device you use is signed out."
      onClose={() => {
        if (!busy) onClose();
      }}
      dismissible={!busy}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        {errors.form && (
          <p className="banner banner--danger dialog__banner" role="alert">
            <IconAlert size={18} /> {errors.form}
          </p>
        )}
        {input('current', 'Current password', current, setCurrent, '\u00a0', 'current-password')}
        {input(
          'next',
          'New password',
          next,
          setNext,
          `At least ${MIN_PASSWORD_LENGTH} characters.`,
          'new-password',
        )}
        {input('confirm', 'New password again', confirm, setConfirm, '\u00a0', 'new-password')}
        <DialogActions>
          <Button variant="ghost" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" busy={busy}>
            Change password
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
