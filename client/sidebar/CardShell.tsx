import { useId, useState, type ReactNode } from 'react';
import type { Fact, RankedCard, RecommendedAction } from '../../shared/cards.ts';
import { IconChevronDown, IconDocument } from '../ui/icons.tsx';
import { useCardsContext } from './CardsContext.tsx';
import { ActionItem, FactItem } from './FactItem.tsx';
import { groupFacts } from './facts.ts';

/** How much a relevant card matters to the brief, relative to the top one of its kind. */
export interface Relevance {
  ranked: RankedCard;
  /** 0..1 of the best score in its group. */
  share: number;
}

interface CardShellProps {
  kind: 'country' | 'issue' | 'region';
  /** Flag or issue glyph. */
  icon: ReactNode;
  name: string;
  /** Under the name while collapsed: top issues, or countries involved. */
  summary: ReactNode;
  factCount: number;
  relevance?: Relevance;
  defaultOpen?: boolean;
  children: ReactNode;
  testId: string;
}

/**
 * A card: collapsed to its headline so a list scans quickly, expanded (a
 * disclosure button, so keyboard and screen readers get it for free) to its facts.
 */
export function CardShell({
  kind,
  icon,
  name,
  summary,
  factCount,
  relevance,
  defaultOpen = false,
  children,
  testId,
}: CardShellProps) {
  const [open, setOpen] = useState(defaultOpen);
  const bodyId = useId();
  const count = `${factCount} ${factCount === 1 ? 'fact' : 'facts'}`;
  return (
    <article
      className={`card card--${kind}${open ? ' card--open' : ''}`}
      data-testid={testId}
      aria-label={name}
    >
      <h3 className="card__heading">
        <button
          type="button"
          className="card__toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen((o) => !o)}
        >
          <span className="card__icon">{icon}</span>
          <span className="card__headline">
            <span className="card__title-row">
              <span className="card__name">{name}</span>
              <span className="card__count">{count}</span>
            </span>
            <span className="card__summary">
              {summary}
              {relevance && <RelevanceMeter relevance={relevance} />}
            </span>
          </span>
          <IconChevronDown size={16} className="card__chevron" />
        </button>
      </h3>
      <div id={bodyId} className="card__body" hidden={!open}>
        {open && children}
      </div>
    </article>
  );
}

function RelevanceMeter({ relevance }: { relevance: Relevance }) {
  const { ranked, share } = relevance;
  const text =
    ranked.mentions > 0
      ? `Named ${ranked.mentions === 1 ? 'once' : `${ranked.mentions}×`}`
      : 'Related';
  return (
    <span className="relevance" title={`Relevance ${ranked.score.toFixed(2)}`}>
      <span className="relevance__bar" aria-hidden="true">
        <span style={{ width: `${Math.max(12, Math.round(share * 100))}%` }} />
      </span>
      <span className="relevance__text">{text}</span>
    </span>
  );
}

export function CardSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card__section">
      <h4 className="card__section-title">{title}</h4>
      {children}
    </section>
  );
}

/** Facts grouped into sections (figures, dates, people, quotes, agreements, table rows). */
export function FactSections({ facts }: { facts: readonly Fact[] }) {
  return (
    <>
      {groupFacts(facts).map((group) => (
        <CardSection key={group.key} title={group.label}>
          <ul className="fact-list">
            {group.facts.map((fact) => (
              <FactItem key={fact.id} fact={fact} />
            ))}
          </ul>
        </CardSection>
      ))}
    </>
  );
}

export function ActionSection({ actions }: { actions: readonly RecommendedAction[] }) {
  if (actions.length === 0) return null;
  return (
    <CardSection title="Recommended actions">
      <ul className="fact-list">
        {actions.map((action) => (
          <ActionItem key={`${action.source.documentId}:${action.source.start}`} action={action} />
        ))}
      </ul>
    </CardSection>
  );
}

export function SourcesSection({ ids }: { ids: readonly string[] }) {
  const { lookup } = useCardsContext();
  if (ids.length === 0) return null;
  return (
    <CardSection title={ids.length === 1 ? 'Source' : `Sources (${ids.length})`}>
      <ul className="card-sources">
        {ids.map((id) => (
          <li key={id}>
            <IconDocument size={14} />
            <span>{lookup.documentTitle(id)}</span>
            {id.startsWith('sample-') && <span className="tag">Sample</span>}
          </li>
        ))}
      </ul>
    </CardSection>
  );
}

/** Shown in place of facts when the sources mention something but state nothing citable. */
export function NoFacts({ what }: { what: string }) {
  return (
    <p className="card__none">
      No figures, quotes or agreements about {what} were found in the sources yet.
    </p>
  );
}
