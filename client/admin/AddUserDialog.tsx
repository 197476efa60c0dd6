import { useId, useState, type FormEvent } from 'react';
import { DISPLAY_NAME_MAX_LENGTH, type AccountSummary } from '../../shared/api.ts';
import { isOrgRole, ORG_ROLES, type OrgRole } from '../../shared/roles.ts';
import { toApiError } from '../api.ts';
import { ORG_ROLE_LABELS } from '../auth/orgRoles.ts';
import { Button } from '../ui/Button.tsx';
import { Dialog, DialogActions } from '../ui/Dialog.tsx';
import { IconAlert } from '../ui/icons.tsx';
import { OneTimeSecret } from './OneTimeSecret.tsx';
import { MIN_PASSWORD_LENGTH } from './passwords.ts';
import type { useAccounts } from './useAccounts.ts';

/** The server's rule (server/auth/service.ts), checked here for an immediate answer. */
const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;

type Errors = Partial<Record<'username' | 'displayName' | 'password' | 'form', string>>;

interface AddUserDialogProps {
  create: ReturnType<typeof useAccounts>['create'];
  onClose: () => void;
  /** Added with a typed password: nothing to show, so the dialog closes. */
  onAdded: (account: AccountSummary) => void;
}

export function AddUserDialog({ create, onClose, onAdded }: AddUserDialogProps) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<OrgRole>('staff');
  const [passwordMode, setPasswordMode] = useState<'generate' | 'choose'>('generate');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ account: AccountSummary; password: string } | null>(null);
  const id = useId();

  const validate = (): Errors => {
    const found: Errors = {};
    const name = username.trim().toLowerCase();
    if (!name) found.username = 'Enter a username.';
    else if (!USERNAME_PATTERN.test(name))
      found.username = '2–32 characters: lowercase letters, digits, dot, dash or underscore.';
    if (!displayName.trim()) found.displayName = 'Enter the name co-authors will see.';
    if (passwordMode === 'choose' && password.length < MIN_PASSWORD_LENGTH)
      found.password = `At least ${MIN_PASSWORD_LENGTH} characters.`;
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      const first = Object.keys(found)[0];
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const created = await create({
        username: username.trim().toLowerCase(),
        displayName: displayName.trim(),
        role,
        password: passwordMode === 'choose' ? password : undefined,
      });
      if (created.generatedPassword) {
        setDone({ account: created.user, password: created.generatedPassword });
      } else {
        onAdded(created.user);
      }
    } catch (error) {
      const apiError = toApiError(error);
      setBusy(false);
      setErrors(
        apiError.code === 'conflict'
          ? { username: apiError.message }
          : { form: `Couldn’t add the user: ${apiError.message}` },
      );
    }
  };

  if (done) {
    return (
      <Dialog
        title={`${done.account.displayName} was added`}
        description={
          <>
            They sign in as <strong>{done.account.username}</strong> with this password.
          </>
        }
        onClose={onClose}
        size="md"
      >
        <OneTimeSecret label="Generated password" secret={done.password} />
        <DialogActions>
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  const field = (name: keyof Errors) => ({
    id: `${id}-${name}`,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': `${id}-${name}-hint`,
  });
  const hint = (name: keyof Errors, text: string) => (
    <p id={`${id}-${name}-hint`} className={errors[name] ? 'field__error' : 'field__hint'}>
      {errors[name] ?? text}
    </p>
  );

  return (
    <Dialog
      title="Add a user"
      description="They can sign in at once and see the briefs people share with them."
      onClose={() => {
        if (!busy) onClose();
      }}
      size="md"
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        {errors.form && (
          <p className="banner banner--danger dialog__banner" role="alert">
            <IconAlert size={18} /> {errors.form}
          </p>
        )}
        <div className="field-grid">
          <div className="field">
            <label htmlFor={`${id}-username`} className="field__label">
              Username
            </label>
            <input
              {...field('username')}
              className="input"
              value={username}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={32}
              placeholder="e.g. ana.pena"
              // Usernames are stored lowercase; show what they will be.
              onChange={(event) => setUsername(event.target.value.toLowerCase())}
            />
            {hint('username', 'Lowercase letters, digits, . - _')}
          </div>
          <div className="field">
            <label htmlFor={`${id}-displayName`} className="field__label">
              Display name
            </label>
            <input
              {...field('displayName')}
              className="input"
              value={displayName}
              autoComplete="off"
              maxLength={DISPLAY_NAME_MAX_LENGTH}
              placeholder="e.g. Ana Peña"
              onChange={(event) => setDisplayName(event.target.value)}
            />
            {hint('displayName', 'Shown beside their cursor and in lists.')}
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`} className="field__label">
            Role
          </label>
          <select
            id={`${id}-role`}
            className="select"
            value={role}
            onChange={(event) => {
              if (isOrgRole(event.target.value)) setRole(event.target.value);
            }}
          >
            {ORG_ROLES.map((r) => (
              <option key={r} value={r}>
                {ORG_ROLE_LABELS[r]}
              </option>
            ))}
          </select>
          <p className="field__hint">
            {role === 'admin'
              ? 'Administrators manage people, see the audit log and act as owner of every brief.'
              : 'Sees the briefs they create and the ones shared with them.'}
          </p>
        </div>
        <fieldset className="field choice">
          <legend className="field__label">Password</legend>
          <label className="choice__option">
            <input
              type="radio"
              name={`${id}-password-mode`}
              checked={passwordMode === 'generate'}
              onChange={() => setPasswordMode('generate')}
            />
            Generate one and show it to me once
          </label>
          <label className="choice__option">
            <input
              type="radio"
              name={`${id}-password-mode`}
              checked={passwordMode === 'choose'}
              onChange={() => setPasswordMode('choose')}
            />
            Set a password now
          </label>
          {passwordMode === 'choose' && (
            <>
              <input
                {...field('password')}
                aria-label="New password"
                className="input"
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
              {hint('password', `At least ${MIN_PASSWORD_LENGTH} characters.`)}
            </>
          )}
        </fieldset>
        <DialogActions>
          <Button variant="ghost" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy}>
            Add user
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
