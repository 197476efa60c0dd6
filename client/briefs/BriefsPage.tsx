import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { BriefSummary } from '../../shared/api.ts';
import { ApiError, createBrief, renameBrief, restoreBrief } from '../api.ts';
import { useAccount } from '../auth/AuthContext.tsx';
import { briefPath, Link, navigate, TRASH_PATH } from '../router.tsx';
import { AppHeader } from '../ui/AppHeader.tsx';
import { Button } from '../ui/Button.tsx';
import { IconAlert, IconDocument, IconPlus, IconSearch, IconTrash, IconX } from '../ui/icons.tsx';
import { Spinner } from '../ui/Spinner.tsx';
import { LoadErrorPanel } from '../ui/LoadErrorPanel.tsx';
import { StatePanel } from '../ui/States.tsx';
import { useToast } from '../ui/Toast.tsx';
import { BRIEF_ORDERS, isBriefOrder, lastEdited, sortBriefs, useBriefOrder } from './briefOrder.ts';
import { BriefRow } from './BriefRow.tsx';
import { DeleteBriefDialog } from './DeleteBriefDialog.tsx';
import { relativeTime, useNow } from './relativeTime.ts';
import { forgetCachedBrief, writeCachedBrief } from './briefCache.ts';
import { useBriefs, useDebounced } from './useBriefs.ts';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';

const SEARCH_DELAY_MS = 250;

