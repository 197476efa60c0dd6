import type { ApprovalStatus, RevisionSummary } from '../../shared/api.ts';
import { Button } from '../ui/Button.tsx';
import { approvedLabel, dateTimePhrase, type TimeLabels } from './format.ts';
import { IconBadgeCheck, IconCompare } from './icons.tsx';

/**
 * The brief's approval at the top of the history panel: who approved which
 * version, and, once the text has moved on, a one-click view of what changed
 * since — the question a reviewer asks before approving again.
 */
export function ApprovalBanner({
  approval,
  revisions,
  times,
  canApprove,
  onShowApproved,
  onShowSinceApproval,
}: {
  approval: ApprovalStatus;
  revisions: RevisionSummary[];
  /** The list's time labels (timeLabels), so the approved version is named as the list shows it. */
  times: TimeLabels;
  canApprove: boolean;
  onShowApproved: (id: number) => void;
  onShowSinceApproval: (from: number) => void;
}) {
  if (approval.state === 'none' || approval.revisionId === null) {
    // Nothing to approve yet either: the empty state below says what to do first.
    if (!canApprove || revisions.length === 0) return null;
    return (
      <p className="approval-banner approval-banner--none" data-testid="approval-banner">
        Not approved yet. Select a version to approve it.
      </p>
    );
  }
  const approvedId = approval.revisionId;
  const who = approval.approver?.displayName ?? 'someone no longer here';
  // "today at 14:32" reads on its own; a date needs "on" ("on 16 Nov at 14:32").
  const phrase = approval.approvedAt ? dateTimePhrase(approval.approvedAt) : null;
  const when = phrase ? ` ${/^(today|yesterday)/.test(phrase) ? '' : 'on '}${phrase}` : '';
  const which = approvedLabel(approvedId, revisions, times);

  if (approval.state === 'approved') {
    return (
      <div
        className="approval-banner approval-banner--approved"
        data-testid="approval-banner"
        data-state="approved"
      >
        <IconBadgeCheck size={18} className="approval-banner__icon" />
        <div className="approval-banner__text">
          <strong>
            Approved by {who}
            {when}
          </strong>
          <span className="approval-banner__detail">The text is unchanged since: “{which}”.</span>
        </div>
        <Button size="sm" variant="ghost" onClick={() => onShowApproved(approvedId)}>
          View
        </Button>
      </div>
    );
  }
  return (
    <div
      className="approval-banner approval-banner--changed"
      data-testid="approval-banner"
      data-state="changed"
    >
      <IconBadgeCheck size={18} className="approval-banner__icon" />
      <div className="approval-banner__text">
        <strong>Changed since approval</strong>
        <span className="approval-banner__detail">
          {who} approved “{which}”{when}.
        </span>
        <Button
          size="sm"
          variant="secondary"
          className="approval-banner__action"
          icon={<IconCompare size={15} />}
          onClick={() => onShowSinceApproval(approvedId)}
        >
          Changes since approval
        </Button>
      </div>
    </div>
  );
}
