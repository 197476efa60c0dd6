import { useId, useMemo } from 'react';
import type { ApprovalStatus, RevisionSummary } from '../../shared/api.ts';
import type { BriefId } from '../../shared/briefId.ts';
import { can, type BriefRole } from '../../shared/roles.ts';
import { Button, IconButton } from '../ui/Button.tsx';
import { IconAlert, IconX } from '../ui/icons.tsx';
import { StatePanel } from '../ui/States.tsx';
import { AuthorLegend, CompareView } from './CompareView.tsx';
import {
  dateTimePhrase,
  dayLabel,
  revisionLabel,
  revisionName,
  timeLabels,
  type TimeLabels,
} from './format.ts';
import { IconBadgeCheck, IconDownload, IconRestore } from './icons.tsx';
import { useCompare, type CompareTarget } from './useCompare.ts';

/** What the preview shows: one revision against a base, or the live text since the approval. */
export type PreviewView =
  | {
      kind: 'revision';
      revision: RevisionSummary;
      /** The revision it is compared with; null for the very first one. */
      base: RevisionSummary | null;
      /** Revisions older than `revision`, newest first: the choices of "Compared with". */
      older: RevisionSummary[];
    }
  | { kind: 'since-approval'; approvedId: number; approved: RevisionSummary | null };

const KIND_LABELS: Record<RevisionSummary['kind'], string> = {
  auto: 'Saved automatically',
  named: 'Named version',
  restore: 'Restore',
};

export function targetOf(view: PreviewView): CompareTarget {
  return view.kind === 'revision'
    ? { from: view.base?.id ?? null, to: view.revision.id }
    : { from: view.approvedId, to: 'current' };
}

/** "Draft two · 14:32", "Mon 16 Nov 09:05": a revision in the "Compared with" list, kept short. */
function optionLabel(revision: RevisionSummary, time: string, times: TimeLabels): string {
  const day = dayLabel(revision.createdAt);
  const when = `${day === 'Today' ? '' : `${day} `}${time}`;
  const name = revisionName(revision, new Date(), times);
  return name ? `${name} · ${when}` : when;
}

export function RevisionPreview({
  briefId,
  role,
  view,
  times,
  approval,
  approving,
  onChangeBase,
  onRestore,
  onApprove,
  onExport,
  onClose,
}: {
  briefId: BriefId;
  role: BriefRole | null;
  view: PreviewView;
  /** The list's time labels (timeLabels): versions are named and dated as the list shows them. */
  times: TimeLabels;
  approval: ApprovalStatus;
  approving: boolean;
  onChangeBase: (id: number) => void;
  onRestore: (revision: RevisionSummary) => void;
  onApprove: (revision: RevisionSummary) => void;
  onExport: (revision: RevisionSummary) => void;
  onClose: () => void;
}) {
  const headingId = useId();
  const baseSelectId = useId();
  const { state, key, retry } = useCompare(briefId, targetOf(view));
  const revision = view.kind === 'revision' ? view.revision : null;
  const olderTimes = useMemo(() => timeLabels(view.kind === 'revision' ? view.older : []), [view]);
  const isApproved =
    revision !== null && approval.state === 'approved' && approval.revisionId === revision.id;

  return (
    <section className="history-preview" aria-labelledby={headingId} data-testid="history-preview">
      <header className="history-preview__header">
        <div className="history-preview__heading">
          {/* Short button labels leave the title the room; the whole of a long one shows on hover. */}
          <h3
            id={headingId}
            className="history-preview__title"
            title={revision ? revisionLabel(revision, new Date(), times) : undefined}
          >
            {revision ? revisionLabel(revision, new Date(), times) : 'Changes since approval'}
          </h3>
          <p className="history-preview__meta">
            {revision ? (
              <>
                <span className={`history-kind history-kind--${revision.kind}`}>
                  {KIND_LABELS[revision.kind]}
                </span>
                <span>
                  {' '}
                  · {dateTimePhrase(revision.createdAt, new Date(), times.get(revision.id))}
                </span>
              </>
            ) : (
              <>
                The current text, compared with the approved version
                {view.kind === 'since-approval' && view.approved
                  ? ` “${revisionLabel(view.approved, new Date(), times)}”`
                  : ''}
                .
              </>
            )}
          </p>
        </div>
        <div className="history-preview__actions">
          {revision && can(role, 'restore') && (
            <Button
              size="sm"
              icon={<IconRestore size={15} />}
              aria-label="Restore this version"
              onClick={() => onRestore(revision)}
            >
              Restore
            </Button>
          )}
          {revision && can(role, 'approve') && (
            <Button
              size="sm"
              icon={<IconBadgeCheck size={15} />}
              busy={approving}
              // Not disabled: pressing it by keyboard must leave focus on it as it becomes "Approved".
              aria-disabled={isApproved}
              aria-label={isApproved ? 'Approved' : 'Approve this version'}
              onClick={() => onApprove(revision)}
            >
              {isApproved ? 'Approved' : 'Approve'}
            </Button>
          )}
          {revision && can(role, 'export') && (
            <Button
              size="sm"
              variant="ghost"
              icon={<IconDownload size={15} />}
              onClick={() => onExport(revision)}
            >
              Export PDF
            </Button>
          )}
          <IconButton aria-label="Close preview" size="sm" onClick={onClose}>
            <IconX size={16} />
          </IconButton>
        </div>
      </header>

      <div className="history-preview__bar">
        {view.kind === 'revision' &&
          (view.older.length > 0 ? (
            <label className="history-preview__base" htmlFor={baseSelectId}>
              <span>Compare with</span>
              <select
                id={baseSelectId}
                className="select select--sm"
                value={view.base?.id ?? ''}
                onChange={(event) => onChangeBase(Number(event.target.value))}
                data-testid="compare-base"
              >
                {view.older.map((older, index) => (
                  <option key={older.id} value={older.id}>
                    {index === 0
                      ? `${optionLabel(older, olderTimes.get(older.id) ?? '', times)} (previous)`
                      : optionLabel(older, olderTimes.get(older.id) ?? '', times)}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <span className="history-preview__note">
              The first version — nothing earlier to compare with.
            </span>
          ))}
        {state.status === 'ready' && state.marked && <AuthorLegend authors={state.authors} />}
      </div>

      <div className="history-preview__scroll">
        {state.status === 'error' ? (
          <StatePanel
            icon={<IconAlert size={24} />}
            tone="danger"
            title="This version couldn’t be shown"
            action={<Button onClick={retry}>Try again</Button>}
          >
            {state.error.message}
          </StatePanel>
        ) : (
          <article className="sheet history-preview__sheet" aria-busy={state.status !== 'ready'}>
            {state.status === 'ready' ? (
              <CompareView key={key} doc={state.doc} authors={state.authors} />
            ) : (
              <>
                <PreviewSkeleton />
                <span className="sr-only">Loading this version</span>
              </>
            )}
          </article>
        )}
      </div>
    </section>
  );
}

function PreviewSkeleton() {
  return (
    <div aria-hidden="true" className="history-preview__skeleton">
      {[92, 100, 84, 96, 60, 0, 88, 100, 72].map((width, i) =>
        width === 0 ? (
          <span key={i} className="history-preview__gap" />
        ) : (
          <span key={i} className="skeleton skeleton--line" style={{ width: `${width}%` }} />
        ),
      )}
    </div>
  );
}
