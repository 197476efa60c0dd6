import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { BriefSummary, MemberSummary, UserSummary } from '../../shared/api.ts';
import { isMemberRole, MEMBER_ROLES, type MemberRole } from '../../shared/roles.ts';
import { toApiError } from '../api.ts';
import { useAccount } from '../auth/AuthContext.tsx';
import { briefPath } from '../router.tsx';
import { BRIEF_ROLE_LABELS, MEMBER_ROLE_HINTS } from '../briefs/roles.tsx';
import { Button } from '../ui/Button.tsx';
import { Dialog, DialogActions } from '../ui/Dialog.tsx';
import { IconAlert, IconLink } from '../ui/icons.tsx';
import { StatePanel } from '../ui/States.tsx';
import { useToast } from '../ui/Toast.tsx';
import { MemberRow } from './MemberRow.tsx';
import { PersonPicker } from './PersonPicker.tsx';
import { TransferOwnershipDialog } from './TransferOwnershipDialog.tsx';
import { useMembers, usePeople } from './useMembers.ts';

interface ShareDialogProps {
  brief: BriefSummary;
  /** Owners and admins manage members; everyone else sees the list. */
  canShare: boolean;
  onClose: () => void;
  /**
   * The caller's own access may have changed (they gave the brief away): the
   * brief's role is fetched again, and with it `canShare`.
   */
  onOwnAccessChanged: () => void;
}

export function ShareDialog({ brief, canShare, onClose, onOwnAccessChanged }: ShareDialogProps) {
  const account = useAccount();
  const members = useMembers(brief.id);
  const people = usePeople(canShare);
  const notify = useToast();
  const [error, setError] = useState<string | null>(null);
  const [transferTo, setTransferTo] = useState<MemberSummary | null>(null);
  const doneRef = useRef<HTMLButtonElement>(null);
  const transferred = useRef(false);
  const title = brief.title || 'Untitled brief';
  const owner =
    members.state.status === 'ready'
      ? (members.state.members.find((m) => m.role === 'owner') ?? null)
      : null;
  const callerIsOwner = owner?.user.id === account.id;
  const callerIsAdmin = account.role === 'admin';
  // The server's rule: whoever may share, if they own the brief or are an admin.
  const canTransfer = canShare && (callerIsOwner || callerIsAdmin);

  const memberIds = useMemo(
    () =>
      new Set(members.state.status === 'ready' ? members.state.members.map((m) => m.user.id) : []),
    [members.state],
  );

  return (
    <>
      <Dialog
        title={canShare ? `Share “${title}”` : `People on “${title}”`}
        description={
          canShare
            ? 'Choose who can open this brief and what each person can do.'
            : 'Everyone who can open this brief. Only its owner can change who has access.'
        }
        size="md"
        onClose={onClose}
      >
        {canShare && (
          <AddPerson
            people={people}
            exclude={memberIds}
            disabled={members.state.status !== 'ready'}
            onAdd={async (person, role) => {
              setError(null);
              await members.add(person, role);
              notify(`Added ${person.displayName} as ${asNoun(role)}`);
            }}
          />
        )}
        {error && (
          <p className="banner banner--danger share__error" role="alert">
            <IconAlert size={18} />
            {error}
          </p>
        )}

        <h3 className="share__heading">People with access</h3>
        {members.state.status === 'loading' && <MembersSkeleton />}
        {members.state.status === 'error' && (
          <StatePanel
            tone="danger"
            icon={<IconAlert size={22} />}
            title="Couldn’t load the people on this brief"
            action={<Button onClick={members.reload}>Try again</Button>}
          >
            {members.state.error.message}
          </StatePanel>
        )}
        {members.state.status === 'ready' && (
          <ul className="members" aria-label="People with access">
            {members.state.members.map((member) => (
              <MemberRow
                key={member.user.id}
                member={member}
                isSelf={member.user.id === account.id}
                canShare={canShare}
                canTransfer={canTransfer}
                onMakeOwner={() => {
                  setError(null);
                  setTransferTo(member);
                }}
                onError={setError}
                onRoleChange={async (role) => {
                  setError(null);
                  await members.setRole(member.user.id, role);
                  notify(`${member.user.displayName} is now ${asNoun(role)}`);
                }}
                onRemove={async () => {
                  setError(null);
                  await members.remove(member.user.id);
                  notify(`${member.user.displayName} no longer has access`);
                }}
              />
            ))}
          </ul>
        )}
        <DialogActions>
          <Button
            variant="ghost"
            className="dialog__left"
            icon={<IconLink size={16} />}
            onClick={() => {
              const url = `${location.origin}${briefPath(brief.id)}`;
              navigator.clipboard.writeText(url).then(
                () => notify('Link copied. Only people with access can open it.'),
                () => notify(`Couldn’t reach the clipboard. The link is ${url}`),
              );
            }}
          >
            Copy link
          </Button>
          <Button ref={doneRef} variant={canShare ? 'secondary' : 'primary'} onClick={onClose}>
            Done
          </Button>
        </DialogActions>
      </Dialog>
      {/* A sibling, not a child: a <dialog> inside the share dialog would get its Tab trap. */}
      {transferTo && (
        <TransferOwnershipDialog
          member={transferTo}
          owner={owner}
          memberIsCaller={transferTo.user.id === account.id}
          callerIsOwner={callerIsOwner}
          callerIsAdmin={callerIsAdmin}
          onCancel={() => setTransferTo(null)}
          onConfirm={async () => {
            await members.transfer(transferTo.user.id);
            transferred.current = true;
            onOwnAccessChanged();
            setTransferTo(null);
            notify(
              transferTo.user.id === account.id
                ? 'You now own this brief'
                : `${transferTo.user.displayName} now owns this brief`,
            );
          }}
          finalFocus={() => {
            // Cancelled: back to the select that opened it. Done: that select may be gone.
            if (!transferred.current) return false;
            transferred.current = false;
            doneRef.current?.focus();
          }}
        />
      )}
    </>
  );
}

