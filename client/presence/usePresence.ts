import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { PresenceUser } from '../../shared/api.ts';

export interface Collaborator extends PresenceUser {
  /** The awareness client id of one of their connections (a stable React key). */
  clientId: number;
  isSelf: boolean;
  /** How many tabs or windows this person has open on the brief. */
  connections: number;
}

function isPresenceUser(value: unknown): value is PresenceUser {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as PresenceUser).name === 'string' &&
    typeof (value as PresenceUser).color === 'string'
  );
}

/**
 * One entry per person: awareness has one state per connection, and a person
 * with two tabs open should not look like two people. Self first, then others
 * by name, so the row does not reshuffle as people move their cursors.
 */
export function collaboratorsFrom(awareness: Awareness): Collaborator[] {
  const selfId = awareness.clientID;
  const byName = new Map<string, Collaborator>();
  for (const [clientId, state] of awareness.getStates()) {
    const user: unknown = state.user;
    if (!isPresenceUser(user)) continue;
    const isSelf = clientId === selfId;
    const existing = byName.get(user.name);
    if (existing) {
      existing.connections += 1;
      if (isSelf) {
        existing.isSelf = true;
        existing.clientId = clientId;
      }
    } else {
      byName.set(user.name, { ...user, clientId, isSelf, connections: 1 });
    }
  }
  return [...byName.values()].sort((a, b) =>
    a.isSelf !== b.isSelf ? (a.isSelf ? -1 : 1) : a.name.localeCompare(b.name),
  );
}

function sameList(a: Collaborator[], b: Collaborator[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (x, i) =>
        x.name === b[i].name &&
        x.color === b[i].color &&
        x.isSelf === b[i].isSelf &&
        x.connections === b[i].connections,
    )
  );
}

/** Who is on this brief right now, from Yjs awareness. */
export function usePresence(awareness: Awareness): Collaborator[] {
  const [collaborators, setCollaborators] = useState(() => collaboratorsFrom(awareness));
  useEffect(() => {
    // `change` fires only when a state's content changes, not on the 15 s keep-alive renewals,
    // but cursor moves do change it, hence the comparison before re-rendering.
    const refresh = () =>
      setCollaborators((prev) => {
        const next = collaboratorsFrom(awareness);
        return sameList(prev, next) ? prev : next;
      });
    refresh();
    awareness.on('change', refresh);
    return () => awareness.off('change', refresh);
  }, [awareness]);
  return collaborators;
}
