import type {
  ListMembersResponse,
  ListUsersResponse,
  MemberSummary,
  SetMemberRequest,
  TransferOwnershipRequest,
  TransferOwnershipResponse,
  UserSummary,
} from '../../shared/api.ts';
import type { BriefId } from '../../shared/briefId.ts';
import type { MemberRole } from '../../shared/roles.ts';
import { request } from '../api.ts';

export async function listMembers(id: BriefId, signal?: AbortSignal): Promise<MemberSummary[]> {
  return (await request<ListMembersResponse>('GET', `/api/briefs/${id}/members`, { signal }))
    .members;
}

export async function setMemberRole(
  id: BriefId,
  userId: string,
  role: MemberRole,
): Promise<MemberSummary> {
  const body: SetMemberRequest = { role };
  const path = `/api/briefs/${id}/members/${encodeURIComponent(userId)}`;
  return (await request<{ member: MemberSummary }>('PUT', path, { body })).member;
}

/** Makes `userId` the owner; the owner before them stays on as an editor. Returns the new list. */
export async function transferOwnership(id: BriefId, userId: string): Promise<MemberSummary[]> {
  const body: TransferOwnershipRequest = { userId };
  return (await request<TransferOwnershipResponse>('POST', `/api/briefs/${id}/owner`, { body }))
    .members;
}

export async function removeMember(id: BriefId, userId: string): Promise<void> {
  await request<void>('DELETE', `/api/briefs/${id}/members/${encodeURIComponent(userId)}`);
}

/**
 * People who can be added to a brief. Admins get full accounts (disabled ones
 * too, which cannot be added); everyone else gets the directory of active users.
 */
export async function listPeople(signal?: AbortSignal): Promise<UserSummary[]> {
  const { users } = await request<ListUsersResponse>('GET', '/api/users', { signal });
  return users
    .filter((user) => !('disabled' in user && user.disabled))
    .map(({ id, username, displayName }) => ({ id, username, displayName }));
}
