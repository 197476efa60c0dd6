import { useState } from 'react';
import { Avatar } from '../presence/Avatar.tsx';
import { useIdentity, useSetName } from './IdentityContext.tsx';
import { NameDialog } from './NameDialog.tsx';

/** The current person in the header; opens the dialog to change their display name. */
export function UserButton() {
  const identity = useIdentity();
  const setName = useSetName();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="user-button"
        onClick={() => setOpen(true)}
        aria-label={`Signed in as ${identity.name}. Change name`}
        title="Change your display name"
      >
        <Avatar name={identity.name} color={identity.color} size={26} />
        <span className="user-button__name">{identity.name}</span>
      </button>
      {open && (
        <NameDialog
          currentName={identity.name}
          onCancel={() => setOpen(false)}
          onSubmit={(name) => {
            setName(name);
            setOpen(false);
          }}
        />
      )}
    </>
  );
}
