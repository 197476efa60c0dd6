import { useCallback, useEffect, useRef, useState } from 'react';
import {
  TRASH_RETENTION_DAYS,
  type EmptyTrashResponse,
  type TrashedBriefSummary,
} from '../../shared/api.ts';
import type { BriefId } from '../../shared/briefId.ts';
import {
  ApiError,
  deleteForever,
  emptyTrash,
  isAbortError,
  listTrash,
  restoreBrief,
  toApiError,
} from '../api.ts';
import { useAccount } from '../auth/AuthContext.tsx';
import { localDatabaseName } from '../collab/session.ts';
import { Link } from '../router.tsx';
import { AppHeader } from '../ui/AppHeader.tsx';
import { Button } from '../ui/Button.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { IconAlert, IconArrowLeft, IconDocument, IconTrash } from '../ui/icons.tsx';
import { LoadErrorPanel } from '../ui/LoadErrorPanel.tsx';
import { StatePanel } from '../ui/States.tsx';
import { useToast } from '../ui/Toast.tsx';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';
import { useRefresh } from '../ui/useRefresh.ts';
import { forgetCachedBrief } from './briefCache.ts';
import { fullDate, relativeTime, useNow } from './relativeTime.ts';
import { ownedBy } from './roles.tsx';

type TrashState =
  | { status: 'loading' }
  | { status: 'ready'; briefs: TrashedBriefSummary[] }
  | { status: 'error'; error: ApiError };

/** Others trash and restore briefs too; nothing pushes that. */
const TRASH_POLL_MS = 15_000;

/**
 * The trash: briefs their owners deleted, kept whole for TRASH_RETENTION_DAYS.
 * Each can be restored (text, history, members and all) or deleted for good.
 */
