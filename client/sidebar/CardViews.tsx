import type { CardIssue, CountryCard, IssueCard, RegionCard } from '../../shared/cards.ts';
import { useCardsContext } from './CardsContext.tsx';
import {
  ActionSection,
  CardSection,
  CardShell,
  FactSections,
  NoFacts,
  SourcesSection,
  type Relevance,
} from './CardShell.tsx';
import { countryName, Flag } from './Flag.tsx';
import { IconGlobe } from './icons.tsx';

const SUMMARY_ISSUES = 2;
const SUMMARY_COUNTRIES = 5;

/** A stable hue per issue, so an issue keeps its colour wherever it appears. */
function hue(id: string): number {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return h;
}

function IssueGlyph({ id, label }: { id: string; label: string }) {
  // A custom property: React's CSSProperties type does not list them.
  const style = { '--hue': hue(id) } as React.CSSProperties;
  return (
    <span className="issue-glyph" style={style} aria-hidden="true">
      {label.charAt(0)}
    </span>
  );
}

function IssueChips({ issues, max }: { issues: readonly CardIssue[]; max?: number }) {
  const shown = max === undefined ? issues : issues.slice(0, max);
  return (
    <span className="chips">
      {shown.map((issue) => (
        <span key={issue.id} className="chip">
          {issue.label}
        </span>
      ))}
      {max !== undefined && issues.length > max && (
        <span className="chip chip--more">+{issues.length - max}</span>
      )}
    </span>
  );
}

export function CountryCardView({ card, relevance }: { card: CountryCard; relevance?: Relevance }) {
  return (
    <CardShell
      kind="country"
      testId={`country-card-${card.code}`}
      icon={<Flag code={card.code} flag={card.flag} />}
      name={card.name}
      summary={
        card.issues.length > 0 ? (
          <IssueChips issues={card.issues} max={SUMMARY_ISSUES} />
        ) : (
          <span className="card__quiet">
            Mentioned {card.mentions === 1 ? 'once' : `${card.mentions} times`}
          </span>
        )
      }
      factCount={card.facts.length}
      relevance={relevance}
    >
      {card.issues.length > 0 && (
        <CardSection title="Issues">
          <IssueChips issues={card.issues} />
        </CardSection>
      )}
      {card.facts.length > 0 ? <FactSections facts={card.facts} /> : <NoFacts what={card.name} />}
      <SourcesSection ids={card.sources} />
    </CardShell>
  );
}

function CountryFlags({ codes }: { codes: readonly string[] }) {
  const { lookup } = useCardsContext();
  const shown = codes.slice(0, SUMMARY_COUNTRIES);
  if (codes.length === 0) return <span className="card__quiet">No country yet</span>;
  return (
    <span className="flags" title={codes.map((c) => countryName(c, lookup)).join(', ')}>
      {shown.map((code) => (
        <Flag key={code} code={code} size="sm" />
      ))}
      {codes.length > shown.length && (
        <span className="flags__more">+{codes.length - shown.length}</span>
      )}
      <span className="sr-only">{codes.map((c) => countryName(c, lookup)).join(', ')}</span>
    </span>
  );
}

export function IssueCardView({ card, relevance }: { card: IssueCard; relevance?: Relevance }) {
  const { lookup } = useCardsContext();
  return (
    <CardShell
      kind="issue"
      testId={`issue-card-${card.id}`}
      icon={<IssueGlyph id={card.id} label={card.label} />}
      name={card.label}
      summary={<CountryFlags codes={card.countries} />}
      factCount={card.facts.length + card.recommendedActions.length}
      relevance={relevance}
    >
      {card.description && <p className="card__description">{card.description}</p>}
      {card.countries.length > 0 && (
        <CardSection title="Countries involved">
          <ul className="country-chips">
            {card.countries.map((code) => (
              <li key={code} className="chip chip--country">
                <Flag code={code} size="sm" />
                {countryName(code, lookup)}
              </li>
            ))}
          </ul>
        </CardSection>
      )}
      {card.facts.length > 0 && <FactSections facts={card.facts} />}
      <ActionSection actions={card.recommendedActions} />
      {card.facts.length === 0 && card.recommendedActions.length === 0 && (
        // Not the label: lower-cased mid-sentence it reads "china's influence".
        <NoFacts what="this issue" />
      )}
      <SourcesSection ids={card.sources} />
    </CardShell>
  );
}

export function RegionCardView({ card }: { card: RegionCard }) {
  return (
    <CardShell
      kind="region"
      testId={`region-card-${card.id}`}
      icon={
        <span className="issue-glyph issue-glyph--region" aria-hidden="true">
          <IconGlobe size={16} />
        </span>
      }
      name={card.label}
      summary={
        card.issues.length > 0 ? (
          <IssueChips issues={card.issues} max={SUMMARY_ISSUES} />
        ) : (
          <span className="card__quiet">
            Mentioned {card.mentions === 1 ? 'once' : `${card.mentions} times`}
          </span>
        )
      }
      factCount={card.facts.length + card.recommendedActions.length}
    >
      {card.issues.length > 0 && (
        <CardSection title="Issues">
          <IssueChips issues={card.issues} />
        </CardSection>
      )}
      {card.facts.length > 0 && <FactSections facts={card.facts} />}
      <ActionSection actions={card.recommendedActions} />
      {card.facts.length === 0 && card.recommendedActions.length === 0 && (
        <NoFacts what={card.label} />
      )}
      <SourcesSection ids={card.sources} />
    </CardShell>
  );
}
