import { useState } from 'react';
import type { BriefSummary } from '../../shared/api.ts';
import { Button } from '../ui/Button.tsx';
import { IconUsers } from '../ui/icons.tsx';
import { ShareDialog } from './ShareDialog.tsx';

/** In the brief's top bar: "Share" for owners and admins, "People" (read-only list) for others. */
export function ShareButton({
  brief,
  canShare,
  onOwnAccessChanged,
}: {
  brief: BriefSummary;
  canShare: boolean;
  /** Refetches the caller's role on the brief (after they gave it away). */
  onOwnAccessChanged: () => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant={canShare ? 'primary' : 'secondary'}
        size="sm"
        icon={<IconUsers size={16} />}
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
      >
        {canShare ? 'Share' : 'People'}
      </Button>
      {open && (
        <ShareDialog
          brief={brief}
          canShare={canShare}
          onClose={() => setOpen(false)}
          onOwnAccessChanged={onOwnAccessChanged}
        />
      )}
    </>
  );
}
