import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { colorForName } from '../../shared/colors.ts';
import { loadName, normalizeName, saveName } from './identity.ts';

export interface Identity {
  name: string;
  color: string;
}

interface IdentityContextValue {
  identity: Identity | null;
  setName: (name: string) => void;
}

const IdentityContext = createContext<IdentityContextValue | null>(null);

export function IdentityProvider({ children }: { children: ReactNode }) {
  const [name, setNameState] = useState<string | null>(loadName);

  const setName = useCallback((raw: string) => {
    const next = normalizeName(raw);
    if (!next) return;
    saveName(next);
    setNameState(next);
  }, []);

  const value = useMemo<IdentityContextValue>(
    () => ({ identity: name ? { name, color: colorForName(name) } : null, setName }),
    [name, setName],
  );
  return <IdentityContext.Provider value={value}>{children}</IdentityContext.Provider>;
}

function useIdentityContext(): IdentityContextValue {
  const value = useContext(IdentityContext);
  if (!value) throw new Error('useIdentity must be used inside <IdentityProvider>.');
  return value;
}

/** The current person; only call below the gate in App, where a name always exists. */
export function useIdentity(): Identity {
  const { identity } = useIdentityContext();
  if (!identity) throw new Error('useIdentity called before a display name was chosen.');
  return identity;
}

export function useMaybeIdentity(): Identity | null {
  return useIdentityContext().identity;
}

export function useSetName(): (name: string) => void {
  return useIdentityContext().setName;
}
