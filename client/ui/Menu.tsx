import {
  createContext,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type ButtonHTMLAttributes,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
} from 'react';
import { Link } from '../router.tsx';

type TriggerProps = ButtonHTMLAttributes<HTMLButtonElement> & { ref: Ref<HTMLButtonElement> };

interface MenuProps {
  /** The menu's accessible name. */
  label: string;
  /** Renders the trigger: spread the props onto a <button>. */
  renderButton: (props: TriggerProps) => ReactNode;
  /** MenuItem and MenuLink, plus any presentational content. */
  children: ReactNode;
  align?: 'start' | 'end';
  className?: string;
}

const MenuContext = createContext<(refocus: boolean) => void>(() => {});

/**
 * A menu button (WAI-ARIA menu pattern): Enter, Space or ArrowDown opens it on
 * its first item; arrows, Home and End move; Esc closes and returns focus to
 * the button; Tab or a click elsewhere closes it.
 */
export function Menu({ label, renderButton, children, align = 'end', className }: MenuProps) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const items = () =>
    Array.from(
      menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not(:disabled)') ?? [],
    );

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    // Before any dialog the item opens, so the dialog gives focus back to the button.
    if (refocus) buttonRef.current?.focus();
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLElement);
    let next: number | null = null;
    if (event.key === 'ArrowDown') next = (index + 1) % list.length;
    else if (event.key === 'ArrowUp') next = (index - 1 + list.length) % list.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = list.length - 1;
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
      return;
    } else if (event.key === 'Tab') {
      setOpen(false);
      return;
    }
    if (next === null) return;
    event.preventDefault();
    list[next]?.focus();
  };

  return (
    <div className={['menu-root', className].filter(Boolean).join(' ')} ref={rootRef}>
      {renderButton({
        ref: buttonRef,
        type: 'button',
        'aria-haspopup': 'menu',
        'aria-expanded': open,
        'aria-controls': open ? menuId : undefined,
        onClick: () => setOpen((v) => !v),
        onKeyDown: (event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        },
      })}
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={label}
          className={`menu menu--${align}`}
          onKeyDown={onMenuKeyDown}
        >
          <MenuContext.Provider value={close}>{children}</MenuContext.Provider>
        </div>
      )}
    </div>
  );
}

export function MenuItem({
  onSelect,
  icon,
  danger,
  disabled,
  children,
}: {
  onSelect: () => void;
  icon?: ReactNode;
  danger?: boolean;
  disabled?: boolean;
  children: ReactNode;
}) {
  const close = useContext(MenuContext);
  return (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      className={danger ? 'menu__item menu__item--danger' : 'menu__item'}
      disabled={disabled}
      onClick={() => {
        close(true);
        onSelect();
      }}
    >
      {icon}
      {children}
    </button>
  );
}

export function MenuLink({
  to,
  icon,
  children,
}: {
  to: string;
  icon?: ReactNode;
  children: ReactNode;
}) {
  const close = useContext(MenuContext);
  return (
    <Link to={to} role="menuitem" tabIndex={-1} className="menu__item" onClick={() => close(false)}>
      {icon}
      {children}
    </Link>
  );
}
