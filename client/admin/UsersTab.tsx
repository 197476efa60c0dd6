import { useState } from 'react';
import type { AccountSummary } from '../../shared/api.ts';
import { colorForName } from '../../shared/colors.ts';
import { toApiError } from '../api.ts';
import { useAccount } from '../auth/AuthContext.tsx';
import { ORG_ROLE_LABELS } from '../auth/orgRoles.ts';
import { fullDate } from '../briefs/relativeTime.ts';
import { Avatar } from '../presence/Avatar.tsx';
import { Button } from '../ui/Button.tsx';
import {
  IconAlert,
  IconCheck,
  IconKey,
  IconMore,
  IconPencil,
  IconSearch,
  IconUserPlus,
  IconUsers,
  IconX,
} from '../ui/icons.tsx';
import { Menu, MenuItem } from '../ui/Menu.tsx';
import { StatePanel } from '../ui/States.tsx';
import { useToast } from '../ui/Toast.tsx';
import { AddUserDialog } from './AddUserDialog.tsx';
import { DisableUserDialog } from './DisableUserDialog.tsx';
import { EditUserDialog } from './EditUserDialog.tsx';
import { ResetPasswordDialog } from './ResetPasswordDialog.tsx';
import { useAccounts } from './useAccounts.ts';

type OpenDialog =
  { kind: 'add' } | { kind: 'edit' | 'reset' | 'disable'; account: AccountSummary } | null;

const created = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function matches(account: AccountSummary, filter: string): boolean {
  const q = filter.trim().toLowerCase();
  return !q || account.username.includes(q) || account.displayName.toLowerCase().includes(q);
}