export function BriefsPage() {
  const { id: userId } = useAccount();
  const [search, setSearch] = useState('');
  const query = useDebounced(search.trim(), SEARCH_DELAY_MS);
  const { state, reload, replace, remove } = useBriefs(query);
  const [order, setOrder] = useBriefOrder();
  // Sorted here, not by the server: each fetch (search or refresh) lands in the chosen order.
  const briefs = useMemo(
    () => (state.status === 'ready' ? sortBriefs(state.briefs, order) : []),
    [state, order],
  );
  const sortId = useId();
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<BriefSummary | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const notify = useToast();
  const now = useNow();

  useDocumentTitle('Briefs');

  // "/" jumps to search, as in most tools people already use.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.key !== '/' || event.metaKey || event.ctrlKey || event.altKey) return;
      if (target.closest('input, textarea, [contenteditable="true"], dialog')) return;
      event.preventDefault();
      searchRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const create = async () => {
    setCreating(true);
    setCreateError(null);
    try {
      const brief = await createBrief({ title: 'Untitled brief' });
      // Seeds the cache so the brief's page shows its title (and role) at once.
      writeCachedBrief(userId, brief);
      navigate(briefPath(brief.id), { state: { focusTitle: true } });
    } catch (err) {
      setCreating(false);
      setCreateError(err instanceof ApiError ? err.message : 'Couldn’t create a brief.');
    }
  };

  const rename = async (brief: BriefSummary, title: string) => {
    replace(await renameBrief(brief.id, title));
  };

  // Chosen before the row disappears: the row after the deleted one, else the one before.
  const focusAfterDeleteId = useRef<string | null>(null);

  const onDeleted = (brief: BriefSummary) => {
    const ids = briefs.map((b) => b.id);
    const index = ids.indexOf(brief.id);
    focusAfterDeleteId.current = ids[index + 1] ?? ids[index - 1] ?? null;
    remove(brief.id);
    setToDelete(null);
    forgetCachedBrief(userId, brief.id);
    // Its copy on this device stays: a restore may still sync what it holds.
    notify(`“${brief.title}” was moved to the trash`, {
      label: 'Undo',
      run: () => void undoTrash(brief),
      undo: true,
    });
  };

  const undoTrash = async (brief: BriefSummary) => {
    // The toast and its button go; focus must not fall to the page.
    headingRef.current?.focus();
    try {
      await restoreBrief(brief.id);
      reload();
      notify(`“${brief.title}” was restored`);
    } catch (err) {
      notify(
        err instanceof ApiError
          ? `Couldn’t restore “${brief.title}”: ${err.message}`
          : `Couldn’t restore “${brief.title}”. It is still in the trash.`,
      );
    }
  };

  const focusAfterDelete = () => {
    const id = focusAfterDeleteId.current;
    const link = id
      ? document.querySelector<HTMLElement>(`[data-brief-id="${id}"] .brief-row__title`)
      : null;
    (link ?? headingRef.current)?.focus();
  };

  const newBriefButton = (
    <Button
      variant="primary"
      icon={<IconPlus size={16} />}
      onClick={() => void create()}
      busy={creating}
    >
      New brief
    </Button>
  );
  const hasBriefs = briefs.length > 0;
  const latest = lastEdited(briefs);
  const searching = state.status === 'ready' && state.searching;

  return (
    <div className="page">
      <AppHeader />
      <main className="briefs">
        <div className="briefs__head">
          <div>
            <h1 className="briefs__title" ref={headingRef} tabIndex={-1}>
              Briefs
            </h1>
            <p className="briefs__subtitle">Write policy briefings together, live.</p>
          </div>
          <div className="briefs__head-actions">
            <Link to={TRASH_PATH} className="btn btn--ghost btn--md">
              <IconTrash size={16} />
              <span className="btn__label">Trash</span>
            </Link>
            {newBriefButton}
          </div>
        </div>
        {createError && (
          <p className="banner banner--danger" role="alert">
            <IconAlert size={18} /> {createError}
          </p>
        )}

        <div className="search" role="search">
          <IconSearch size={17} className="search__icon" />
          <input
            ref={searchRef}
            type="search"
            className="search__input"
            placeholder="Search by title"
            aria-label="Search briefs by title"
            aria-keyshortcuts="/"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && search) {
                event.preventDefault();
                setSearch('');
              }
            }}
          />
          {searching ? (
            <Spinner size={14} label="Searching" />
          ) : (
            <kbd className="search__hint" aria-hidden="true">
              /
            </kbd>
          )}
        </div>

        <section
          ref={listRef}
          tabIndex={-1}
          className="briefs__list"
          aria-label="Briefs"
          aria-busy={state.status === 'loading' || searching}
        >
          {state.status === 'loading' && <ListSkeleton />}
          {state.status === 'error' && (
            <LoadErrorPanel
              error={state.error}
              failedTitle="Couldn’t load your briefs"
              listName="The list"
              offlineNote="Briefs you opened on this device still open from their links."
              onRetry={() => {
                // The panel goes while the list reloads; keep focus where the list will be.
                listRef.current?.focus();
                reload();
              }}
            />
          )}
          {state.status === 'ready' && !hasBriefs && state.query === '' && (
            <StatePanel
              icon={<IconDocument size={24} />}
              title="No briefs yet"
              action={newBriefButton}
            >
              Start a brief, then share it with the people who write and review it with you. Briefs
              others share with you show up here too.
            </StatePanel>
          )}
          {state.status === 'ready' && !hasBriefs && state.query !== '' && (
            <StatePanel
              icon={<IconSearch size={24} />}
              title={`No briefs match “${state.query}”`}
              action={
                <Button
                  icon={<IconX size={16} />}
                  onClick={() => {
                    setSearch('');
                    searchRef.current?.focus();
                  }}
                >
                  Clear search
                </Button>
              }
            >
              Search looks at titles. Try fewer or different words.
            </StatePanel>
          )}
          {state.status === 'ready' && hasBriefs && (
            <>
              <div className="briefs__toolbar">
                <p className="briefs__count" aria-live="polite">
                  {state.query
                    ? `${briefs.length} ${briefs.length === 1 ? 'brief matches' : 'briefs match'} “${state.query}”`
                    : `${briefs.length} ${briefs.length === 1 ? 'brief' : 'briefs'} · last edited ${latest ? relativeTime(latest, now) : ''}`}
                </p>
                <label className="briefs__sort" htmlFor={sortId}>
                  Sort by
                  <select
                    id={sortId}
                    className="select select--sm"
                    value={order}
                    onChange={(event) => {
                      if (isBriefOrder(event.target.value)) setOrder(event.target.value);
                    }}
                  >
                    {BRIEF_ORDERS.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              <ul className={searching ? 'brief-list brief-list--stale' : 'brief-list'}>
                {briefs.map((brief) => (
                  <BriefRow
                    key={brief.id}
                    brief={brief}
                    now={now}
                    showCreated={order === 'created'}
                    onRename={(title) => rename(brief, title)}
                    onDelete={() => setToDelete(brief)}
                  />
                ))}
              </ul>
            </>
          )}
        </section>
      </main>
      {toDelete && (
        <DeleteBriefDialog
          brief={toDelete}
          onCancel={() => setToDelete(null)}
          onDeleted={() => onDeleted(toDelete)}
          focusAfterDelete={focusAfterDelete}
        />
      )}
    </div>
  );
}

function ListSkeleton() {
  return (
    <ul className="brief-list" aria-label="Loading briefs">
      {[72, 54, 64, 46].map((width) => (
        <li key={width} className="brief-row brief-row--skeleton">
          <span className="skeleton skeleton--icon" />
          <div className="brief-row__main">
            <span className="skeleton skeleton--line" style={{ width: `${width}%` }} />
            <span className="skeleton skeleton--meta" />
          </div>
        </li>
      ))}
    </ul>
  );
}
