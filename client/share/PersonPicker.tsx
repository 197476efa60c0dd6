import { forwardRef, useId, useState, type KeyboardEvent } from 'react';
import type { UserSummary } from '../../shared/api.ts';
import { colorForName } from '../../shared/colors.ts';
import { Avatar } from '../presence/Avatar.tsx';
import { IconSearch } from '../ui/icons.tsx';
import { Spinner } from '../ui/Spinner.tsx';
import type { PeopleState } from './useMembers.ts';

const MAX_OPTIONS = 8;

function matches(person: UserSummary, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return person.displayName.toLowerCase().includes(q) || person.username.toLowerCase().includes(q);
}

interface PersonPickerProps {
  people: PeopleState;
  /** Ids not to offer (current members). */
  exclude: ReadonlySet<string>;
  selected: UserSummary | null;
  onSelect: (person: UserSummary | null) => void;
  disabled?: boolean;
}

/**
 * A searchable list of people, as a WAI-ARIA combobox: typing filters, arrow
 * keys move through the options, Enter picks one, Esc closes the list (and
 * only the list, not the dialog around it).
 */
export const PersonPicker = forwardRef<HTMLInputElement, PersonPickerProps>(function PersonPicker(
  { people, exclude, selected, onSelect, disabled },
  ref,
) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const optionId = useId();

  const candidates =
    people.status === 'ready' ? people.people.filter((p) => !exclude.has(p.id)) : [];
  const options = candidates.filter((p) => matches(p, query)).slice(0, MAX_OPTIONS);
  const activeIndex = Math.min(active, options.length - 1);
  const showList = open && !disabled;

  const choose = (person: UserSummary) => {
    onSelect(person);
    setQuery(person.displayName);
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(0);
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + options.length) % Math.max(1, options.length));
    } else if (event.key === 'Enter' && showList && options[activeIndex]) {
      // Picks the option; with the list closed, Enter submits the form around.
      event.preventDefault();
      choose(options[activeIndex]);
    } else if (event.key === 'Escape' && showList) {
      // Keeps the <dialog> from closing: this Esc belongs to the list.
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  let empty: string | null = null;
  if (people.status === 'loading') empty = 'Loading people…';
  else if (people.status === 'error') empty = `Couldn’t load people: ${people.error.message}`;
  else if (candidates.length === 0) empty = 'Everyone already has access.';
  else if (options.length === 0) empty = `No one matches “${query.trim()}”.`;

  return (
    <div className="combobox">
      <span className="combobox__lead" aria-hidden="true">
        {selected ? (
          <Avatar
            name={selected.displayName}
            color={colorForName(selected.displayName)}
            size={22}
          />
        ) : (
          <IconSearch size={16} />
        )}
      </span>
      <input
        ref={ref}
        className="input combobox__input"
        role="combobox"
        aria-label="Person to add"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={
          showList && options[activeIndex] ? `${optionId}-${activeIndex}` : undefined
        }
        placeholder="Add people by name or username"
        autoComplete="off"
        spellCheck={false}
        value={query}
        disabled={disabled}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setOpen(true);
          if (selected) onSelect(null);
        }}
        onClick={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="People"
        className="combobox__list"
        hidden={!showList}
      >
        {showList && empty !== null && (
          <li className="combobox__empty" role="presentation">
            {people.status === 'loading' && <Spinner size={12} />}
            {empty}
          </li>
        )}
        {showList &&
          options.map((person, index) => (
            <li
              key={person.id}
              id={`${optionId}-${index}`}
              role="option"
              aria-selected={index === activeIndex}
              className="combobox__option"
              // Keep focus in the input; the click picks.
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => choose(person)}
            >
              <Avatar
                name={person.displayName}
                color={colorForName(person.displayName)}
                size={26}
              />
              <span className="combobox__name">{person.displayName}</span>
              <span className="combobox__meta">@{person.username}</span>
            </li>
          ))}
      </ul>
    </div>
  );
});
