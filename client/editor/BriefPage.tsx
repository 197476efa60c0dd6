import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { BriefId } from '../../shared/briefId.ts';
import { CloseCode } from '../../shared/closeCodes.ts';
import { can, canWrite, type BriefRole } from '../../shared/roles.ts';
import { useAccount, usePresenceUser, useSession } from '../auth/AuthContext.tsx';
import { ReadOnlyBadge } from '../briefs/roles.tsx';
import { useBrief } from '../briefs/useBrief.ts';
import { ApiError, listTrash, restoreBrief } from '../api.ts';
import type { CloseInfo } from '../collab/closeReasons.ts';
import { SaveStatus } from '../collab/SaveStatus.tsx';
import { useApprovalAfterSaves } from '../history/useApproval.ts';
import type { CollabSession } from '../collab/session.ts';
import { useCollab } from '../collab/useCollab.ts';
import { useSyncStatus, useUnsavedChangesPrompt } from '../collab/useSyncStatus.ts';
import { ExportButton } from '../export/ExportButton.tsx';
import { ApprovalPill } from '../history/ApprovalPill.tsx';
import { HistoryButton } from '../history/HistoryButton.tsx';
import { PresenceAvatars } from '../presence/PresenceAvatars.tsx';
import { usePresence } from '../presence/usePresence.ts';
import { Link, type NavigationState } from '../router.tsx';
import { ShareButton } from '../share/ShareButton.tsx';
import { Button } from '../ui/Button.tsx';
import { IconAlert, IconDocument, IconLock, IconTrash } from '../ui/icons.tsx';
import { StatePage } from '../ui/StatePage.tsx';
import { StatePanel } from '../ui/States.tsx';
import { BriefLayout, TitleSlot } from './BriefLayout.tsx';
import { Editor } from './Editor.tsx';
import { EditorSkeleton } from './EditorSkeleton.tsx';
import { TextFocus } from './textFocus.ts';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';

export function BriefPage({ briefId }: { briefId: BriefId }) {
  const { state: brief, rename, pendingTitle, reload, markDeleted } = useBrief(briefId);
  const { expire } = useSession();
  const [textFocus] = useState(() => new TextFocus());
  // A brief just created opens with its title selected for typing; only on that first visit,
  // so the flag is read once and cleared from history (a reload should not steal focus).
  const [focusTitle] = useState(
    () => (history.state as NavigationState | null)?.focusTitle === true,
  );
  useEffect(() => {
    if ((history.state as NavigationState | null)?.focusTitle) history.replaceState({}, '');
  }, []);

  const known = brief.status === 'ready' || brief.status === 'deleted' ? brief.brief : null;
  const title = known?.title ?? null;
  useDocumentTitle(
    brief.status === 'not-found'
      ? 'Brief not found'
      : brief.status === 'trashed'
        ? 'Brief in the trash'
        : brief.status === 'forbidden'
          ? 'No access'
          : title,
  );

  // The socket learns of a lost session or access before the next metadata poll does.
  const onTerminalClose = useCallback(
    (info: CloseInfo) => {
      if (info.code === CloseCode.Unauthorized.code) expire();
      else if (info.code === CloseCode.Forbidden.code) reload();
      else if (info.code === CloseCode.BriefNotFound.code) markDeleted(false);
      else if (info.code === CloseCode.BriefTrashed.code) markDeleted(true);
    },
    [expire, reload, markDeleted],
  );

  if (brief.status === 'not-found') return <MissingBrief />;
  if (brief.status === 'trashed') return <TrashedBrief briefId={briefId} />;
  if (brief.status === 'forbidden') return <NoAccess revoked={brief.revoked} />;

  const role: BriefRole | null = brief.status === 'ready' ? brief.brief.role : null;
  // Unknown while loading: read-only until the role is known. Unreachable and never seen
  // here: editable, as offline editing always was; the server decides when it is back.
  const writable = brief.status === 'unavailable' || canWrite(role);

  return (
    <Workspace
      briefId={briefId}
      role={role}
      writable={writable}
      readOnly={role !== null && !writable}
      title={
        <TitleSlot
          brief={brief}
          rename={rename}
          pendingTitle={pendingTitle}
          editable={writable}
          autoFocus={focusTitle && writable}
          onDone={() => textFocus.request()}
          badge={
            role && (
              <>
                <ReadOnlyBadge role={role} />
                <ApprovalPill briefId={briefId} />
              </>
            )
          }
        />
      }
      actions={
        brief.status === 'ready' && (
          <>
            <HistoryButton briefId={briefId} role={role} />
            <ExportButton briefId={briefId} role={role} />
            <ShareButton
              brief={brief.brief}
              canShare={can(role, 'share')}
              onOwnAccessChanged={reload}
            />
          </>
        )
      }
      textFocus={textFocus}
      onTerminalClose={onTerminalClose}
    />
  );
}

