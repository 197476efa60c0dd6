import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { BriefId } from '../../shared/briefId.ts';
import { useBrief, type BriefState } from '../briefs/useBrief.ts';
import { SaveStatus } from '../collab/SaveStatus.tsx';
import type { CollabSession } from '../collab/session.ts';
import { useCollab } from '../collab/useCollab.ts';
import { useSyncStatus, useUnsavedChangesPrompt } from '../collab/useSyncStatus.ts';
import { useIdentity, type Identity } from '../identity/IdentityContext.tsx';
import { UserButton } from '../identity/UserButton.tsx';
import { PresenceAvatars } from '../presence/PresenceAvatars.tsx';
import { usePresence } from '../presence/usePresence.ts';
import { Link, type NavigationState } from '../router.tsx';
import { CardsSidebar } from '../sidebar/CardsSidebar.tsx';
import { Button } from '../ui/Button.tsx';
import { IconAlert, IconArrowLeft, IconDocument } from '../ui/icons.tsx';
import { StatePanel } from '../ui/States.tsx';
import { Editor } from './Editor.tsx';
import { EditorSkeleton } from './EditorSkeleton.tsx';
import { TitleField } from './TitleField.tsx';

type EditorHandle = { focus: () => void };

export function BriefPage({ briefId }: { briefId: BriefId }) {
  const identity = useIdentity();
  const { state: brief, rename } = useBrief(briefId);
  const editorHandle = useRef<EditorHandle | null>(null);
  // A brief just created opens with its title selected for typing; only on that first visit,
  // so the flag is read once and cleared from history (a reload should not steal focus).
  const [focusTitle] = useState(
    () => (history.state as NavigationState | null)?.focusTitle === true,
  );
  useEffect(() => {
    if ((history.state as NavigationState | null)?.focusTitle) history.replaceState({}, '');
  }, []);

  const title = brief.status === 'ready' ? brief.brief.title : null;
  useEffect(() => {
    document.title = title ? `${title} — Briefdesk` : 'Briefdesk';
  }, [title]);

  if (brief.status === 'not-found') return <MissingBrief />;

  const titleSlot = (
    <TitleSlot
      brief={brief}
      rename={rename}
      autoFocus={focusTitle}
      onDone={() => editorHandle.current?.focus()}
    />
  );
  return (
    <Workspace
      briefId={briefId}
      identity={identity}
      title={titleSlot}
      editorHandle={editorHandle}
    />
  );
}

function Workspace({
  briefId,
  identity,
  title,
  editorHandle,
}: {
  briefId: BriefId;
  identity: Identity;
  title: ReactNode;
  editorHandle: React.RefObject<EditorHandle | null>;
}) {
  const collab = useCollab(briefId, identity);
  if (collab.status === 'ready') {
    return (
      <LiveWorkspace
        session={collab}
        identity={identity}
        title={title}
        editorHandle={editorHandle}
      />
    );
  }
  return (
    <Layout
      title={title}
      live={
        collab.status === 'connecting' && (
          <SaveStatus
            status={{ state: 'connecting', unsaved: false, errorMessage: null }}
            persisted
          />
        )
      }
    >
      {collab.status === 'error' ? (
        <StatePanel
          icon={<IconAlert size={24} />}
          tone="danger"
          title="This brief couldn’t be opened"
          action={<Button onClick={() => location.reload()}>Reload</Button>}
        >
          {collab.error.message}
        </StatePanel>
      ) : (
        <EditorSkeleton />
      )}
    </Layout>
  );
}

function LiveWorkspace({
  session,
  identity,
  title,
  editorHandle,
}: {
  session: CollabSession;
  identity: Identity;
  title: ReactNode;
  editorHandle: React.RefObject<EditorHandle | null>;
}) {
  const status = useSyncStatus(session.tracker);
  const collaborators = usePresence(session.provider.awareness);
  useUnsavedChangesPrompt(session.tracker);
  const closed = status.state === 'error';

  return (
    <Layout
      title={title}
      live={
        <>
          <SaveStatus status={status} persisted={session.persisted} />
          <PresenceAvatars collaborators={collaborators} />
        </>
      }
    >
      {closed && (
        <div className="banner banner--danger" role="alert">
          <IconAlert size={18} />
          <span>
            <strong>{status.errorMessage}.</strong> Editing is turned off.
          </span>
          <Link to="/" className="banner__action">
            Back to briefs
          </Link>
        </div>
      )}
      <Editor session={session} user={identity} editable={!closed} editorRef={editorHandle} />
    </Layout>
  );
}

function Layout({
  title,
  live,
  children,
}: {
  title: ReactNode;
  live: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="brief-page">
      <header className="topbar">
        <Link to="/" className="back-link" title="All briefs">
          <IconArrowLeft size={18} />
          <span>Briefs</span>
        </Link>
        <div className="topbar__title">{title}</div>
        <div className="topbar__live">{live}</div>
        <UserButton />
      </header>
      <div className="workspace">
        <main className="doc-column">{children}</main>
        <CardsSidebar />
      </div>
    </div>
  );
}

function TitleSlot({
  brief,
  rename,
  autoFocus,
  onDone,
}: {
  brief: BriefState;
  rename: (title: string) => Promise<unknown>;
  autoFocus: boolean;
  onDone: () => void;
}) {
  if (brief.status === 'loading') {
    return (
      <>
        <span className="skeleton skeleton--title" aria-hidden="true" />
        <span className="sr-only">Loading title</span>
      </>
    );
  }
  if (brief.status === 'ready') {
    return (
      <TitleField title={brief.brief.title} onSave={rename} autoFocus={autoFocus} onDone={onDone} />
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

function MissingBrief() {
  return (
    <div className="page page--center">
      <StatePanel
        headingLevel={1}
        icon={<IconDocument size={24} />}
        title="This brief doesn’t exist"
        action={
          <Link to="/" className="btn btn--primary btn--md">
            <span className="btn__label">Go to all briefs</span>
          </Link>
        }
      >
        It may have been deleted, or the link is mistyped.
      </StatePanel>
    </div>
  );
}