export function TrashPage() {
  const [state, setState] = useState<TrashState>({ status: 'loading' });
  const [toPurge, setToPurge] = useState<TrashedBriefSummary | null>(null);
  const [emptying, setEmptying] = useState<TrashedBriefSummary[] | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const notify = useToast();
  const now = useNow();
  const { id: userId } = useAccount();
  useDocumentTitle('Trash');

  const load = useCallback((signal?: AbortSignal, quiet = false) => {
    listTrash(signal).then(
      (briefs) => setState({ status: 'ready', briefs }),
      (error: unknown) => {
        if (isAbortError(error)) return;
        // A background refresh keeps what is shown; only a first load shows the error.
        setState((prev) =>
          quiet && prev.status === 'ready' ? prev : { status: 'error', error: toApiError(error) },
        );
      },
    );
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);
  useRefresh(() => load(undefined, true), TRASH_POLL_MS);

  /** Takes a brief out of the list, moving focus to its neighbour (or the heading). */
  const drop = (id: string) => {
    setState((prev) => {
      if (prev.status !== 'ready') return prev;
      const index = prev.briefs.findIndex((b) => b.id === id);
      const next = prev.briefs[index + 1] ?? prev.briefs[index - 1];
      requestAnimationFrame(() => {
        const button = next
          ? document.querySelector<HTMLElement>(`[data-restore-for="${next.id}"]`)
          : null;
        (button ?? headingRef.current)?.focus();
      });
      return { ...prev, briefs: prev.briefs.filter((b) => b.id !== id) };
    });
  };

  const restore = async (brief: TrashedBriefSummary) => {
    setBusyId(brief.id);
    setActionError(null);
    try {
      await restoreBrief(brief.id);
      drop(brief.id);
      notify(`“${brief.title}” was restored`);
    } catch (err) {
      setActionError(err instanceof ApiError ? err.message : 'Couldn’t restore the brief.');
    } finally {
      setBusyId(null);
    }
  };

  /** Forgets what this browser keeps of a brief deleted for good: it can never sync again. */
  const forgetLocally = (id: BriefId) => {
    forgetCachedBrief(userId, id);
    try {
      indexedDB.deleteDatabase(localDatabaseName(userId, id));
    } catch {
      // Nothing to clean up without IndexedDB.
    }
  };

  const onPurged = (brief: TrashedBriefSummary) => {
    setToPurge(null);
    drop(brief.id);
    forgetLocally(brief.id);
    notify(`“${brief.title}” was deleted for good`);
  };

  const onEmptied = ({ deleted, skipped }: EmptyTrashResponse) => {
    setEmptying(null);
    const gone = new Set<string>(deleted);
    deleted.forEach(forgetLocally);
    setState((prev) =>
      prev.status === 'ready'
        ? { ...prev, briefs: prev.briefs.filter((b) => !gone.has(b.id)) }
        : prev,
    );
    requestAnimationFrame(() => headingRef.current?.focus());
    notify(
      skipped.length === 0
        ? `${plural(deleted.length, 'brief')} deleted for good`
        : `${plural(deleted.length, 'brief')} deleted for good. ${plural(skipped.length, 'brief')} had been restored or deleted meanwhile.`,
    );
    // Whatever was skipped changed elsewhere: show the trash as it now is.
    if (skipped.length > 0) load(undefined, true);
  };

  return (
    <div className="page">
      <AppHeader />
      <main className="briefs">
        <Link to="/" className="trash__back">
          <IconArrowLeft size={16} /> All briefs
        </Link>
        <div className="briefs__head">
          <div>
            <h1 className="briefs__title" ref={headingRef} tabIndex={-1}>
              Trash
            </h1>
            <p className="briefs__subtitle">
              Deleted briefs stay here for {TRASH_RETENTION_DAYS} days, then are deleted for good.
              Restoring one brings back its text, history and people.
            </p>
          </div>
          {state.status === 'ready' && state.briefs.length > 0 && (
            <Button
              variant="secondary"
              className="btn--danger-text"
              icon={<IconTrash size={16} />}
              onClick={() => setEmptying(state.briefs)}
            >
              Empty trash
            </Button>
          )}
        </div>
        {actionError && (
          <p className="banner banner--danger" role="alert">
            <IconAlert size={18} /> {actionError}
          </p>
        )}
        <section
          className="briefs__list"
          aria-label="Briefs in the trash"
          aria-busy={state.status === 'loading'}
        >
          {state.status === 'loading' && <p className="trash__loading">Loading the trash…</p>}
          {state.status === 'error' && (
            <LoadErrorPanel
              error={state.error}
              failedTitle="Couldn’t load the trash"
              listName="The trash"
              onRetry={() => load()}
            />
          )}
          {state.status === 'ready' && state.briefs.length === 0 && (
            <StatePanel icon={<IconTrash size={24} />} title="The trash is empty">
              Briefs you delete come here first, so a brief deleted by mistake can be restored.
            </StatePanel>
          )}
          {state.status === 'ready' && state.briefs.length > 0 && (
            <ul className="brief-list">
              {state.briefs.map((brief) => (
                <TrashRow
                  key={brief.id}
                  brief={brief}
                  now={now}
                  busy={busyId === brief.id}
                  onRestore={() => void restore(brief)}
                  onDeleteForever={() => setToPurge(brief)}
                />
              ))}
            </ul>
          )}
        </section>
      </main>
      {emptying && (
        <EmptyTrashDialog
          briefs={emptying}
          userId={userId}
          onCancel={() => setEmptying(null)}
          onEmptied={onEmptied}
        />
      )}
      {toPurge && (
        <DeleteForeverDialog
          brief={toPurge}
          onCancel={() => setToPurge(null)}
          onDeleted={() => onPurged(toPurge)}
        />
      )}
    </div>
  );
}

function TrashRow({
  brief,
  now,
  busy,
  onRestore,
  onDeleteForever,
}: {
  brief: TrashedBriefSummary;
  now: number;
  busy: boolean;
  onRestore: () => void;
  onDeleteForever: () => void;
}) {
  const daysLeft = Math.max(0, Math.ceil((Date.parse(brief.purgeAt) - now) / 86_400_000));
  const by = brief.trashedBy ? ` by ${brief.trashedBy}` : '';
  // An admin's trash holds everyone's briefs: say whose each one is.
  const owner = ownedBy(brief, useAccount().id);
  return (
    <li className="brief-row trash-row" data-testid="trash-row" data-brief-id={brief.id}>
      <span className="brief-row__icon brief-row__icon--muted" aria-hidden="true">
        <IconDocument size={18} />
      </span>
      <div className="brief-row__main">
        <span className="trash-row__title">{brief.title || 'Untitled brief'}</span>
        <span className="brief-row__meta">
          {owner && `${owner} · `}
          <span title={fullDate(brief.trashedAt)}>
            {owner ? 'deleted' : 'Deleted'} {relativeTime(brief.trashedAt, now)}
            {by}
          </span>
          {' · '}
          <span title={fullDate(brief.purgeAt)}>
            {daysLeft <= 1 ? 'gone for good within a day' : `gone for good in ${daysLeft} days`}
          </span>
        </span>
      </div>
      <div className="trash-row__actions">
        <Button
          size="sm"
          onClick={onRestore}
          busy={busy}
          aria-label={`Restore “${brief.title}”`}
          data-restore-for={brief.id}
        >
          Restore
        </Button>
        <Button
          size="sm"
          variant="ghost"
          className="btn--danger-text"
          onClick={onDeleteForever}
          disabled={busy}
          aria-label={`Delete “${brief.title}” for good`}
        >
          Delete for good
        </Button>
      </div>
    </li>
  );
}

function DeleteForeverDialog({
  brief,
  onCancel,
  onDeleted,
}: {
  brief: TrashedBriefSummary;
  onCancel: () => void;
  onDeleted: () => void;
}) {
  const done = useRef(false);

  const purge = async () => {
    try {
      await deleteForever(brief.id);
    } catch (err) {
      // Already gone (another owner, the retention sweep) is what the person wanted.
      if (!(err instanceof ApiError && err.code === 'not_found')) throw err;
    }
    done.current = true;
    onDeleted();
  };

  return (
    <ConfirmDialog
      title={`Delete “${brief.title}” for good?`}
      description="Its text, revision history and approvals are removed for everyone. This can’t be undone."
      confirmLabel="Delete for good"
      onConfirm={purge}
      onCancel={onCancel}
      describeError={(err) =>
        err instanceof ApiError ? err.message : 'Something went wrong. Try again.'
      }
      // After a deletion the row is gone; TrashPage moves focus to its neighbour.
      finalFocus={() => (done.current ? undefined : false)}
    />
  );
}

/** Asks before deleting for good every brief the trash shows, naming how many and whose. */
function EmptyTrashDialog({
  briefs,
  userId,
  onCancel,
  onEmptied,
}: {
  briefs: readonly TrashedBriefSummary[];
  userId: string;
  onCancel: () => void;
  onEmptied: (result: EmptyTrashResponse) => void;
}) {
  const done = useRef(false);
  const total = briefs.length;
  const others = briefs.filter((b) => b.owner !== null && b.owner.id !== userId).length;
  const count = plural(total, 'brief');
  const what =
    total === 1 ? 'The brief here' : total === 2 ? 'Both briefs here' : `All ${count} here`;
  // An admin's trash holds other people's briefs: say so before they go.
  const whose =
    others === 0
      ? ''
      : others === total
        ? ` ${total === 1 ? 'It belongs' : 'They all belong'} to other people.`
        : ` ${others} of them ${others === 1 ? 'belongs' : 'belong'} to other people.`;
  return (
    <ConfirmDialog
      title="Empty the trash?"
      description={`${what} will be deleted for good: text, revision history and approvals, for everyone.${whose} This can’t be undone.`}
      confirmLabel={`Delete ${count} for good`}
      onConfirm={async () => {
        const result = await emptyTrash(briefs.map((b) => b.id));
        done.current = true;
        onEmptied(result);
      }}
      onCancel={onCancel}
      describeError={(err) =>
        err instanceof ApiError ? err.message : 'Something went wrong. Try again.'
      }
      // Once emptied, TrashPage moves focus to the heading; a cancel goes back to the button.
      finalFocus={() => (done.current ? undefined : false)}
    />
  );
}

/** "1 brief", "3 briefs". */
function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
