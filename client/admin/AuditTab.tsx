import { useState } from 'react';
import { isBriefId } from '../../shared/briefId.ts';
import type { AuditEntry } from '../../shared/api.ts';
import { briefPath, Link } from '../router.tsx';
import { Button } from '../ui/Button.tsx';
import { IconAlert, IconList, IconRefresh, IconSearch, IconX } from '../ui/icons.tsx';
import { Spinner } from '../ui/Spinner.tsx';
import { StatePanel } from '../ui/States.tsx';
import {
  actionLabel,
  actionTone,
  briefLabel,
  briefStateNote,
  describeDetail,
  entryMatches,
  formatWhen,
} from './auditFormat.ts';
import { useAudit } from './useAudit.ts';

export function AuditTab() {
  const { state, loadMore, reload } = useAudit();
  const [filter, setFilter] = useState('');
  const entries =
    state.status === 'ready' ? state.entries.filter((e) => entryMatches(e, filter)) : [];
  const filtering = filter.trim() !== '';

  return (
    <section aria-labelledby="audit-heading" aria-busy={state.status === 'loading'}>
      <div className="admin__bar">
        <h2 id="audit-heading" className="sr-only">
          Audit log
        </h2>
        <div className="search search--compact" role="search">
          <IconSearch size={16} className="search__icon" />
          <input
            type="search"
            className="search__input"
            placeholder="Filter by person, action or brief"
            aria-label="Filter the audit log"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
        </div>
        <Button
          icon={<IconRefresh size={16} />}
          onClick={reload}
          disabled={state.status === 'loading'}
        >
          Refresh
        </Button>
      </div>

      {state.status === 'loading' && (
        <div className="table-card table-card--loading">
          <Spinner size={16} label="Loading the audit log" />
        </div>
      )}
      {state.status === 'error' && (
        <StatePanel
          tone="danger"
          icon={<IconAlert size={24} />}
          title="Couldn’t load the audit log"
          action={<Button onClick={reload}>Try again</Button>}
        >
          {state.error.message}
        </StatePanel>
      )}
      {state.status === 'ready' && state.entries.length === 0 && (
        <StatePanel icon={<IconList size={24} />} title="Nothing recorded yet">
          Sign-ins, changes to people and to who can open which brief appear here.
        </StatePanel>
      )}
      {state.status === 'ready' && state.entries.length > 0 && (
        <>
          <p className="admin__count" aria-live="polite">
            {filtering
              ? `${entries.length} of ${state.entries.length} loaded entries match “${filter.trim()}”`
              : `${state.entries.length} most recent entries`}
          </p>
          {entries.length === 0 ? (
            <StatePanel
              icon={<IconSearch size={24} />}
              title={`No loaded entries match “${filter.trim()}”`}
              action={
                <Button icon={<IconX size={16} />} onClick={() => setFilter('')}>
                  Clear filter
                </Button>
              }
            >
              {state.hasMore
                ? 'The filter looks at the entries loaded so far. Load older ones to search further back.'
                : 'The filter looks at who, what and which brief: try a name, “Signed in” or a brief’s title.'}
            </StatePanel>
          ) : (
            <div className="table-card">
              <table className="table table--audit" aria-label="Audit log">
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Who</th>
                    <th scope="col">Action</th>
                    <th scope="col">Details</th>
                    <th scope="col">Brief</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry) => (
                    <tr key={entry.id} data-testid="audit-row" data-action={entry.action}>
                      <td className="table__nowrap table__muted">
                        <time dateTime={entry.at}>{formatWhen(entry.at)}</time>
                      </td>
                      <td className="table__strong">{entry.actor ?? '—'}</td>
                      <td>
                        <span className={`action action--${actionTone(entry.action)}`}>
                          {actionLabel(entry.action)}
                        </span>
                        <code className="action__code">{entry.action}</code>
                      </td>
                      <td className="table__detail">{describeDetail(entry)}</td>
                      <td className="table__brief">
                        <AuditBrief entry={entry} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="admin__more">
            {state.more.status === 'error' && (
              <p className="field__error" role="alert">
                Couldn’t load older entries: {state.more.error.message}
              </p>
            )}
            {state.hasMore ? (
              <Button onClick={loadMore} busy={state.more.status === 'loading'}>
                Load more
              </Button>
            ) : (
              <p className="admin__end">That’s the beginning of the log.</p>
            )}
          </div>
        </>
      )}
    </section>
  );
}

/** The brief an entry names: a link while it can be opened, else its title and where it went. */
function AuditBrief({ entry }: { entry: AuditEntry }) {
  const label = briefLabel(entry);
  const note = briefStateNote(entry);
  // The id stays at hand on hover, for finding the brief in logs or the database.
  const hover = entry.briefId ?? undefined;
  return (
    <>
      {entry.briefState === 'live' && entry.briefId && isBriefId(entry.briefId) ? (
        <Link to={briefPath(entry.briefId)} className="table__link" title={hover}>
          {label}
        </Link>
      ) : (
        <span title={hover}>{label}</span>
      )}
      {note && <span className="table__muted"> {note}</span>}
    </>
  );
}
