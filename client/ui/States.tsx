import type { ReactNode } from 'react';

/** A designed empty, error or not-found state: icon, heading, a sentence, an action. */
export function StatePanel({
  icon,
  title,
  children,
  action,
  tone = 'neutral',
  headingLevel = 2,
}: {
  icon: ReactNode;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  tone?: 'neutral' | 'danger';
  headingLevel?: 1 | 2;
}) {
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <div className={`state-panel state-panel--${tone}`}>
      <span className="state-panel__icon" aria-hidden="true">
        {icon}
      </span>
      <Heading className="state-panel__title">{title}</Heading>
      {children && <div className="state-panel__text">{children}</div>}
      {action && <div className="state-panel__action">{action}</div>}
    </div>
  );
}
