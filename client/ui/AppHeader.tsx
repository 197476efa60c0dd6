import type { ReactNode } from 'react';
import { UserMenu } from '../auth/UserMenu.tsx';
import { Link } from '../router.tsx';

export function Logo() {
  return (
    <Link to="/" className="logo" aria-label="Briefdesk home">
      <svg width="24" height="24" viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="8" fill="currentColor" />
        <path
          d="M10 8h8.5a5 5 0 0 1 2.9 9.1A5.2 5.2 0 0 1 19 24H10z M10 16h9"
          fill="none"
          stroke="#fff"
          strokeWidth="2.6"
          strokeLinejoin="round"
        />
      </svg>
      <span className="logo__name">Briefdesk</span>
    </Link>
  );
}

export function AppHeader({ children }: { children?: ReactNode }) {
  return (
    <header className="app-header">
      <Logo />
      <div className="app-header__middle">{children}</div>
      <UserMenu />
    </header>
  );
}
