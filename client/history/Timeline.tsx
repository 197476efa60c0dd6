import { useId, useMemo, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import type { AuthorSummary, RevisionSummary } from '../../shared/api.ts';
import { Avatar } from '../presence/Avatar.tsx';
import { groupByDay, revisionName, timeLabels, wordsSummary } from './format.ts';
import { IconBadgeCheck, IconBookmark, IconRestore } from './icons.tsx';

interface TimelineProps {
  /** Newest first. */
  revisions: RevisionSummary[];
  selectedId: number | null;
  /** With nothing selected, the entry that keeps the Tab stop: the version last open. */
  restingId: number | null;
  /** The revision the selection is compared with, marked in the list. */
  baseId: number | null;
  /** The approved revision, while the brief is approved or changed since. */
  approvedId: number | null;
  onSelect: (id: number) => void;
  /** Shift-click or Shift+Enter: compare the selection with this revision instead. */
  onCompareWith: (id: number) => void;
}

/**
 * The revisions as a listbox grouped by day. Selection follows focus (arrow
 * keys, Home, End), as in a mail client's message list: the preview beside it
 * is the point of moving through the list.
 */
export function Timeline({
  revisions,
  selectedId,
  restingId,
  baseId,
  approvedId,
  onSelect,
  onCompareWith,
}: TimelineProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const baseIdPrefix = useId();
  const groups = useMemo(() => groupByDay(revisions), [revisions]);
  const times = useMemo(() => timeLabels(revisions), [revisions]);
  // One Tab stop: the selected entry, else the one last open, else (filtered out) the newest.
  const tabStop = [selectedId ?? restingId, revisions[0]?.id].find((id) =>
    revisions.some((r) => r.id === id),
  );

  const choose = (id: number, compare: boolean) => (compare ? onCompareWith(id) : onSelect(id));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const options = Array.from(
      listRef.current?.querySelectorAll<HTMLElement>('[role="option"]') ?? [],
    );
    const index = options.indexOf(document.activeElement as HTMLElement);
    if (index < 0) return;
    const idAt = (i: number) => Number(options[i].dataset.revisionId);
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      choose(idAt(index), event.shiftKey);
      return;
    }
    let next: number | null = null;
    if (event.key === 'ArrowDown') next = Math.min(index + 1, options.length - 1);
    else if (event.key === 'ArrowUp') next = Math.max(index - 1, 0);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = options.length - 1;
    if (next === null) return;
    event.preventDefault();
    options[next].focus();
    // Shift+arrows move without selecting, so Shift+Enter can then compare the
    // selected version with the one reached (arrows alone select as they go).
    if (next !== index && !event.shiftKey) onSelect(idAt(next));
  };

  return (
    <>
      <span id={`${baseIdPrefix}-keys`} className="sr-only">
        Arrow keys open a version. Shift with the arrow keys moves without opening one; then
        Shift+Enter compares the open version with the one reached.
      </span>
      <div
        ref={listRef}
        role="listbox"
        aria-label="Versions, newest first"
        aria-describedby={`${baseIdPrefix}-keys`}
        className="timeline"
        data-testid="history-timeline"
        onKeyDown={onKeyDown}
      >
        {groups.map((group) => (
          <div
            key={group.key}
            role="group"
            aria-labelledby={`${baseIdPrefix}-${group.key}`}
            className="timeline__day"
          >
            <div id={`${baseIdPrefix}-${group.key}`} className="timeline__day-label">
              {group.label}
            </div>
            {group.revisions.map((revision) => (
              <TimelineEntry
                key={revision.id}
                revision={revision}
                time={times.get(revision.id) ?? ''}
                name={revisionName(revision, new Date(), times)}
                selected={revision.id === selectedId}
                isBase={revision.id === baseId}
                approved={revision.id === approvedId}
                tabbable={revision.id === tabStop}
                onClick={(event) => choose(revision.id, event.shiftKey)}
              />
            ))}
          </div>
        ))}
      </div>
    </>
  );
}

function TimelineEntry({
  revision,
  time,
  name,
  selected,
  isBase,
  approved,
  tabbable,
  onClick,
}: {
  revision: RevisionSummary;
  /** Its time, to the second when another version shares its minute (timeLabels). */
  time: string;
  /** Its name (revisionName, with the list's times), or null for an automatic version. */
  name: string | null;
  selected: boolean;
  isBase: boolean;
  approved: boolean;
  tabbable: boolean;
  onClick: (event: MouseEvent) => void;
}) {
  const words = wordsSummary(revision);
  const classes = ['timeline__entry', `timeline__entry--${revision.kind}`];
  if (isBase) classes.push('timeline__entry--base');
  return (
    <div
      role="option"
      aria-selected={selected}
      tabIndex={tabbable ? 0 : -1}
      className={classes.join(' ')}
      data-revision-id={revision.id}
      data-kind={revision.kind}
      data-testid="history-entry"
      onClick={onClick}
      // Keep shift-click from extending a text selection across the list.
      onMouseDown={(event) => {
        if (event.shiftKey) event.preventDefault();
      }}
    >
      <span className="timeline__marker" aria-hidden="true">
        {revision.kind === 'named' && <IconBookmark size={12} />}
        {revision.kind === 'restore' && <IconRestore size={12} />}
      </span>
      <div className="timeline__body">
        <div className="timeline__title">
          {name ? (
            <span className="timeline__name" title={name}>
              {name}
            </span>
          ) : (
            <span className="timeline__time-title">{time}</span>
          )}
        </div>
        <div className="timeline__meta">
          {name && <span className="timeline__time">{time}</span>}
          {words.added && <span className="timeline__added">{words.added}</span>}
          {words.removed && <span className="timeline__removed">{words.removed}</span>}
          {!words.added && !words.removed && (
            <span>{revision.formattingChanged ? 'Formatting changed' : 'No text changes'}</span>
          )}
        </div>
        {(approved || isBase) && (
          <div className="timeline__tags">
            {approved && (
              <span className="history-tag history-tag--approved">
                <IconBadgeCheck size={13} />
                Approved
              </span>
            )}
            {isBase && <span className="history-tag">Compared with</span>}
          </div>
        )}
      </div>
      <AuthorStack authors={revision.authors} />
    </div>
  );
}

const MAX_AVATARS = 3;

/** Overlapping avatars of a revision's authors, with their names for screen readers. */
export function AuthorStack({ authors }: { authors: AuthorSummary[] }) {
  if (authors.length === 0) return null;
  const shown = authors.slice(0, MAX_AVATARS);
  const names = authors.map((a) => a.displayName).join(', ');
  return (
    <span className="author-stack" title={names}>
      {shown.map((author) => (
        <Avatar key={author.id} name={author.displayName} color={author.color} size={24} />
      ))}
      {authors.length > MAX_AVATARS && (
        <span className="author-stack__more" aria-hidden="true">
          +{authors.length - MAX_AVATARS}
        </span>
      )}
      <span className="sr-only">by {names}</span>
    </span>
  );
}
