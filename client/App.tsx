import { useEffect } from 'react';
import { AdminPage } from './admin/AdminPage.tsx';
import { AuthProvider, useAccount, useSession } from './auth/AuthContext.tsx';
import { nextFromLocation, SIGN_IN_PATH, signInPathFor } from './auth/returnTo.ts';
import { SessionLoading, SessionUnreachable } from './auth/SessionScreens.tsx';
import { SignInPage } from './auth/SignInPage.tsx';
import { BriefsPage } from './briefs/BriefsPage.tsx';
import { TrashPage } from './briefs/TrashPage.tsx';
import { BriefPage } from './editor/BriefPage.tsx';
import { Link, navigate, parseRoute, usePathname, type Route } from './router.tsx';
import { IconDocument, IconShield } from './ui/icons.tsx';
import { StatePage } from './ui/StatePage.tsx';
import { StatePanel } from './ui/States.tsx';
import { ToastProvider } from './ui/Toast.tsx';
import { useDocumentTitle } from './ui/useDocumentTitle.ts';

export function App() {
  return (
    <AuthProvider>
      <ToastProvider>
        <Routes />
      </ToastProvider>
    </AuthProvider>
  );
}

/** Replaces the URL after render; for routes that only make sense in another state. */
function Redirect({ to }: { to: string }) {
  useEffect(() => {
    navigate(to, { replace: true });
  }, [to]);
  return null;
}

function Routes() {
  const { state, recheck } = useSession();
  const pathname = usePathname();
  const route = parseRoute(pathname);

  switch (state.status) {
    case 'checking':
      return <SessionLoading />;
    case 'unreachable':
      return <SessionUnreachable error={state.error} onRetry={recheck} />;
    case 'signed-out': {
      // The page asked for is kept in ?next= so signing in comes back to it,
      // except after a deliberate sign-out, when the next person starts fresh.
      const target =
        state.reason === 'signed-out' ? SIGN_IN_PATH : signInPathFor(pathname + location.search);
      return (
        <>
          {route.name !== 'signin' && <Redirect to={target} />}
          <SignInPage reason={state.reason} username={state.username} />
        </>
      );
    }
    case 'signed-in':
      return <SignedInRoutes route={route} />;
  }
}

function SignedInRoutes({ route }: { route: Route }) {
  const account = useAccount();
  switch (route.name) {
    case 'signin':
      return <Redirect to={nextFromLocation()} />;
    case 'briefs':
      return <BriefsPage />;
    case 'trash':
      return <TrashPage />;
    case 'brief':
      // A new key per brief: nothing of one brief's live state may leak into the next.
      return <BriefPage key={route.briefId} briefId={route.briefId} />;
    case 'admin':
      if (account.role !== 'admin') {
        return (
          <CenteredPanel icon={<IconShield size={24} />} title="Only administrators can go here">
            The Admin screen manages people and shows the audit log. Ask an administrator if you
            need a change.
          </CenteredPanel>
        );
      }
      return <AdminPage tab={route.tab} />;
    case 'not-found':
      return (
        <CenteredPanel icon={<IconDocument size={24} />} title="Page not found">
          Nothing lives at <code>{route.path}</code>.
        </CenteredPanel>
      );
  }
}

function CenteredPanel({
  icon,
  title,
  children,
}: {
  icon: React.ReactNode;
  title: string;
  children: React.ReactNode;
}) {
  useDocumentTitle(title);
  return (
    <StatePage>
      <StatePanel
        headingLevel={1}
        icon={icon}
        title={title}
        action={
          <Link to="/" className="btn btn--primary btn--md">
            <span className="btn__label">Go to all briefs</span>
          </Link>
        }
      >
        {children}
      </StatePanel>
    </StatePage>
  );
}
