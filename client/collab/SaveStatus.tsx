import { IconAlert, IconCheck, IconCloudOff } from '../ui/icons.tsx';
import { Spinner } from '../ui/Spinner.tsx';
import type { SyncSnapshot } from './syncTracker.ts';

const LABELS = {
  saved: 'All changes saved',
  saving: 'Saving…',
  offline: 'Offline — changes kept on this device',
  connecting: 'Connecting…',
} as const;

const HINTS = {
  saved: 'Everything you wrote is stored on the server.',
  saving: 'Sending your latest changes to the server.',
  offline:
    'You can keep writing. Your changes are stored in this browser and merge when the connection returns.',
  connecting: 'Connecting to the server…',
} as const;

/** The connection and save indicator; `data-state` is what tests read. */
export function SaveStatus({ status, persisted }: { status: SyncSnapshot; persisted: boolean }) {
  const { state } = status;
  const label = state === 'error' ? (status.errorMessage ?? 'Disconnected') : LABELS[state];
  const offlineLabel = persisted ? label : 'Offline — keep this tab open to keep your changes';
  const hint =
    state === 'error'
      ? 'The server closed this brief. Reconnecting will not help.'
      : state === 'offline' && !persisted
        ? 'This browser cannot keep a local copy, so changes live in this tab until the connection returns.'
        : HINTS[state];
  return (
    <div
      className={`save-status save-status--${state}`}
      role="status"
      aria-live="polite"
      data-state={state}
      data-testid="save-status"
      title={hint}
    >
      <span className="save-status__icon" aria-hidden="true">
        {state === 'saved' && <IconCheck size={15} />}
        {(state === 'saving' || state === 'connecting') && <Spinner size={12} />}
        {state === 'offline' && <IconCloudOff size={15} />}
        {state === 'error' && <IconAlert size={15} />}
      </span>
      <span className="save-status__label">{state === 'offline' ? offlineLabel : label}</span>
    </div>
  );
}
