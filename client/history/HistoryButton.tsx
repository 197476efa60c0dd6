import { useState } from 'react';
import { createPortal } from 'react-dom';
import type { BriefId } from '../../shared/briefId.ts';
import { can, type BriefRole } from '../../shared/roles.ts';
import { Button } from '../ui/Button.tsx';
import { HistoryPanel } from './HistoryPanel.tsx';
import { IconHistory } from './icons.tsx';

/** "History" in the brief's top bar, for roles that may see revisions; opens the drawer. */
export function HistoryButton({ briefId, role }: { briefId: BriefId; role: BriefRole | null }) {
  const [open, setOpen] = useState(false);
  if (!can(role, 'history')) return null;
  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        icon={<IconHistory size={16} />}
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        aria-expanded={open}
      >
        History
      </Button>
      {/* In <body>, after the live editor: the drawer is a page-level layer, not part of the bar. */}
      {open &&
        createPortal(
          <HistoryPanel briefId={briefId} role={role} onClose={() => setOpen(false)} />,
          document.body,
        )}
    </>
  );
}
