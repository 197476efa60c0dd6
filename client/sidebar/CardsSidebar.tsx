import { IconCards } from '../ui/icons.tsx';

/**
 * The column reserved for sources and fact cards. A placeholder for now, kept
 * as its own component so the Cards work can replace it without touching the
 * page layout.
 */
export function CardsSidebar() {
  return (
    <aside aria-label="Cards" className="cards-sidebar">
      <div className="cards-sidebar__header">
        <h2 className="cards-sidebar__title">Cards</h2>
      </div>
      <div className="cards-sidebar__empty">
        <span className="cards-sidebar__icon" aria-hidden="true">
          <IconCards size={22} />
        </span>
        <p className="cards-sidebar__lead">Sources and cards will appear here</p>
        <p className="cards-sidebar__text">
          Facts from your sources, ready to cite in the brief with one click.
        </p>
      </div>
    </aside>
  );
}
