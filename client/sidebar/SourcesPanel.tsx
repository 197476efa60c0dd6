import { useRef, useState } from 'react';
import type { SourceSummary } from '../../shared/api.ts';
import { toApiError } from '../api.ts';
import { SourceViewer } from './SourceViewer.tsx';
import { useAccount } from '../auth/AuthContext.tsx';
import { fullDate, relativeTime, useNow } from '../briefs/relativeTime.ts';
import { Button, IconButton } from '../ui/Button.tsx';
import { Dialog, DialogActions } from '../ui/Dialog.tsx';
import { IconAlert, IconCheck, IconDocument, IconTrash, IconX } from '../ui/icons.tsx';
import { IconUpload } from './icons.tsx';
import { Spinner } from '../ui/Spinner.tsx';
import { useToast } from '../ui/Toast.tsx';
import { cleanTitle } from './useCards.ts';
import { CardSkeletons, SidebarError } from './SidebarStates.tsx';
import type { SourcesState, UploadItem } from './useSources.ts';
import { formatBytes, MAX_SOURCE_BYTES } from './upload.ts';

const FORMAT_LABELS: Record<SourceSummary['format'], string> = {
  text: 'Text',
  markdown: 'Markdown',
  html: 'HTML',
};

interface SourcesPanelProps {
  state: SourcesState;
  uploads: UploadItem[];
  onPick: () => void;
  onDismissUpload: (key: number) => void;
  onClearUploads: () => void;
  onRemove: (id: string) => Promise<void>;
  onRetry: () => void;
}

/** The Sources tab: add files (pick or drop), see how each went, and the stored sources. */
export function SourcesPanel(props: SourcesPanelProps) {
  const { state, uploads, onPick, onDismissUpload, onClearUploads, onRemove, onRetry } = props;
  return (
    <div className="sources">
      <div className="dropzone">
        <span className="dropzone__icon" aria-hidden="true">
          <IconUpload size={18} />
        </span>
        <p className="dropzone__text">
          <strong>Drop articles or readouts here</strong>
          <span>
            .txt, .md or .html, up to {formatBytes(MAX_SOURCE_BYTES)} each. Cards update for
            everyone.
          </span>
        </p>
        <Button size="sm" onClick={onPick}>
          Choose files
        </Button>
      </div>

      {uploads.length > 0 && (
        <section className="uploads" aria-label="Uploads">
          <div className="uploads__header">
            <h3 className="sidebar-subheading">This session’s uploads</h3>
            {uploads.some((u) => u.status !== 'uploading') && (
              <button type="button" className="link-button" onClick={onClearUploads}>
                Clear
              </button>
            )}
          </div>
          <ul className="uploads__list" aria-live="polite">
            {uploads.map((item) => (
              <UploadRow key={item.key} item={item} onDismiss={() => onDismissUpload(item.key)} />
            ))}
          </ul>
        </section>
      )}

      <section className="source-list" aria-label="Sources">
        <h3 className="sidebar-subheading">
          {state.status === 'ready' ? `All sources (${state.sources.length})` : 'All sources'}
        </h3>
        {state.status === 'loading' && <CardSkeletons count={3} />}
        {state.status === 'error' && (
          <SidebarError title="Sources couldn’t load" error={state.error} onRetry={onRetry} />
        )}
        {state.status === 'ready' &&
          (state.sources.length === 0 ? (
            <p className="browser__empty">
              No sources yet. Add news articles or readouts to see country and issue cards.
            </p>
          ) : (
            <ul className="source-list__items">
              {state.sources.map((source) => (
                <SourceRow key={source.id} source={source} onRemove={onRemove} />
              ))}
            </ul>
          ))}
      </section>
    </div>
  );
}

function UploadRow({ item, onDismiss }: { item: UploadItem; onDismiss: () => void }) {
  const status =
    item.status === 'uploading'
      ? { icon: <Spinner size={14} />, text: 'Reading and extracting facts…' }
      : item.status === 'added'
        ? { icon: <IconCheck size={15} />, text: 'Added — cards updated' }
        : item.status === 'known'
          ? { icon: <IconCheck size={15} />, text: 'Already there: the same text was added before' }
          : { icon: <IconAlert size={15} />, text: item.message };
  return (
    <li className={`upload upload--${item.status}`} data-testid="upload-result">
      <span className="upload__icon">{status.icon}</span>
      <span className="upload__body">
        <span className="upload__name">{item.name}</span>
        <span className="upload__status">{status.text}</span>
      </span>
      {item.status !== 'uploading' && (
        <IconButton size="sm" aria-label={`Dismiss ${item.name}`} onClick={onDismiss}>
          <IconX size={14} />
        </IconButton>
      )}
    </li>
  );
}

