import { BriefsPage } from './briefs/BriefsPage.tsx';
import { BriefPage } from './editor/BriefPage.tsx';
import { IdentityProvider, useMaybeIdentity, useSetName } from './identity/IdentityContext.tsx';
import { NameDialog } from './identity/NameDialog.tsx';
import { Link, parseRoute, usePathname } from './router.tsx';
import { Logo } from './ui/AppHeader.tsx';
import { IconDocument } from './ui/icons.tsx';
import { StatePanel } from './ui/States.tsx';
import { ToastProvider } from './ui/Toast.tsx';

export function App() {
  return (
    <IdentityProvider>
      <ToastProvider>
        <Routes />
      </ToastProvider>
    </IdentityProvider>
  );
}

function Routes() {
  const identity = useMaybeIdentity();
  const setName = useSetName();
  const route = parseRoute(usePathname());

  // Everything else needs a name: it is sent with every edit and shown to co-authors.
  if (!identity) {
    return (
      <div className="welcome">
        <div className="welcome__brand">
          <Logo />
        </div>
        <NameDialog onSubmit={setName} />
      </div>
    );
  }

  switch (route.name) {
    case 'briefs':
      return <BriefsPage />;
    case 'brief':
      // A new key per brief: nothing of one brief's live state may leak into the next.
      return <BriefPage key={route.briefId} briefId={route.briefId} />;
    case 'not-found':
      return (
        <div className="page page--center">
          <StatePanel
            headingLevel={1}
            icon={<IconDocument size={24} />}
            title="Page not found"
            action={
              <Link to="/" className="btn btn--primary btn--md">
                <span className="btn__label">Go to all briefs</span>
              </Link>
            }
          >
            Nothing lives at <code>{route.path}</code>.
          </StatePanel>
        </div>
      );
  }
}
