import { useState } from 'react';
import { colorForName } from '../../shared/colors.ts';
import { toApiError } from '../api.ts';
import { Avatar } from '../presence/Avatar.tsx';
import { IconChevronDown, IconKey, IconShield, IconSignOut } from '../ui/icons.tsx';
import { Menu, MenuItem, MenuLink } from '../ui/Menu.tsx';
import { useToast } from '../ui/Toast.tsx';
import { useAccount, useSession } from './AuthContext.tsx';
import { ChangePasswordDialog } from './ChangePasswordDialog.tsx';
import { ORG_ROLE_LABELS } from './orgRoles.ts';

/**
 * The signed-in person in the header: name and role, the Admin screen for
 * admins, changing one's password, Sign out.
 */
export function UserMenu() {
  const account = useAccount();
  const { signOut } = useSession();
  const notify = useToast();
  const [signingOut, setSigningOut] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  const color = colorForName(account.displayName);

  const doSignOut = async () => {
    setSigningOut(true);
    try {
      // On success the session state changes and the sign-in page replaces everything.
      await signOut();
    } catch (error) {
      setSigningOut(false);
      const apiError = toApiError(error);
      notify(
        apiError.isNetworkError
          ? 'Can’t sign out while offline. Try again when you’re connected.'
          : `Couldn’t sign out: ${apiError.message}`,
      );
    }
  };

  return (
    <>
      <Menu
        label="Account"
        renderButton={(props) => (
          <button {...props} className="user-button" aria-label={`Account: ${account.displayName}`}>
            <Avatar name={account.displayName} color={color} size={26} />
            <span className="user-button__name">{account.displayName}</span>
            <IconChevronDown size={15} className="user-button__chevron" />
          </button>
        )}
      >
        <div className="menu__header">
          <Avatar name={account.displayName} color={color} size={36} />
          <div className="menu__who">
            <span className="menu__name">{account.displayName}</span>
            <span className="menu__meta">
              @{account.username} · {ORG_ROLE_LABELS[account.role]}
            </span>
          </div>
        </div>
        {account.role === 'admin' && (
          <MenuLink to="/admin" icon={<IconShield size={16} />}>
            Admin
          </MenuLink>
        )}
        <MenuItem icon={<IconKey size={16} />} onSelect={() => setChangingPassword(true)}>
          Change password…
        </MenuItem>
        <MenuItem
          icon={<IconSignOut size={16} />}
          disabled={signingOut}
          onSelect={() => void doSignOut()}
        >
          {signingOut ? 'Signing out…' : 'Sign out'}
        </MenuItem>
      </Menu>
      {changingPassword && (
        <ChangePasswordDialog
          onClose={() => setChangingPassword(false)}
          onChanged={() => {
            setChangingPassword(false);
            notify('Password changed. Your other devices are signed out.');
          }}
        />
      )}
    </>
  );
}
