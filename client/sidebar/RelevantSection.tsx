import { useId, useState } from 'react';
import type { RankedCard } from '../../shared/cards.ts';
import { Button } from '../ui/Button.tsx';
import { IconChevronDown } from '../ui/icons.tsx';
import { Spinner } from '../ui/Spinner.tsx';
import { useCardsContext } from './CardsContext.tsx';
import type { Relevance } from './CardShell.tsx';
import { CountryCardView, IssueCardView } from './CardViews.tsx';
import { CardSkeletons } from './SidebarStates.tsx';
import type { RelevantState } from './useRelevantCards.ts';

/** At most this many of each kind: the brief's main subjects, not everything it touches. */
const TOP = 5;
/** Shown before "Show more", so the library below stays in reach. */
const FIRST = 3;
/** Below this share of the best score, a card is a faint echo of the brief, not a subject. */
const MIN_SHARE = 0.15;

function top(ranked: readonly RankedCard[]): Relevance[] {
  const best = ranked[0]?.score ?? 0;
  if (best <= 0) return [];
  return ranked
    .map((r) => ({ ranked: r, share: r.score / best }))
    .filter((r) => r.ranked.mentions > 0 || r.share >= MIN_SHARE)
    .slice(0, TOP);
}

/**
 * "Relevant to this brief": the cards for the countries and issues the brief's
 * current text is about, re-ranked as people write.
 */
export function RelevantSection({
  state,
  onRetry,
  open,
  onOpenChange,
}: {
  state: RelevantState;
  onRetry: () => void;
  /** Kept by the sidebar, so it survives tab changes and reloads. */
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const bodyId = useId();
  const busy = state.status === 'loading' || (state.status === 'ready' && state.updating);
  return (
    <section className="relevant" aria-labelledby={`${bodyId}-title`} data-testid="relevant">
      <div className="sidebar-section__header">
        <h2 className="sidebar-section__heading" id={`${bodyId}-title`}>
          <button
            type="button"
            className="sidebar-section__toggle"
            aria-expanded={open}
            aria-controls={bodyId}
            onClick={() => onOpenChange(!open)}
          >
            <IconChevronDown size={15} className="sidebar-section__chevron" />
            Relevant to this brief
          </button>
        </h2>
        {busy && <Spinner size={12} label="Updating relevant cards" />}
      </div>
      <div id={bodyId} hidden={!open} className="relevant__body" aria-busy={busy}>
        <RelevantBody state={state} onRetry={onRetry} />
      </div>
    </section>
  );
}

function RelevantBody({ state, onRetry }: { state: RelevantState; onRetry: () => void }) {
  const { lookup } = useCardsContext();
  const [all, setAll] = useState(false);
  switch (state.status) {
    case 'waiting':
    case 'loading':
      return <CardSkeletons count={2} />;
    case 'empty':
      return (
        <p className="relevant__empty">
          Start writing — cards for the countries and issues you mention will appear here.
        </p>
      );
    case 'error':
      return (
        <div className="sidebar-error sidebar-error--inline" role="alert">
          <span>Couldn’t match cards to the brief. {state.error.message}</span>
          <Button size="sm" variant="ghost" onClick={onRetry}>
            Retry
          </Button>
        </div>
      );
    case 'ready': {
      const countries = top(state.relevant.countries).flatMap((relevance) => {
        const card = lookup.country(relevance.ranked.id);
        return card ? [{ card, relevance }] : [];
      });
      const issues = top(state.relevant.issues).flatMap((relevance) => {
        const card = lookup.issue(relevance.ranked.id);
        return card ? [{ card, relevance }] : [];
      });
      if (countries.length === 0 && issues.length === 0) {
        return (
          <p className="relevant__empty">
            No cards match the brief yet. Name a country or an issue your sources cover, or add
            sources about this subject.
          </p>
        );
      }
      const hidden = all
        ? 0
        : Math.max(0, countries.length - FIRST) + Math.max(0, issues.length - FIRST);
      const shownCountries = all ? countries : countries.slice(0, FIRST);
      const shownIssues = all ? issues : issues.slice(0, FIRST);
      return (
        <>
          {shownCountries.length > 0 && (
            <div className="relevant__group" role="group" aria-label="Relevant countries">
              {shownCountries.map(({ card, relevance }) => (
                <CountryCardView key={card.code} card={card} relevance={relevance} />
              ))}
            </div>
          )}
          {shownIssues.length > 0 && (
            <div className="relevant__group" role="group" aria-label="Relevant issues">
              {shownIssues.map(({ card, relevance }) => (
                <IssueCardView key={card.id} card={card} relevance={relevance} />
              ))}
            </div>
          )}
          {(hidden > 0 || all) && (
            <button
              type="button"
              className="link-button relevant__more"
              onClick={() => setAll(!all)}
            >
              {all ? 'Show fewer' : `Show ${hidden} more`}
            </button>
          )}
        </>
      );
    }
  }
}
