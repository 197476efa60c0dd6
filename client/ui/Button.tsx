import { forwardRef, type ButtonHTMLAttributes, type ReactNode } from 'react';
import { Spinner } from './Spinner.tsx';

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';
type Size = 'sm' | 'md';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: Size;
  /** Shown before the label. */
  icon?: ReactNode;
  /**
   * Shows a spinner, keeping the width, and ignores clicks. The button stays
   * focusable (aria-disabled, not disabled): a disabled button drops keyboard
   * focus to the page, and the person who pressed it would have to find their
   * place again when the work ends. `aria-disabled` does the same for a
   * button that is off for now but keeps its place in the tab order.
   */
  busy?: boolean;
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  {
    variant = 'secondary',
    size = 'md',
    icon,
    busy = false,
    className,
    children,
    disabled,
    onClick,
    'aria-disabled': ariaDisabled,
    ...rest
  },
  ref,
) {
  const classes = ['btn', `btn--${variant}`, `btn--${size}`, className].filter(Boolean).join(' ');
  return (
    <button
      ref={ref}
      type="button"
      className={classes}
      disabled={disabled}
      aria-busy={busy || undefined}
      {...rest}
      aria-disabled={busy || ariaDisabled || undefined}
      // While busy or aria-disabled a click does nothing, not even submit its form.
      onClick={busy || isTrue(ariaDisabled) ? (event) => event.preventDefault() : onClick}
    >
      {busy ? <Spinner size={14} /> : icon}
      {children !== undefined && <span className="btn__label">{children}</span>}
    </button>
  );
});

function isTrue(value: boolean | 'true' | 'false' | undefined): boolean {
  return value === true || value === 'true';
}

export interface IconButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** Required: an icon-only button has no other accessible name. */
  'aria-label': string;
  size?: Size;
  variant?: 'ghost' | 'secondary';
}

export const IconButton = forwardRef<HTMLButtonElement, IconButtonProps>(function IconButton(
  { size = 'md', variant = 'ghost', className, ...rest },
  ref,
) {
  const classes = ['icon-btn', `icon-btn--${size}`, `icon-btn--${variant}`, className]
    .filter(Boolean)
    .join(' ');
  return <button ref={ref} type="button" className={classes} {...rest} />;
});
