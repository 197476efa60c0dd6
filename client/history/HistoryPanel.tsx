import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { RevisionSummary } from '../../shared/api.ts';
import type { BriefId } from '../../shared/briefId.ts';
import { can, type BriefRole } from '../../shared/roles.ts';
import { toApiError } from '../api.ts';
import { ExportDialog } from '../export/ExportDialog.tsx';
import { Button, IconButton } from '../ui/Button.tsx';
import { IconX } from '../ui/icons.tsx';
import { useToast } from '../ui/Toast.tsx';
import { approveRevision } from './api.ts';
import { ApprovalBanner } from './ApprovalBanner.tsx';
import { ApproveDialog } from './ApproveDialog.tsx';
import { approvedLabel, revisionLabel, timeLabels } from './format.ts';
import { IconBookmark } from './icons.tsx';
import { RestoreDialog } from './RestoreDialog.tsx';
import { RevisionPreview, type PreviewView } from './RevisionPreview.tsx';
import { SaveVersionDialog } from './SaveVersionDialog.tsx';
import { TimelineBody } from './TimelineBody.tsx';
import { publishApproval, refreshApproval } from './useApproval.ts';
import { useRevisions } from './useRevisions.ts';

/** What is selected: a revision (against `base`, or the one before it), or the text since approval. */
type Selection =
  { kind: 'revision'; id: number; base: number | null } | { kind: 'since-approval'; from: number };

type OpenDialog =
  | { kind: 'save' }
  | { kind: 'restore'; revision: RevisionSummary }
  /** Approving `revision` would replace the approval of `approvedId`. */
  | { kind: 'approve'; revision: RevisionSummary; approvedId: number }
  | { kind: 'export'; revision: RevisionSummary };

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';

function previewOf(selection: Selection | null, revisions: RevisionSummary[]): PreviewView | null {
  if (!selection) return null;
  if (selection.kind === 'since-approval') {
    const approved = revisions.find((r) => r.id === selection.from) ?? null;
    return { kind: 'since-approval', approvedId: selection.from, approved };
  }
  const revision = revisions.find((r) => r.id === selection.id);
  if (!revision) return null;
  // Newest first, like the list: the first is the "previous version".
  const older = revisions.filter((r) => r.id < revision.id);
  const base =
    (selection.base === null ? null : older.find((r) => r.id === selection.base)) ?? null;
  return { kind: 'revision', revision, older, base: base ?? older[0] ?? null };
}

/**
 * Version history as a modal drawer on the right: the timeline in a fixed
 * column, and, once a version is selected, its preview taking the rest of the
 * width so a compare is readable on a laptop. A modal <dialog> keeps the live
 * editor out of reach (and of the tab order) while a past version is on screen.
 */
