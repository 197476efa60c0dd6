import type { ApiError } from '../api.ts';
import { Logo } from '../ui/AppHeader.tsx';
import { Button } from '../ui/Button.tsx';
import { IconCloudOff } from '../ui/icons.tsx';
import { Spinner } from '../ui/Spinner.tsx';
import { StatePanel } from '../ui/States.tsx';

/** While `GET /api/session` is out: the brand, quietly, instead of a flash of the sign-in form. */
export function SessionLoading() {
  return (
    <div className="splash" aria-busy="true">
      <div className="splash__mark">
        <Logo />
      </div>
      <Spinner size={18} label="Opening Briefdesk" />
    </div>
  );
}

/** The server could not be asked who this is, and this device has never signed in. */
export function SessionUnreachable({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  return (
    <div className="auth-page">
      <div className="auth-page__brand">
        <Logo />
      </div>
      <div className="page--center auth-page__panel">
        <StatePanel
          headingLevel={1}
          tone="danger"
          icon={<IconCloudOff size={24} />}
          title="Can’t reach Briefdesk"
          action={
            <Button variant="primary" onClick={onRetry}>
              Try again
            </Button>
          }
        >
          {error.isNetworkError
            ? 'Check your connection. Briefdesk needs the server once to sign you in; after that, briefs you opened keep working offline.'
            : error.message}
        </StatePanel>
      </div>
    </div>
  );
}
