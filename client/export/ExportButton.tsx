import { useState } from 'react';
import type { BriefId } from '../../shared/briefId.ts';
import { can, type BriefRole } from '../../shared/roles.ts';
import { IconDownload } from '../history/icons.tsx';
import { Button } from '../ui/Button.tsx';
import { ExportDialog } from './ExportDialog.tsx';

/** "Export PDF" in the brief's top bar, for every member (all roles may export). */
export function ExportButton({ briefId, role }: { briefId: BriefId; role: BriefRole | null }) {
  const [open, setOpen] = useState(false);
  if (!can(role, 'export')) return null;
  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        icon={<IconDownload size={16} />}
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
      >
        Export PDF
      </Button>
      {open && <ExportDialog briefId={briefId} role={role} onClose={() => setOpen(false)} />}
    </>
  );
}
