import type { MemberSummary } from '../../shared/api.ts';
import { toApiError } from '../api.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';

interface TransferOwnershipDialogProps {
  /** Who is to own the brief. */
  member: MemberSummary;
  /** Who owns it now; null if nobody does. */
  owner: MemberSummary | null;
  /** The person asking is the one to own it (an admin taking over a brief). */
  memberIsCaller: boolean;
  /** The person asking is that owner. */
  callerIsOwner: boolean;
  /** The person asking is an admin, and so keeps managing the brief whatever happens. */
  callerIsAdmin: boolean;
  onConfirm: () => Promise<void>;
  onCancel: () => void;
  /** Where focus goes once the transfer is done: the row that opened this may have changed. */
  finalFocus: () => boolean | void;
}

/** Asks before handing a brief to someone else, saying what each person keeps. */
export function TransferOwnershipDialog({
  member,
  owner,
  memberIsCaller,
  callerIsOwner,
  callerIsAdmin,
  onConfirm,
  onCancel,
  finalFocus,
}: TransferOwnershipDialogProps) {
  const name = member.user.displayName;
  return (
    <ConfirmDialog
      title={memberIsCaller ? 'Make yourself the owner?' : `Make ${name} the owner?`}
      description={
        <>
          {memberIsCaller ? 'You' : name} will own this brief and can share, delete and restore it.{' '}
          {afterwards(owner, callerIsOwner, callerIsAdmin)}
        </>
      }
      confirmLabel="Make owner"
      onConfirm={onConfirm}
      onCancel={onCancel}
      describeError={(error) =>
        `Couldn’t make ${memberIsCaller ? 'you' : name} the owner: ${toApiError(error).message}`
      }
      finalFocus={finalFocus}
    />
  );
}

/** What becomes of the owner before: the caller, someone else, or nobody. */
function afterwards(
  owner: MemberSummary | null,
  callerIsOwner: boolean,
  callerIsAdmin: boolean,
): string {
  if (callerIsOwner) {
    return callerIsAdmin
      ? 'You will stay on as an editor, and as an admin you can still manage it.'
      : 'You will stay on as an editor and can no longer change who has access.';
  }
  if (owner) return `${owner.user.displayName}, who owns it now, will stay on as an editor.`;
  return '';
}
