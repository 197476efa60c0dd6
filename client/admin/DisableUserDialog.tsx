import type { AccountSummary } from '../../shared/api.ts';
import { toApiError } from '../api.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';

/** Asks before disabling: it signs the person out everywhere at once. */
export function DisableUserDialog({
  account,
  onConfirm,
  onClose,
}: {
  account: AccountSummary;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  return (
    <ConfirmDialog
      title={`Disable ${account.displayName}?`}
      description="They are signed out everywhere at once and can’t sign in until an admin enables the account again. Their briefs and edits stay."
      confirmLabel="Disable account"
      onConfirm={onConfirm}
      onCancel={onClose}
      describeError={(err) => `Couldn’t disable the account: ${toApiError(err).message}`}
    />
  );
}