export function HistoryPanel({
  briefId,
  role,
  onClose,
}: {
  briefId: BriefId;
  role: BriefRole | null;
  onClose: () => void;
}) {
  const { state, reload } = useRevisions(briefId);
  const [selection, setSelection] = useState<Selection | null>(null);
  /**
   * The version whose preview was last closed: its row keeps the timeline's Tab
   * stop and gets focus back. An object, so closing the same one again refocuses it.
   */
  const [leftFrom, setLeftFrom] = useState<{ id: number } | null>(null);
  const [namedOnly, setNamedOnly] = useState(false);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [approving, setApproving] = useState(false);
  const notify = useToast();
  const ref = useRef<HTMLDialogElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const revisions = state.status === 'ready' ? state.revisions : [];
  const view = previewOf(selection, revisions);
  // Names and labels give a version's time as the list does: to the second
  // when another version shares its minute.
  const times = useMemo(() => timeLabels(state.status === 'ready' ? state.revisions : []), [state]);

  useLayoutEffect(() => {
    const drawer = ref.current;
    if (!drawer) return;
    const previouslyFocused = document.activeElement as HTMLElement | null;
    drawer.showModal();
    headingRef.current?.focus();
    return () => {
      drawer.close();
      if (previouslyFocused?.isConnected) previouslyFocused.focus();
    };
  }, []);

  // Once the list arrives, put the keyboard on it, unless the person has already moved on.
  const ready = state.status === 'ready';
  useEffect(() => {
    if (ready && document.activeElement === headingRef.current) {
      ref.current?.querySelector<HTMLElement>('[role="option"][tabindex="0"]')?.focus();
    }
  }, [ready]);

  // Closing a preview hands the keyboard back to its row, not to the body (its button is gone).
  useEffect(() => {
    if (!leftFrom) return;
    const drawer = ref.current;
    const row =
      drawer?.querySelector<HTMLElement>(`[role="option"][data-revision-id="${leftFrom.id}"]`) ??
      drawer?.querySelector<HTMLElement>('[role="option"][tabindex="0"]');
    (row ?? headingRef.current)?.focus();
  }, [leftFrom]);

  /** Back from a version or comparison to the timeline, on that version's row. */
  const leavePreview = () => {
    if (!selection) return;
    setLeftFrom({ id: selection.kind === 'revision' ? selection.id : selection.from });
    setSelection(null);
  };

  // Events from the dialogs opened over the drawer bubble here through React; they are theirs.
  const isOwn = (target: EventTarget) => (target as Element).closest?.('dialog') === ref.current;

  const onKeyDown = (event: React.KeyboardEvent<HTMLDialogElement>) => {
    if (event.key === 'Escape' && selection && isOwn(event.target)) {
      // Esc steps back one level, as in Google Docs' version history: out of the open
      // version first; only Esc on the timeline closes the panel. Cancelling the keydown
      // keeps the browser from turning it into the dialog's close request (`cancel`).
      event.preventDefault();
      leavePreview();
      return;
    }
    if (event.key !== 'Tab' || !isOwn(event.target)) return;
    const items = Array.from(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? []).filter(
      (el) => el.offsetParent !== null && isOwn(el),
    );
    if (items.length === 0) return;
    const [first, last] = [items[0], items[items.length - 1]];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const select = (id: number) => setSelection({ kind: 'revision', id, base: null });

  // Shift-click: compare the selected revision with another; the older one is always the base.
  const compareWith = (id: number) => {
    if (selection?.kind !== 'revision' || selection.id === id) return select(id);
    setSelection(
      id < selection.id
        ? { kind: 'revision', id: selection.id, base: id }
        : { kind: 'revision', id, base: selection.id },
    );
  };

  const approve = async (revision: RevisionSummary) => {
    setApproving(true);
    try {
      publishApproval(briefId, await approveRevision(briefId, revision.id));
      notify(`Approved “${revisionLabel(revision, new Date(), times)}”`);
      await reload();
    } catch (error) {
      notify(`Couldn’t approve: ${toApiError(error).message}`);
    } finally {
      setApproving(false);
    }
  };

  // Another version's approval is replaced only once the person has said so.
  const requestApproval = (revision: RevisionSummary) => {
    const approvedId = state.status === 'ready' ? state.approval.revisionId : null;
    if (approvedId !== null && approvedId !== revision.id) {
      setDialog({ kind: 'approve', revision, approvedId });
    } else {
      void approve(revision);
    }
  };

  const restored = async (restore: RevisionSummary | null) => {
    setDialog(null);
    notify('Version restored. Everyone editing sees it now.');
    await reload();
    void refreshApproval(briefId);
    if (restore) setSelection({ kind: 'revision', id: restore.id, base: null });
  };

  return (
    <dialog
      ref={ref}
      className={view ? 'history-drawer history-drawer--wide' : 'history-drawer'}
      aria-labelledby={titleId}
      data-testid="history-panel"
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        event.preventDefault();
        if (event.target === ref.current) onClose();
      }}
      onMouseDown={(event) => {
        // A press on the backdrop lands on the <dialog> itself.
        if (event.target === ref.current) onClose();
      }}
    >
      <div className="history-drawer__inner">
        {view && state.status === 'ready' && (
          <RevisionPreview
            briefId={briefId}
            role={role}
            view={view}
            times={times}
            approval={state.approval}
            approving={approving}
            onChangeBase={(base) => {
              if (selection?.kind === 'revision') setSelection({ ...selection, base });
            }}
            onRestore={(revision) => setDialog({ kind: 'restore', revision })}
            onApprove={requestApproval}
            onExport={(revision) => setDialog({ kind: 'export', revision })}
            onClose={leavePreview}
          />
        )}
        <div className="history-panel">
          <header className="history-panel__header">
            <h2 id={titleId} ref={headingRef} tabIndex={-1} className="history-panel__title">
              Version history
            </h2>
            {can(role, 'edit') && (
              <Button
                size="sm"
                icon={<IconBookmark size={15} />}
                onClick={() => setDialog({ kind: 'save' })}
              >
                Save version…
              </Button>
            )}
            <IconButton aria-label="Close history" onClick={onClose}>
              <IconX size={18} />
            </IconButton>
          </header>
          {state.status === 'ready' && (
            <ApprovalBanner
              approval={state.approval}
              revisions={state.revisions}
              times={times}
              canApprove={can(role, 'approve')}
              onShowApproved={select}
              onShowSinceApproval={(from) => setSelection({ kind: 'since-approval', from })}
            />
          )}
          <TimelineBody
            state={state}
            namedOnly={namedOnly}
            onNamedOnly={setNamedOnly}
            selection={view}
            restingId={leftFrom?.id ?? null}
            onSelect={select}
            onCompareWith={compareWith}
            onRetry={() => void reload()}
            onSave={can(role, 'edit') ? () => setDialog({ kind: 'save' }) : null}
          />
        </div>
      </div>

      {dialog?.kind === 'save' && (
        <SaveVersionDialog
          briefId={briefId}
          onClose={() => setDialog(null)}
          onSaved={(revision) => {
            setDialog(null);
            notify(
              `Saved version “${revision.name ?? revisionLabel(revision, new Date(), times)}”`,
            );
            void reload();
          }}
        />
      )}
      {dialog?.kind === 'restore' && (
        <RestoreDialog
          briefId={briefId}
          revision={dialog.revision}
          times={times}
          onClose={() => setDialog(null)}
          onRestored={(restore) => void restored(restore)}
        />
      )}
      {dialog?.kind === 'approve' && (
        <ApproveDialog
          approved={approvedLabel(dialog.approvedId, revisions, times)}
          revision={revisionLabel(dialog.revision, new Date(), times)}
          onClose={() => setDialog(null)}
          onConfirm={() => {
            setDialog(null);
            void approve(dialog.revision);
          }}
        />
      )}
      {dialog?.kind === 'export' && (
        <ExportDialog
          briefId={briefId}
          role={role}
          revision={{
            id: dialog.revision.id,
            label: revisionLabel(dialog.revision, new Date(), times),
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </dialog>
  );
}
