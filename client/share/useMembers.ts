import { useCallback, useEffect, useState } from 'react';
import type { MemberSummary, UserSummary } from '../../shared/api.ts';
import type { BriefId } from '../../shared/briefId.ts';
import type { MemberRole } from '../../shared/roles.ts';
import { isAbortError, toApiError, type ApiError } from '../api.ts';
import { listMembers, listPeople, removeMember, setMemberRole, transferOwnership } from './api.ts';

export type MembersState =
  | { status: 'loading' }
  | { status: 'ready'; members: MemberSummary[] }
  | { status: 'error'; error: ApiError };

/** Owner first, then everyone else by name: the order people expect in a share list. */
function sorted(members: MemberSummary[]): MemberSummary[] {
  const rank = (m: MemberSummary) => (m.role === 'owner' ? 0 : 1);
  return [...members].sort(
    (a, b) => rank(a) - rank(b) || a.user.displayName.localeCompare(b.user.displayName),
  );
}

/**
 * The members of one brief, with the changes an owner can make. Each change
 * waits for the server before it shows: a role shown but not granted would be
 * worse than a moment of waiting. Failures reject for the caller to report.
 */
export function useMembers(briefId: BriefId) {
  const [state, setState] = useState<MembersState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    listMembers(briefId, controller.signal).then(
      (members) => setState({ status: 'ready', members: sorted(members) }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ status: 'error', error: toApiError(error) });
      },
    );
    return () => controller.abort();
  }, [briefId, generation]);

  const upsert = useCallback((member: MemberSummary) => {
    setState((prev) =>
      prev.status === 'ready'
        ? {
            status: 'ready',
            members: sorted([...prev.members.filter((m) => m.user.id !== member.user.id), member]),
          }
        : prev,
    );
  }, []);

  const setRole = useCallback(
    async (userId: string, role: MemberRole) => {
      upsert(await setMemberRole(briefId, userId, role));
    },
    [briefId, upsert],
  );

  const add = useCallback(
    async (user: UserSummary, role: MemberRole) => {
      upsert(await setMemberRole(briefId, user.id, role));
    },
    [briefId, upsert],
  );

  const remove = useCallback(
    async (userId: string) => {
      await removeMember(briefId, userId);
      setState((prev) =>
        prev.status === 'ready'
          ? { status: 'ready', members: prev.members.filter((m) => m.user.id !== userId) }
          : prev,
      );
    },
    [briefId],
  );

  // Two rows change at once, so the list is replaced by the server's, not patched.
  const transfer = useCallback(
    async (userId: string) => {
      const members = await transferOwnership(briefId, userId);
      setState({ status: 'ready', members: sorted(members) });
    },
    [briefId],
  );

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { state, setRole, add, remove, transfer, reload };
}

export type PeopleState =
  | { status: 'loading' }
  | { status: 'ready'; people: UserSummary[] }
  | { status: 'error'; error: ApiError };

/** Everyone who could be added; fetched only when the person can share. */
export function usePeople(enabled: boolean): PeopleState {
  const [state, setState] = useState<PeopleState>({ status: 'loading' });
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    listPeople(controller.signal).then(
      (people) => setState({ status: 'ready', people }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ status: 'error', error: toApiError(error) });
      },
    );
    return () => controller.abort();
  }, [enabled]);
  return state;
}
