import { adminPath, Link, type AdminTab } from '../router.tsx';
import { AppHeader } from '../ui/AppHeader.tsx';
import { AuditTab } from './AuditTab.tsx';
import { UsersTab } from './UsersTab.tsx';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';

const TABS: { tab: AdminTab; label: string }[] = [
  { tab: 'users', label: 'Users' },
  { tab: 'audit', label: 'Audit log' },
];

/**
 * People and the audit log. The tabs are links (each has its own URL, so a tab
 * can be bookmarked or opened in a new window), marked with aria-current.
 */
export function AdminPage({ tab }: { tab: AdminTab }) {
  useDocumentTitle(`${tab === 'users' ? 'Users' : 'Audit log'} — Admin`);

  return (
    <div className="page">
      <AppHeader />
      <main className="admin">
        <div className="admin__head">
          <div>
            <h1 className="admin__title">Admin</h1>
            <p className="admin__subtitle">Who can sign in, and what happened.</p>
          </div>
        </div>
        <nav className="tabs" aria-label="Admin sections">
          {TABS.map(({ tab: t, label }) => (
            <Link
              key={t}
              to={adminPath(t)}
              className="tabs__tab"
              aria-current={t === tab ? 'page' : undefined}
            >
              {label}
            </Link>
          ))}
        </nav>
        {tab === 'users' ? <UsersTab /> : <AuditTab />}
      </main>
    </div>
  );
}
