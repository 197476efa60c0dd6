import { useCallback, useEffect, useState } from 'react';
import type { AccountSummary, CreateUserRequest, UpdateUserRequest } from '../../shared/api.ts';
import { isAbortError, toApiError, type ApiError } from '../api.ts';
import { createAccount, listAccounts, updateAccount } from './api.ts';

export type AccountsState =
  | { status: 'loading' }
  | { status: 'ready'; accounts: AccountSummary[] }
  | { status: 'error'; error: ApiError };

const byUsername = (a: AccountSummary, b: AccountSummary) => a.username.localeCompare(b.username);

/** All accounts, for the Admin screen; changes go to the server and then into the list. */
export function useAccounts() {
  const [state, setState] = useState<AccountsState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState((prev) => (prev.status === 'ready' ? prev : { status: 'loading' }));
    listAccounts(controller.signal).then(
      (accounts) => setState({ status: 'ready', accounts: [...accounts].sort(byUsername) }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ status: 'error', error: toApiError(error) });
      },
    );
    return () => controller.abort();
  }, [generation]);

  const put = useCallback((account: AccountSummary) => {
    setState((prev) =>
      prev.status === 'ready'
        ? {
            status: 'ready',
            accounts: [...prev.accounts.filter((a) => a.id !== account.id), account].sort(
              byUsername,
            ),
          }
        : prev,
    );
  }, []);

  const create = useCallback(
    async (body: CreateUserRequest) => {
      const created = await createAccount(body);
      put(created.user);
      return created;
    },
    [put],
  );

  const update = useCallback(
    async (id: string, body: UpdateUserRequest) => {
      const account = await updateAccount(id, body);
      put(account);
      return account;
    },
    [put],
  );

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { state, create, update, reload };
}
