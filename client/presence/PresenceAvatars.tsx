import { Avatar } from './Avatar.tsx';
import type { Collaborator } from './usePresence.ts';

const MAX_VISIBLE = 5;

function describe(person: Collaborator): string {
  const tabs = person.connections > 1 ? ` · ${person.connections} tabs` : '';
  return person.isSelf ? `${person.name} (you)${tabs}` : `${person.name}${tabs}`;
}

/** Who is here: initials in each person's caret colour; the name shows on hover and focus. */
export function PresenceAvatars({ collaborators }: { collaborators: Collaborator[] }) {
  const visible = collaborators.slice(0, MAX_VISIBLE);
  const hidden = collaborators.slice(MAX_VISIBLE);
  const others = collaborators.filter((c) => !c.isSelf).length;
  const summary = others === 0 ? 'Only you are here' : `${others + 1} people here`;

  return (
    <ul className="presence" aria-label={`People on this brief: ${summary}`}>
      {visible.map((person) => (
        <li
          key={person.clientId}
          className="presence__item"
          // Focusable so keyboard users can read the tooltip too.
          tabIndex={0}
          aria-label={describe(person)}
          data-tooltip={describe(person)}
          data-self={person.isSelf || undefined}
          data-testid="presence-avatar"
        >
          <Avatar name={person.name} color={person.color} size={30} ring={person.isSelf} />
          {person.isSelf && <span className="presence__you">you</span>}
        </li>
      ))}
      {hidden.length > 0 && (
        <li
          className="presence__item presence__more"
          tabIndex={0}
          aria-label={`and ${hidden.map((p) => p.name).join(', ')}`}
          data-tooltip={hidden.map((p) => p.name).join(', ')}
        >
          +{hidden.length}
        </li>
      )}
    </ul>
  );
}
