import type { ReactNode } from 'react';
import { AppHeader } from './AppHeader.tsx';

/**
 * A page that is one state panel (a brief not found, in the trash, not
 * shared with you; a page that does not exist), under the app header so
 * that the way home and the account menu stay where they always are.
 */
export function StatePage({ children }: { children: ReactNode }) {
  return (
    <div className="page page--state">
      <AppHeader />
      <main className="page__center">{children}</main>
    </div>
  );
}
