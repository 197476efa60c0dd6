import { useId } from 'react';
import { Button } from '../ui/Button.tsx';
import { IconAlert } from '../ui/icons.tsx';
import { StatePanel } from '../ui/States.tsx';
import { IconBookmark, IconHistory } from './icons.tsx';
import type { PreviewView } from './RevisionPreview.tsx';
import { Timeline } from './Timeline.tsx';
import type { RevisionsState } from './useRevisions.ts';

/** The timeline column below the header: filter, then the list or its loading, empty or error state. */
export function TimelineBody({
  state,
  namedOnly,
  onNamedOnly,
  selection,
  restingId,
  onSelect,
  onCompareWith,
  onRetry,
  onSave,
}: {
  state: RevisionsState;
  namedOnly: boolean;
  onNamedOnly: (value: boolean) => void;
  selection: PreviewView | null;
  /** The version last open, whose row keeps the Tab stop while none is selected. */
  restingId: number | null;
  onSelect: (id: number) => void;
  onCompareWith: (id: number) => void;
  onRetry: () => void;
  /** Opens "Save version…"; null for roles that cannot edit. */
  onSave: (() => void) | null;
}) {
  const switchId = useId();

  if (state.status === 'loading') return <TimelineSkeleton />;
  if (state.status === 'error') {
    return (
      <div className="history-panel__state">
        <StatePanel
          icon={<IconAlert size={24} />}
          tone="danger"
          title="The history couldn’t be loaded"
          action={<Button onClick={onRetry}>Try again</Button>}
        >
          {state.error.message}
        </StatePanel>
      </div>
    );
  }

  const { revisions, approval } = state;
  const shown = namedOnly ? revisions.filter((r) => r.kind === 'named') : revisions;
  const saveButton = onSave && (
    <Button size="sm" variant="primary" icon={<IconBookmark size={15} />} onClick={onSave}>
      Save version…
    </Button>
  );

  if (revisions.length === 0) {
    return (
      <div className="history-panel__state" data-testid="history-empty">
        <StatePanel icon={<IconHistory size={24} />} title="No versions yet" action={saveButton}>
          Versions are saved automatically after a pause in editing, or save one by name.
        </StatePanel>
      </div>
    );
  }

  const selectedId = selection?.kind === 'revision' ? selection.revision.id : null;
  const baseId =
    selection?.kind === 'revision'
      ? (selection.base?.id ?? null)
      : selection?.kind === 'since-approval'
        ? selection.approvedId
        : null;

  return (
    <>
      <div className="history-panel__filters">
        <label className="switch" htmlFor={switchId}>
          <input
            id={switchId}
            type="checkbox"
            role="switch"
            checked={namedOnly}
            onChange={(event) => onNamedOnly(event.target.checked)}
          />
          <span className="switch__track" aria-hidden="true" />
          Named versions only
        </label>
        <span className="history-panel__count">
          {shown.length} {shown.length === 1 ? 'version' : 'versions'}
        </span>
      </div>
      {state.error && (
        <p className="history-panel__stale" role="status">
          <IconAlert size={15} />
          Couldn’t refresh the list.
          <button type="button" className="link-button" onClick={onRetry}>
            Try again
          </button>
        </p>
      )}
      <div className="history-panel__list">
        {shown.length === 0 ? (
          <div className="history-panel__state">
            <StatePanel
              icon={<IconBookmark size={24} />}
              title="No named versions yet"
              action={
                <Button size="sm" onClick={() => onNamedOnly(false)}>
                  Show all versions
                </Button>
              }
            >
              Name the text as it stands with “Save version…”, and it is kept here for good.
            </StatePanel>
          </div>
        ) : (
          <Timeline
            revisions={shown}
            selectedId={selectedId}
            restingId={restingId}
            baseId={baseId}
            approvedId={approval.state === 'none' ? null : approval.revisionId}
            onSelect={onSelect}
            onCompareWith={onCompareWith}
          />
        )}
      </div>
    </>
  );
}

function TimelineSkeleton() {
  return (
    <div className="history-panel__list" aria-busy="true">
      <span className="sr-only" role="status">
        Loading versions
      </span>
      <div className="timeline" aria-hidden="true">
        {[0, 1].map((group) => (
          <div key={group} className="timeline__day">
            <span className="skeleton history-skeleton__day" />
            {[0, 1, 2].map((row) => (
              <div key={row} className="history-skeleton__row">
                <span className="skeleton history-skeleton__dot" />
                <span className="history-skeleton__lines">
                  <span className="skeleton history-skeleton__line" />
                  <span className="skeleton history-skeleton__line history-skeleton__line--short" />
                </span>
                <span className="skeleton skeleton--avatar history-skeleton__avatar" />
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
