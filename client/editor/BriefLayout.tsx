import type { ReactNode } from 'react';
import type { BriefId } from '../../shared/briefId.ts';
import type { BriefRole } from '../../shared/roles.ts';
import { UserMenu } from '../auth/UserMenu.tsx';
import type { BriefState } from '../briefs/useBrief.ts';
import { Link } from '../router.tsx';
import { CardsSidebar } from '../sidebar/CardsSidebar.tsx';
import { IconArrowLeft } from '../ui/icons.tsx';
import { EditorProvider } from './EditorContext.tsx';
import { TitleField } from './TitleField.tsx';

/** The brief page's frame: top bar (back, title, live status, actions, account) and columns. */
export function BriefLayout({
  title,
  live,
  actions,
  children,
  briefId,
  role = null,
}: {
  title: ReactNode;
  live: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  /** For the cards sidebar: which brief, and whether this person may insert into it. */
  briefId?: BriefId;
  role?: BriefRole | null;
}) {
  return (
    // The editor (in children) publishes itself here for the sidebar to read and insert into.
    <EditorProvider>
      <div className="brief-page">
        <header className="topbar">
          <Link to="/" className="back-link" title="All briefs">
            <IconArrowLeft size={18} />
            <span>Briefs</span>
          </Link>
          <div className="topbar__title">{title}</div>
          <div className="topbar__live">{live}</div>
          {actions && <div className="topbar__actions">{actions}</div>}
          <UserMenu />
        </header>
        <div className="workspace">
          <main className="doc-column">{children}</main>
          <CardsSidebar briefId={briefId} role={role} />
        </div>
      </div>
    </EditorProvider>
  );
}

export function TitleSlot({
  brief,
  rename,
  pendingTitle,
  editable,
  autoFocus,
  onDone,
  badge,
}: {
  brief: BriefState;
  rename: (title: string) => Promise<unknown>;
  /** A title renamed here that the server does not have yet. */
  pendingTitle: string | null;
  /** False for read-only roles: the title shows as text. */
  editable: boolean;
  autoFocus: boolean;
  onDone: () => void;
  badge?: ReactNode;
}) {
  if (brief.status === 'loading') {
    return (
      <>
        <span className="skeleton skeleton--title" aria-hidden="true" />
        <span className="sr-only">Loading title</span>
      </>
    );
  }
  if (brief.status === 'ready' || brief.status === 'deleted') {
    return (
      <>
        {editable ? (
          <TitleField
            title={brief.brief.title}
            pending={pendingTitle}
            onSave={rename}
            autoFocus={autoFocus}
            onDone={onDone}
          />
        ) : (
          <h1 className="title-static" data-testid="brief-title">
            {brief.brief.title || 'Untitled brief'}
          </h1>
        )}
        {badge}
      </>
    );
  }
  // Offline and never opened on this device: the text is still there, the title is not.
  return (
    <span
      className="title-field title-field--unknown"
      title={brief.status === 'unavailable' ? brief.error.message : undefined}
    >
      Title unavailable offline
    </span>
  );
}
