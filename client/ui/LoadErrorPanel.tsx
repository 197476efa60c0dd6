import type { ApiError } from '../api.ts';
import { Button } from './Button.tsx';
import { IconAlert, IconCloudOff } from './icons.tsx';
import { StatePanel } from './States.tsx';
import { useOnline } from './useOnline.ts';

/**
 * A list that could not be fetched. A network failure says whether the
 * device is offline or only the server is unreachable, and that the list
 * comes back by itself (the screens that use this refresh on their own);
 * any other failure shows the server's message.
 */
export function LoadErrorPanel({
  error,
  failedTitle,
  listName,
  offlineNote = '',
  onRetry,
}: {
  error: ApiError;
  /** The title for a failure that is not the network's, e.g. "Couldn’t load your briefs". */
  failedTitle: string;
  /** What the list is called in a sentence, e.g. "The trash". */
  listName: string;
  /** A sentence added to the network failure's text: what still works meanwhile. */
  offlineNote?: string;
  onRetry: () => void;
}) {
  const online = useOnline();
  const network = error.isNetworkError;
  return (
    <StatePanel
      tone="danger"
      icon={network ? <IconCloudOff size={24} /> : <IconAlert size={24} />}
      title={!network ? failedTitle : online ? 'Can’t reach Briefdesk' : 'You’re offline'}
      action={<Button onClick={onRetry}>Try again</Button>}
    >
      {network
        ? `${listName} needs ${online ? 'the server' : 'a connection'}, and comes back by itself when ${online ? 'it answers' : 'you’re online'}.${offlineNote ? ` ${offlineNote}` : ''}`
        : error.message}
    </StatePanel>
  );
}