export function UsersTab() {
  const me = useAccount();
  const { state, create, update, reload } = useAccounts();
  const [open, setOpen] = useState<OpenDialog>(null);
  const [filter, setFilter] = useState('');
  const notify = useToast();

  const enable = async (account: AccountSummary) => {
    try {
      await update(account.id, { disabled: false });
      notify(`${account.displayName} can sign in again`);
    } catch (error) {
      notify(`Couldn’t enable ${account.displayName}: ${toApiError(error).message}`);
    }
  };

  const addButton = (
    <Button
      variant="primary"
      icon={<IconUserPlus size={16} />}
      onClick={() => setOpen({ kind: 'add' })}
    >
      Add user
    </Button>
  );

  const visible = state.status === 'ready' ? state.accounts.filter((a) => matches(a, filter)) : [];

  return (
    <section aria-labelledby="users-heading" aria-busy={state.status === 'loading'}>
      <div className="admin__bar">
        <h2 id="users-heading" className="sr-only">
          Users
        </h2>
        <div className="search search--compact" role="search">
          <IconSearch size={16} className="search__icon" />
          <input
            type="search"
            className="search__input"
            placeholder="Filter by name or username"
            aria-label="Filter users"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
        </div>
        {addButton}
      </div>

      {state.status === 'loading' && <TableSkeleton />}
      {state.status === 'error' && (
        <StatePanel
          tone="danger"
          icon={<IconAlert size={24} />}
          title="Couldn’t load the users"
          action={<Button onClick={reload}>Try again</Button>}
        >
          {state.error.message}
        </StatePanel>
      )}
      {state.status === 'ready' && visible.length === 0 && (
        <StatePanel
          icon={filter ? <IconSearch size={24} /> : <IconUsers size={24} />}
          title={filter ? `No users match “${filter.trim()}”` : 'No users yet'}
          action={
            filter ? (
              <Button icon={<IconX size={16} />} onClick={() => setFilter('')}>
                Clear filter
              </Button>
            ) : (
              addButton
            )
          }
        >
          {filter
            ? 'The filter looks at usernames and display names.'
            : 'Add the people who write briefs.'}
        </StatePanel>
      )}
      {state.status === 'ready' && visible.length > 0 && (
        <div className="table-card">
          <table className="table" aria-label="Users">
            <thead>
              <tr>
                <th scope="col">Display name</th>
                <th scope="col">Username</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {visible.map((account) => {
                const isSelf = account.id === me.id;
                return (
                  <tr
                    key={account.id}
                    data-testid="user-row"
                    data-username={account.username}
                    className={account.disabled ? 'table__row--muted' : undefined}
                  >
                    <td>
                      <span className="table__person">
                        <Avatar
                          name={account.displayName}
                          color={account.disabled ? '#a4a8ae' : colorForName(account.displayName)}
                          size={28}
                        />
                        <span className="table__strong">{account.displayName}</span>
                        {isSelf && <span className="tag">You</span>}
                      </span>
                    </td>
                    <td className="table__muted">{account.username}</td>
                    <td>{ORG_ROLE_LABELS[account.role]}</td>
                    <td>
                      <span
                        className={account.disabled ? 'status status--off' : 'status status--on'}
                      >
                        {account.disabled ? 'Disabled' : 'Active'}
                      </span>
                    </td>
                    <td title={fullDate(account.createdAt)}>
                      {created.format(new Date(account.createdAt))}
                    </td>
                    <td className="table__actions">
                      <Menu
                        label={`Actions for ${account.displayName}`}
                        renderButton={(props) => (
                          <button
                            {...props}
                            className="icon-btn icon-btn--sm icon-btn--ghost"
                            aria-label={`Actions for ${account.displayName}`}
                            title="Actions"
                          >
                            <IconMore size={18} />
                          </button>
                        )}
                      >
                        <MenuItem
                          icon={<IconPencil size={16} />}
                          onSelect={() => setOpen({ kind: 'edit', account })}
                        >
                          Edit name and role
                        </MenuItem>
                        <MenuItem
                          icon={<IconKey size={16} />}
                          onSelect={() => setOpen({ kind: 'reset', account })}
                        >
                          Reset password
                        </MenuItem>
                        {account.disabled ? (
                          <MenuItem
                            icon={<IconCheck size={16} />}
                            onSelect={() => void enable(account)}
                          >
                            Enable account
                          </MenuItem>
                        ) : (
                          !isSelf && (
                            <MenuItem
                              danger
                              icon={<IconX size={16} />}
                              onSelect={() => setOpen({ kind: 'disable', account })}
                            >
                              Disable account
                            </MenuItem>
                          )
                        )}
                      </Menu>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {open?.kind === 'add' && (
        <AddUserDialog
          create={create}
          onClose={() => setOpen(null)}
          onAdded={(account) => {
            setOpen(null);
            notify(`Added ${account.displayName}`);
          }}
        />
      )}
      {open?.kind === 'edit' && (
        <EditUserDialog
          account={open.account}
          isSelf={open.account.id === me.id}
          update={update}
          onClose={() => setOpen(null)}
          onSaved={(account) => {
            setOpen(null);
            notify(`Saved ${account.displayName}`);
          }}
        />
      )}
      {open?.kind === 'reset' && (
        <ResetPasswordDialog
          account={open.account}
          isSelf={open.account.id === me.id}
          update={update}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            notify(`Password changed for ${open.account.displayName}`);
          }}
        />
      )}
      {open?.kind === 'disable' && (
        <DisableUserDialog
          account={open.account}
          onClose={() => setOpen(null)}
          onConfirm={async () => {
            await update(open.account.id, { disabled: true });
            setOpen(null);
            notify(`${open.account.displayName} is disabled and signed out`);
          }}
        />
      )}
    </section>
  );
}

function TableSkeleton() {
  return (
    <div className="table-card" aria-label="Loading users">
      {[70, 52, 64].map((width) => (
        <div key={width} className="table-skeleton__row">
          <span className="skeleton skeleton--avatar" />
          <span className="skeleton skeleton--line" style={{ width: `${width * 0.4}%` }} />
          <span className="skeleton skeleton--line" style={{ width: `${width * 0.25}%` }} />
          <span className="skeleton skeleton--line" style={{ width: '12%' }} />
        </div>
      ))}
    </div>
  );
}
