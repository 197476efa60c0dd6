import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, toApiError } from '../api.ts';
import { Logo } from '../ui/AppHeader.tsx';
import { Button } from '../ui/Button.tsx';
import { IconAlert, IconCloudOff, IconEye, IconEyeOff, IconLock } from '../ui/icons.tsx';
import { useSession, type SignedOutReason } from './AuthContext.tsx';
import { formatWait, useCountdown } from './useCountdown.ts';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';

type Problem =
  | { kind: 'none' }
  | { kind: 'missing'; field: 'username' | 'password' }
  | { kind: 'wrong' }
  | { kind: 'rate-limited'; until: number; seconds: number }
  | { kind: 'unreachable' }
  | { kind: 'other'; message: string };

/** Used when a 429 comes without Retry-After: the server's window is minutes long. */
const DEFAULT_WAIT_SECONDS = 60;

const NOTICES: Record<SignedOutReason, string | null> = {
  none: null,
  expired: 'Your session has ended. Sign in again to pick up where you left off.',
  'signed-out': 'You’re signed out.',
};

export function SignInPage({
  reason,
  username: knownUsername,
}: {
  reason: SignedOutReason;
  username: string | null;
}) {
  const { signIn } = useSession();
  const [username, setUsername] = useState(knownUsername ?? '');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>({ kind: 'none' });
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const ids = { user: useId(), password: useId(), problem: useId() };
  const waitLeft = useCountdown(problem.kind === 'rate-limited' ? problem.until : null);
  const rateLimited = problem.kind === 'rate-limited' && waitLeft > 0;

  useDocumentTitle('Sign in');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || rateLimited) return;
    if (!username.trim()) {
      setProblem({ kind: 'missing', field: 'username' });
      usernameRef.current?.focus();
      return;
    }
    if (!password) {
      setProblem({ kind: 'missing', field: 'password' });
      passwordRef.current?.focus();
      return;
    }
    setBusy(true);
    setProblem({ kind: 'none' });
    try {
      // On success the session state changes and this page goes away.
      await signIn(username.trim(), password);
    } catch (error) {
      setBusy(false);
      setProblem(problemFrom(toApiError(error)));
      if (error instanceof ApiError && error.status === 401) {
        setPassword('');
        passwordRef.current?.focus();
      }
    }
  };

  const notice = problem.kind === 'none' ? NOTICES[reason] : null;
  const wrong = problem.kind === 'wrong';
  const userInvalid = wrong || (problem.kind === 'missing' && problem.field === 'username');
  const passwordInvalid = wrong || (problem.kind === 'missing' && problem.field === 'password');

  return (
    <div className="auth-page">
      <div className="auth-page__brand">
        <Logo />
      </div>
      <main className="auth-card" aria-labelledby="sign-in-title">
        <span className="auth-card__icon" aria-hidden="true">
          <IconLock size={22} />
        </span>
        <h1 id="sign-in-title" className="auth-card__title">
          Sign in to Briefdesk
        </h1>
        <p className="auth-card__lead">Write policy briefings together, live.</p>

        {notice && (
          <p className="banner banner--info auth-card__banner" role="status">
            {notice}
          </p>
        )}
        <ProblemBanner problem={problem} waitLeft={waitLeft} id={ids.problem} />

        <form className="auth-form" onSubmit={(event) => void submit(event)} noValidate>
          <div className="field">
            <label htmlFor={ids.user} className="field__label">
              Username
            </label>
            <input
              ref={usernameRef}
              id={ids.user}
              className="input input--lg"
              name="username"
              value={username}
              autoComplete="username"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              // A returning person (session ended) only needs their password.
              autoFocus={!knownUsername}
              aria-invalid={userInvalid || undefined}
              aria-describedby={problem.kind !== 'none' ? ids.problem : undefined}
              onChange={(event) => setUsername(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.password} className="field__label">
              Password
            </label>
            <div className="password-field">
              <input
                ref={passwordRef}
                id={ids.password}
                className="input input--lg"
                name="password"
                type={showPassword ? 'text' : 'password'}
                value={password}
                autoComplete="current-password"
                autoFocus={!!knownUsername}
                aria-invalid={passwordInvalid || undefined}
                aria-describedby={problem.kind !== 'none' ? ids.problem : undefined}
                onChange={(event) => setPassword(event.target.value)}
              />
              <button
                type="button"
                className="password-field__toggle"
                aria-label={showPassword ? 'Hide password' : 'Show password'}
                aria-pressed={showPassword}
                title={showPassword ? 'Hide password' : 'Show password'}
                onClick={() => setShowPassword((v) => !v)}
              >
                {showPassword ? <IconEyeOff size={17} /> : <IconEye size={17} />}
              </button>
            </div>
          </div>
          <Button
            type="submit"
            variant="primary"
            className="auth-form__submit"
            busy={busy}
            disabled={rateLimited}
          >
            {busy ? 'Signing in…' : 'Sign in'}
          </Button>
        </form>
        <p className="auth-card__foot">Forgot your password? Ask an administrator to reset it.</p>
      </main>
    </div>
  );
}

function problemFrom(error: ApiError): Problem {
  if (error.isNetworkError) return { kind: 'unreachable' };
  if (error.status === 401) return { kind: 'wrong' };
  if (error.status === 429) {
    const seconds = error.retryAfter ?? DEFAULT_WAIT_SECONDS;
    return { kind: 'rate-limited', until: Date.now() + seconds * 1000, seconds };
  }
  return { kind: 'other', message: error.message };
}

function ProblemBanner({
  problem,
  waitLeft,
  id,
}: {
  problem: Problem;
  waitLeft: number;
  id: string;
}) {
  switch (problem.kind) {
    case 'none':
      return null;
    case 'missing':
      return (
        <p id={id} className="banner banner--danger auth-card__banner" role="alert">
          <IconAlert size={18} />
          {problem.field === 'username' ? 'Enter your username.' : 'Enter your password.'}
        </p>
      );
    case 'wrong':
      return (
        <p id={id} className="banner banner--danger auth-card__banner" role="alert">
          <IconAlert size={18} />
          That username and password don’t match. Check both and try again.
        </p>
      );
    case 'rate-limited':
      return (
        <div
          id={id}
          className="banner banner--warning auth-card__banner"
          data-testid="sign-in-rate-limited"
        >
          <IconAlert size={18} />
          {/* Screen readers hear the wait once; the ticking text is for the eyes only. */}
          <span className="sr-only" role="alert">
            Too many failed sign-ins. Try again in {formatWait(problem.seconds)}.
          </span>
          <span aria-hidden="true">
            {waitLeft > 0 ? (
              <>
                Too many failed sign-ins. Try again in{' '}
                <strong className="tabular">{formatWait(waitLeft)}</strong>.
              </>
            ) : (
              'You can try signing in again now.'
            )}
          </span>
        </div>
      );
    case 'unreachable':
      return (
        <p id={id} className="banner banner--danger auth-card__banner" role="alert">
          <IconCloudOff size={18} />
          Can’t reach Briefdesk. Check your connection, then try again.
        </p>
      );
    case 'other':
      return (
        <p id={id} className="banner banner--danger auth-card__banner" role="alert">
          <IconAlert size={18} />
          {problem.message}
        </p>
      );
  }
}
