import type { AccountSummary, LoginRequest, SessionResponse } from '../../shared/api.ts';
import { request } from '../api.ts';

/** The signed-in account; rejects with a 401 ApiError when there is no session. */
export async function getSession(signal?: AbortSignal): Promise<AccountSummary> {
  return (await request<SessionResponse>('GET', '/api/session', { signal })).user;
}

export async function signIn(username: string, password: string): Promise<AccountSummary> {
  const body: LoginRequest = { username, password };
  return (await request<SessionResponse>('POST', '/api/session', { body })).user;
}

export async function signOut(): Promise<void> {
  await request<void>('DELETE', '/api/session');
}
