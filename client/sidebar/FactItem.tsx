import { useEffect, useId, useState, type HTMLAttributes } from 'react';
import type { Fact, RecommendedAction } from '../../shared/cards.ts';
import { setCitedTextDragData } from '../editor/citedDrop.ts';
import { IconCheck, IconChevronDown, IconPlus } from '../ui/icons.tsx';
import { useCardsContext } from './CardsContext.tsx';
import { agreementTitle, factSummary, figureValue, quoteText, roleLabel } from './facts.ts';
import { countryName, Flag } from './Flag.tsx';
import { IconGrip } from './icons.tsx';
import { citedText } from './insert.ts';

const INSERTED_FEEDBACK_MS = 1600;

/**
 * "Insert into brief". It keeps the editor's focus and selection (no focus
 * change on mousedown), so the fact lands exactly where the caret was.
 */
export function InsertButton({
  item,
  summary,
}: {
  item: Fact | RecommendedAction;
  summary: string;
}) {
  const { insert } = useCardsContext();
  const [result, setResult] = useState<'inserted' | 'failed' | null>(null);
  useEffect(() => {
    if (!result) return;
    const timer = setTimeout(() => setResult(null), INSERTED_FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [result]);
  if (!insert) return null;
  return (
    <button
      type="button"
      className="fact-insert"
      data-state={result ?? undefined}
      aria-label={`Insert into brief: ${summary}`}
      title={
        result === 'failed'
          ? 'Can’t insert here: move the cursor to a paragraph'
          : 'Insert into brief, with its citation'
      }
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => setResult(insert(item) ? 'inserted' : 'failed')}
    >
      {result === 'inserted' ? <IconCheck size={14} /> : <IconPlus size={14} />}
      <span>{result === 'inserted' ? 'Inserted' : 'Insert'}</span>
    </button>
  );
}

/**
 * Makes a fact (or action) draggable into the brief, exactly when Insert is
 * offered: not for read-only roles, nor once the brief is closed. The drag
 * carries what Insert would put in (see client/editor/citedDrop.ts).
 * Insert stays the keyboard's way in.
 */
function useDragIntoBrief(
  item: Fact | RecommendedAction,
): HTMLAttributes<HTMLLIElement> & { 'data-dragging'?: boolean } {
  const { insert, lookup } = useCardsContext();
  const [dragging, setDragging] = useState(false);
  if (!insert) return {};
  return {
    draggable: true,
    'data-dragging': dragging || undefined,
    onDragStart: (event) => {
      setCitedTextDragData(event.dataTransfer, citedText(item, lookup));
      setDragging(true);
    },
    onDragEnd: () => setDragging(false),
  };
}

/** The handle shown when a draggable fact is hovered: a hint, as the whole fact drags. */
function DragGrip() {
  return (
    <span className="fact__grip" title="Drag into the brief" aria-hidden="true">
      <IconGrip size={12} />
    </span>
  );
}

/** One fact on a card: what it says, where it comes from (expandable), and Insert. */
export function FactItem({ fact }: { fact: Fact }) {
  const { lookup } = useCardsContext();
  const [open, setOpen] = useState(false);
  const excerptId = useId();
  const title = lookup.documentTitle(fact.source.documentId);
  const drag = useDragIntoBrief(fact);

  return (
    <li className={`fact fact--${fact.kind}`} data-fact-id={fact.id} {...drag}>
      {drag.draggable && <DragGrip />}
      <FactContent fact={fact} />
      <div className="fact__footer">
        <button
          type="button"
          className="fact__source"
          aria-expanded={open}
          aria-controls={excerptId}
          title={open ? 'Hide the source’s sentence' : 'Show the source’s sentence'}
          onClick={() => setOpen((o) => !o)}
        >
          <span className="fact__source-title">{title}</span>
          <IconChevronDown size={13} className="fact__chevron" />
        </button>
        <InsertButton item={fact} summary={factSummary(fact)} />
      </div>
      <blockquote id={excerptId} className="fact__excerpt" hidden={!open}>
        {fact.excerpt}
      </blockquote>
    </li>
  );
}

function FactContent({ fact }: { fact: Fact }) {
  const { lookup } = useCardsContext();
  switch (fact.kind) {
    case 'figure':
      return (
        <p className="fact__text">
          <span className="fact__value tabular">{figureValue(fact)}</span>
          {fact.measure && <span className="fact__measure">{fact.measure}</span>}
        </p>
      );
    case 'quote':
      return (
        <figure className="fact__quote">
          <blockquote>“{quoteText(fact)}”</blockquote>
          {fact.speaker && <figcaption>— {fact.speaker}</figcaption>}
        </figure>
      );
    case 'person':
      return (
        <p className="fact__text">
          <span className="fact__name">{fact.name}</span>
          {fact.title && <span className="fact__role">{roleLabel(fact.title)}</span>}
        </p>
      );
    case 'agreement':
      return (
        <div className="fact__text fact__text--stack">
          <span className="fact__name">{agreementTitle(fact)}</span>
          {fact.parties.length > 0 && (
            <ul className="fact__parties" aria-label="Parties">
              {fact.parties.map((code) => (
                <li key={code}>
                  <Flag code={code} size="sm" />
                  {countryName(code, lookup)}
                </li>
              ))}
            </ul>
          )}
        </div>
      );
    case 'table-row':
      return (
        <dl className="fact__row">
          {fact.header.map((h) =>
            fact.cells[h] ? (
              <div key={h}>
                <dt>{h}</dt>
                <dd>{fact.cells[h]}</dd>
              </div>
            ) : null,
          )}
        </dl>
      );
  }
}

/** A recommended action from a source: its text, source and Insert. */
export function ActionItem({ action }: { action: RecommendedAction }) {
  const { lookup } = useCardsContext();
  const drag = useDragIntoBrief(action);
  return (
    <li className="fact fact--action" {...drag}>
      {drag.draggable && <DragGrip />}
      <p className="fact__text fact__text--prose">{action.text}</p>
      <div className="fact__footer">
        <span className="fact__source fact__source--static">
          <span className="fact__source-title">
            {lookup.documentTitle(action.source.documentId)}
          </span>
        </span>
        <InsertButton item={action} summary={`recommended action: ${action.text.slice(0, 60)}`} />
      </div>
    </li>
  );
}
