import { useDeferredValue, useId, useMemo, useState } from 'react';
import type { CardsIndex, Fact } from '../../shared/cards.ts';
import { IconSearch, IconX } from '../ui/icons.tsx';
import { useCardsContext } from './CardsContext.tsx';
import { CountryCardView, IssueCardView, RegionCardView } from './CardViews.tsx';
import { factSearchText } from './facts.ts';
import { countryName } from './Flag.tsx';

export type CardsTab = 'countries' | 'issues' | 'regions';

/** Issue filters offered on the Countries tab: the ones most countries share. */
const FILTER_CHIPS = 5;

function matches(query: string, names: readonly string[], facts: readonly Fact[]): boolean {
  if (!query) return true;
  return (
    names.some((n) => n.toLowerCase().includes(query)) ||
    facts.some((f) => factSearchText(f).includes(query))
  );
}

/** One tab of cards with its search box and filter. */
export function CardBrowser({ tab }: { tab: CardsTab }) {
  const { lookup } = useCardsContext();
  const [query, setQuery] = useState('');
  // Filtering re-renders long lists; let typing in the box stay ahead of it.
  const deferred = useDeferredValue(query.trim().toLowerCase());
  const searchId = useId();
  const placeholder =
    tab === 'countries'
      ? 'Search countries, people, figures…'
      : tab === 'issues'
        ? 'Search issues and facts…'
        : 'Search regions…';

  return (
    <div className="browser">
      <div className="sidebar-search" role="search">
        <label htmlFor={searchId} className="sr-only">
          Search {tab}
        </label>
        <IconSearch size={15} className="sidebar-search__icon" />
        <input
          id={searchId}
          type="search"
          className="sidebar-search__input"
          placeholder={placeholder}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          autoComplete="off"
        />
        {query && (
          <button
            type="button"
            className="sidebar-search__clear"
            aria-label="Clear search"
            onClick={() => setQuery('')}
          >
            <IconX size={14} />
          </button>
        )}
      </div>
      {tab === 'countries' && <CountryList index={lookup.index} query={deferred} />}
      {tab === 'issues' && <IssueList index={lookup.index} query={deferred} />}
      {tab === 'regions' && <RegionList index={lookup.index} query={deferred} />}
    </div>
  );
}

function CountryList({ index, query }: { index: CardsIndex; query: string }) {
  const [issue, setIssue] = useState<string | null>(null);
  const chips = useMemo(() => {
    const counts = new Map<string, { label: string; n: number }>();
    for (const c of index.countries) {
      for (const i of c.issues) {
        const entry = counts.get(i.id) ?? { label: i.label, n: 0 };
        entry.n++;
        counts.set(i.id, entry);
      }
    }
    return [...counts]
      .sort((a, b) => b[1].n - a[1].n || a[1].label.localeCompare(b[1].label))
      .slice(0, FILTER_CHIPS)
      .map(([id, { label }]) => ({ id, label }));
  }, [index]);

  const shown = index.countries.filter(
    (c) =>
      (!issue || c.issues.some((i) => i.id === issue)) &&
      matches(query, [c.name, c.code, ...c.issues.map((i) => i.label)], c.facts),
  );
  return (
    <>
      {chips.length > 1 && (
        <div className="filter-chips" role="group" aria-label="Filter countries by issue">
          {chips.map((chip) => (
            <button
              key={chip.id}
              type="button"
              className="filter-chip"
              aria-pressed={issue === chip.id}
              onClick={() => setIssue((current) => (current === chip.id ? null : chip.id))}
            >
              {chip.label}
            </button>
          ))}
        </div>
      )}
      <Results count={shown.length} total={index.countries.length} noun="countries">
        {shown.map((card) => (
          <CountryCardView key={card.code} card={card} />
        ))}
      </Results>
    </>
  );
}

function IssueList({ index, query }: { index: CardsIndex; query: string }) {
  const { lookup } = useCardsContext();
  const [country, setCountry] = useState('');
  const selectId = useId();
  const options = useMemo(
    () =>
      [...new Set(index.issues.flatMap((i) => i.countries))]
        .map((code) => ({ code, name: countryName(code, lookup) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [index, lookup],
  );
  const shown = index.issues.filter(
    (i) =>
      (!country || i.countries.includes(country)) &&
      matches(query, [i.label, i.description], i.facts),
  );
  return (
    <>
      <div className="filter-row">
        <label htmlFor={selectId} className="filter-row__label">
          Country
        </label>
        <select
          id={selectId}
          className="select select--sm filter-row__select"
          value={country}
          onChange={(event) => setCountry(event.target.value)}
        >
          <option value="">All countries</option>
          {options.map((o) => (
            <option key={o.code} value={o.code}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
      <Results count={shown.length} total={index.issues.length} noun="issues">
        {shown.map((card) => (
          <IssueCardView key={card.id} card={card} />
        ))}
      </Results>
    </>
  );
}

function RegionList({ index, query }: { index: CardsIndex; query: string }) {
  const shown = index.regions.filter((r) => matches(query, [r.label], r.facts));
  return (
    <Results count={shown.length} total={index.regions.length} noun="regions">
      {shown.map((card) => (
        <RegionCardView key={card.id} card={card} />
      ))}
    </Results>
  );
}

function Results({
  count,
  total,
  noun,
  children,
}: {
  count: number;
  total: number;
  noun: string;
  children: React.ReactNode;
}) {
  if (total === 0) {
    return <p className="browser__empty">The sources name no {noun} yet.</p>;
  }
  if (count === 0) {
    return <p className="browser__empty">No {noun} match. Try another word or clear the filter.</p>;
  }
  return (
    <>
      <p className="browser__count" aria-live="polite">
        {count === total ? `${total} ${noun}` : `${count} of ${total} ${noun}`}
      </p>
      <div className="card-list">{children}</div>
    </>
  );
}