/** "an editor", "a viewer". */
function asNoun(role: MemberRole): string {
  const word = BRIEF_ROLE_LABELS[role].toLowerCase();
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}

function AddPerson({
  people,
  exclude,
  disabled,
  onAdd,
}: {
  people: ReturnType<typeof usePeople>;
  exclude: ReadonlySet<string>;
  disabled: boolean;
  onAdd: (person: UserSummary, role: MemberRole) => Promise<void>;
}) {
  const [person, setPerson] = useState<UserSummary | null>(null);
  const [role, setRole] = useState<MemberRole>('editor');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [pickerKey, setPickerKey] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const roleId = useId();

  // The dialog opens while the members load, with this field disabled, so its
  // first focus lands on the role. Once the field can be used it takes the
  // cursor, as "Add people" does in Google Docs — unless the person has moved on.
  const readied = useRef(false);
  useEffect(() => {
    if (disabled || readied.current) return;
    readied.current = true;
    const active = document.activeElement;
    if (active === null || active === document.body || formRef.current?.contains(active)) {
      inputRef.current?.focus();
    }
  }, [disabled]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!person) {
      setProblem('Choose someone from the list first.');
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await onAdd(person, role);
      setPerson(null);
      // A fresh picker: empty query, list closed, ready for the next person.
      setPickerKey((n) => n + 1);
      requestAnimationFrame(() => inputRef.current?.focus());
    } catch (error) {
      setProblem(`Couldn’t add ${person.displayName}: ${toApiError(error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} className="share__add" onSubmit={(event) => void submit(event)} noValidate>
      <div className="share__add-row">
        <PersonPicker
          key={pickerKey}
          ref={inputRef}
          people={people}
          exclude={exclude}
          selected={person}
          onSelect={(next) => {
            setPerson(next);
            setProblem(null);
          }}
          disabled={disabled || busy}
        />
        <label htmlFor={roleId} className="sr-only">
          Role for the person to add
        </label>
        <select
          id={roleId}
          className="select"
          value={role}
          disabled={busy}
          onChange={(event) => {
            if (isMemberRole(event.target.value)) setRole(event.target.value);
          }}
        >
          {MEMBER_ROLES.map((r) => (
            <option key={r} value={r}>
              {BRIEF_ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <Button type="submit" variant="primary" busy={busy} disabled={disabled}>
          Add
        </Button>
      </div>
      <p className={problem ? 'field__error' : 'field__hint'} role={problem ? 'alert' : undefined}>
        {problem ?? `${BRIEF_ROLE_LABELS[role]}: ${MEMBER_ROLE_HINTS[role].toLowerCase()}.`}
      </p>
    </form>
  );
}

function MembersSkeleton() {
  return (
    <ul className="members" aria-label="Loading people">
      {[60, 44].map((width) => (
        <li key={width} className="member">
          <span className="skeleton skeleton--avatar" />
          <span className="skeleton skeleton--line" style={{ width: `${width}%`, height: 12 }} />
        </li>
      ))}
    </ul>
  );
}