function SourceRow({
  source,
  onRemove,
}: {
  source: SourceSummary;
  onRemove: (id: string) => Promise<void>;
}) {
  const account = useAccount();
  const now = useNow();
  const [confirming, setConfirming] = useState(false);
  const [reading, setReading] = useState(false);
  const rowRef = useRef<HTMLLIElement>(null);
  /** Where focus goes once this row is gone: the next (or previous) row's Remove, else "Choose files". */
  const afterRemoval = useRef<HTMLElement | null>(null);
  const remove = async () => {
    const row = rowRef.current;
    const neighbour = row?.nextElementSibling ?? row?.previousElementSibling ?? null;
    const fallback = row?.closest('.sources')?.querySelector<HTMLElement>('.dropzone button');
    // Chosen before the request: the list refreshes, and this row and its dialog go, before it returns.
    afterRemoval.current =
      neighbour?.querySelector<HTMLElement>('.source__remove') ?? fallback ?? null;
    try {
      await onRemove(source.id);
    } catch (error) {
      afterRemoval.current = null;
      throw error;
    }
  };
  // The server's rule; the list has the adder's name, not their id, so a name match stands in
  // for "you added it" and the server's answer settles any doubt.
  const mayRemove =
    account.role === 'admin' ||
    account.role === 'manager' ||
    (source.addedBy !== null && source.addedBy === account.displayName);
  const title = cleanTitle(source.title);
  const by = source.sample ? 'Sample pack' : (source.addedBy ?? 'Unknown');

  return (
    <li ref={rowRef} className="source" data-testid="source-row">
      <span className="source__icon" aria-hidden="true">
        <IconDocument size={16} />
      </span>
      <span className="source__body">
        <button
          type="button"
          className="source__title"
          title={source.filename ? `Read ${source.filename}` : 'Read this source'}
          onClick={() => setReading(true)}
        >
          {title}
        </button>
        <span className="source__meta">
          {source.sample && <span className="tag tag--sample">Sample</span>}
          <span className="tag">{FORMAT_LABELS[source.format]}</span>
          <span className="source__by">
            {by} ·{' '}
            <time dateTime={source.createdAt} title={fullDate(source.createdAt)}>
              {relativeTime(source.createdAt, now)}
            </time>
          </span>
        </span>
      </span>
      {mayRemove && (
        <IconButton
          size="sm"
          className="icon-btn--danger source__remove"
          aria-label={`Remove ${title}`}
          title="Remove source"
          onClick={() => setConfirming(true)}
        >
          <IconTrash size={15} />
        </IconButton>
      )}
      {reading && (
        <SourceViewer sourceId={source.id} title={source.title} onClose={() => setReading(false)} />
      )}
      {confirming && (
        <RemoveDialog
          title={title}
          onClose={() => setConfirming(false)}
          onConfirm={remove}
          finalFocus={() => {
            const target = afterRemoval.current;
            if (!target?.isConnected) return false;
            target.focus();
            return true;
          }}
        />
      )}
    </li>
  );
}

function RemoveDialog({
  title,
  onClose,
  onConfirm,
  finalFocus,
}: {
  title: string;
  onClose: () => void;
  onConfirm: () => Promise<void>;
  /** Moves focus when the dialog closes; false leaves it to the dialog (back to the trigger). */
  finalFocus: () => boolean;
}) {
  const notify = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      notify('Source removed');
      onClose();
    } catch (err) {
      // e.g. 403: someone else's source. The server's sentence says who may remove it.
      setError(toApiError(err).message);
      setBusy(false);
    }
  };
  return (
    <Dialog
      title="Remove this source?"
      role="alertdialog"
      onClose={onClose}
      finalFocus={finalFocus}
      dismissible={!busy}
      description={
        <>
          <strong>{title}</strong> and the facts read from it leave every card, for everyone.
          Citations already in briefs keep their text.
        </>
      }
    >
      {error && (
        <div className="banner banner--danger dialog__banner" role="alert">
          <IconAlert size={16} />
          <span>{error}</span>
        </div>
      )}
      <DialogActions>
        <Button variant="ghost" onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button variant="danger" busy={busy} onClick={confirm}>
          Remove source
        </Button>
      </DialogActions>
    </Dialog>
  );
}
