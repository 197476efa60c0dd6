import type {
  AccountSummary,
  AuditResponse,
  AuditEntry,
  CreateUserRequest,
  CreateUserResponse,
  ListUsersResponse,
  UpdateUserRequest,
} from '../../shared/api.ts';
import { request } from '../api.ts';

function isAccount(user: ListUsersResponse['users'][number]): user is AccountSummary {
  return 'role' in user && 'disabled' in user;
}

/** Every account; the server answers admins with full accounts. */
export async function listAccounts(signal?: AbortSignal): Promise<AccountSummary[]> {
  const { users } = await request<ListUsersResponse>('GET', '/api/users', { signal });
  return users.filter(isAccount);
}

export async function createAccount(body: CreateUserRequest): Promise<CreateUserResponse> {
  return request<CreateUserResponse>('POST', '/api/users', { body });
}

export async function updateAccount(id: string, body: UpdateUserRequest): Promise<AccountSummary> {
  const path = `/api/users/${encodeURIComponent(id)}`;
  return (await request<{ user: AccountSummary }>('PATCH', path, { body })).user;
}

export async function listAudit(
  options: { before?: number; limit: number },
  signal?: AbortSignal,
): Promise<AuditEntry[]> {
  const params = new URLSearchParams({ limit: String(options.limit) });
  if (options.before !== undefined) params.set('before', String(options.before));
  return (await request<AuditResponse>('GET', `/api/audit?${params}`, { signal })).entries;
}
