import type { BriefId } from '../../shared/briefId.ts';
import { dateTimePhrase } from './format.ts';
import { IconBadgeCheck } from './icons.tsx';
import { useApproval } from './useApproval.ts';

/** "Approved" / "Changed since approval" beside the title; nothing for a brief never approved. */
export function ApprovalPill({ briefId }: { briefId: BriefId }) {
  const { state } = useApproval(briefId);
  if (state.status !== 'ready' || state.approval.state === 'none') return null;
  const { approval } = state;
  const by = approval.approver?.displayName;
  const when = approval.approvedAt ? dateTimePhrase(approval.approvedAt) : null;
  const detail = [by && `Approved by ${by}`, when].filter(Boolean).join(', ');
  const approved = approval.state === 'approved';
  return (
    <span
      className={`approval-pill approval-pill--${approval.state}`}
      data-testid="approval-pill"
      data-state={approval.state}
      title={approved ? detail : `${detail}. The text has changed since.`}
    >
      <IconBadgeCheck size={14} />
      {approved ? 'Approved' : 'Changed since approval'}
    </span>
  );
}