interface WorkspaceProps {
  briefId: BriefId;
  /** The person's role on the brief; null while unknown. */
  role: BriefRole | null;
  /** The role allows editing. */
  writable: boolean;
  /** The role is known and read-only (as opposed to loading, or a brief closed by the server). */
  readOnly: boolean;
  title: ReactNode;
  actions: ReactNode;
  textFocus: TextFocus;
  onTerminalClose: (info: CloseInfo) => void;
}

/**
 * One layout for every state of the live document, so the title field is never
 * remounted when the connection becomes ready: a remount would drop what the
 * person is typing into a just-created brief's title.
 */
function Workspace({ briefId, role, title, actions, onTerminalClose, ...rest }: WorkspaceProps) {
  const { id: userId } = useAccount();
  const user = usePresenceUser();
  const collab = useCollab(briefId, { userId, user, onTerminalClose });
  const session = collab.status === 'ready' ? collab : null;

  let live: ReactNode = null;
  if (session) live = <LiveStatus briefId={briefId} session={session} readOnly={rest.readOnly} />;
  else if (collab.status === 'connecting') {
    live = (
      <SaveStatus status={{ state: 'connecting', unsaved: false, errorMessage: null }} persisted />
    );
  }

  return (
    <BriefLayout title={title} actions={actions} live={live} briefId={briefId} role={role}>
      {session ? (
        <LiveDocument session={session} {...rest} />
      ) : collab.status === 'error' ? (
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
    </BriefLayout>
  );
}

function LiveStatus({
  briefId,
  session,
  readOnly,
}: {
  briefId: BriefId;
  session: CollabSession;
  readOnly: boolean;
}) {
  const status = useSyncStatus(session.tracker);
  useApprovalAfterSaves(briefId, session.tracker);
  const collaborators = usePresence(session.provider.awareness);
  return (
    <>
      <SaveStatus status={status} persisted={session.persisted} readOnly={readOnly} />
      <PresenceAvatars collaborators={collaborators} />
    </>
  );
}

function LiveDocument({
  session,
  writable,
  readOnly,
  textFocus,
}: Pick<WorkspaceProps, 'writable' | 'readOnly' | 'textFocus'> & { session: CollabSession }) {
  const user = usePresenceUser();
  const status = useSyncStatus(session.tracker);
  useUnsavedChangesPrompt(session.tracker, writable);
  const closed = status.state === 'error';

  return (
    <>
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
      <Editor
        session={session}
        user={user}
        editable={writable && !closed}
        readOnly={readOnly}
        textFocus={textFocus}
      />
    </>
  );
}

function MissingBrief() {
  return (
    <StatePage>
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
    </StatePage>
  );
}

/**
 * A link to a brief in the trash. Whoever may restore it (its owner, an
 * admin) finds it in their trash, and gets a Restore button here too.
 */
function TrashedBrief({ briefId }: { briefId: BriefId }) {
  const [canRestore, setCanRestore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    listTrash(controller.signal).then(
      (trashed) => setCanRestore(trashed.some((b) => b.id === briefId)),
      () => undefined, // without the trash list, the panel offers no restore
    );
    return () => controller.abort();
  }, [briefId]);

  const restore = async () => {
    setBusy(true);
    setError(null);
    try {
      await restoreBrief(briefId);
      // A fresh start: the page opens the restored brief like any other.
      location.reload();
    } catch (err) {
      setBusy(false);
      setError(err instanceof ApiError ? err.message : 'Couldn’t restore the brief.');
    }
  };

  return (
    <StatePage>
      <StatePanel
        headingLevel={1}
        icon={<IconTrash size={24} />}
        title="This brief is in the trash"
        action={
          <div className="state__actions">
            {canRestore && (
              <Button variant="primary" onClick={() => void restore()} busy={busy}>
                Restore brief
              </Button>
            )}
            <Link to="/" className="btn btn--secondary btn--md">
              <span className="btn__label">Go to all briefs</span>
            </Link>
          </div>
        }
      >
        {canRestore
          ? 'Nobody can open it until it is restored. Restoring brings back its text, history and people.'
          : 'Nobody can open it until its owner restores it from their trash.'}
        {error && (
          <span className="field__error" role="alert">
            {' '}
            {error}
          </span>
        )}
      </StatePanel>
    </StatePage>
  );
}

function NoAccess({ revoked }: { revoked: boolean }) {
  return (
    <StatePage>
      <StatePanel
        headingLevel={1}
        tone="danger"
        icon={<IconLock size={24} />}
        title={revoked ? 'You no longer have access' : 'You don’t have access to this brief'}
        action={
          <Link to="/" className="btn btn--primary btn--md">
            <span className="btn__label">Go to all briefs</span>
          </Link>
        }
      >
        {revoked
          ? 'This brief’s owner removed you from it. Ask them to share it again if you still need it.'
          : 'Briefs are open to the people their owner shares them with. Ask the owner to add you.'}
      </StatePanel>
    </StatePage>
  );
}
