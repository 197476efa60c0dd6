import { IconAlert, IconCheck, IconCloudOff } from '../ui/icons.tsx';
import { Spinner } from '../ui/Spinner.tsx';
import { useOnline } from '../ui/useOnline.ts';
import type { SaveState, SyncSnapshot } from './syncTracker.ts';

type Shown = Exclude<SaveState, 'error'> | 'stuck' | 'offline-unpersisted' | 'unreachable';

const LABELS: Record<Shown, string> = {
  saved: 'All changes saved',
  saving: 'Saving…',
  offline: 'Offline — changes kept on this device',
  unreachable: 'Can’t reach Briefdesk — changes kept on this device',
  'offline-unpersisted': 'Offline — keep this tab open to keep your changes',
  connecting: 'Connecting…',
  stuck: 'Not saved — read only',
};

const HINTS: Record<Shown, string> = {
  saved: 'Everything you wrote is stored on the server.',
  saving: 'Sending your latest changes to the server.',
  offline:
    'You can keep writing. Your changes are stored in this browser and merge when the connection returns.',
  unreachable:
    'The network is up but the server does not answer; reconnecting. You can keep writing: your changes are stored in this browser and merge when it answers.',
  'offline-unpersisted':
    'This browser cannot keep a local copy, so changes live in this tab until the connection returns.',
  connecting: 'Connecting to the server…',
  stuck:
    'Changes made on this device before your role changed can’t be saved with your current role.',
};

/** For read-only roles "saved" is not about their work: it means they see the latest text. */
const READ_ONLY: Partial<Record<Shown, { label: string; hint: string }>> = {
  saved: { label: 'Up to date', hint: 'You see every change as co-authors make it.' },
  offline: {
    label: 'Offline — showing this device’s copy',
    hint: 'Changes by co-authors appear when the connection returns.',
  },
  unreachable: {
    label: 'Can’t reach Briefdesk — showing this device’s copy',
    hint: 'Reconnecting. Changes by co-authors appear when the server answers.',
  },
};

/**
 * The connection and save indicator. Tests read `data-state` (what it shows)
 * and `data-unsaved` (whether the server still lacks a change: "Saving…" shows
 * only after a grace period, so "saved" alone can be from before an edit).
 */
export function SaveStatus({
  status,
  persisted,
  readOnly = false,
}: {
  status: SyncSnapshot;
  persisted: boolean;
  /** The person may only read: nothing of theirs is being saved. */
  readOnly?: boolean;
}) {
  const { state } = status;
  const online = useOnline();
  let label: string;
  let hint: string;
  let shown: Shown | null = null;
  if (state === 'error') {
    label = status.errorMessage ?? 'Disconnected';
    hint = 'The server closed this brief. Reconnecting will not help.';
  } else {
    shown =
      readOnly && state === 'saving'
        ? 'stuck'
        : state === 'offline' && !persisted && !readOnly
          ? 'offline-unpersisted'
          : state === 'offline' && online
            ? 'unreachable'
            : state;
    const readOnlyText = readOnly ? READ_ONLY[shown] : undefined;
    label = readOnlyText?.label ?? LABELS[shown];
    hint = readOnlyText?.hint ?? HINTS[shown];
  }
  return (
    <div
      className={`save-status save-status--${shown === 'stuck' ? 'stuck' : state}`}
      role="status"
      aria-live="polite"
      data-state={state}
      data-unsaved={status.unsaved}
      data-testid="save-status"
      title={hint}
    >
      <span className="save-status__icon" aria-hidden="true">
        {state === 'saved' && <IconCheck size={15} />}
        {(shown === 'saving' || state === 'connecting') && <Spinner size={12} />}
        {state === 'offline' && <IconCloudOff size={15} />}
        {(state === 'error' || shown === 'stuck') && <IconAlert size={15} />}
      </span>
      <span className="save-status__label">{label}</span>
    </div>
  );
}
