import type { ReactNode } from 'react';
import type { ApiError } from '../api.ts';
import { Button } from '../ui/Button.tsx';
import { IconAlert, IconCards, IconPlus, IconRefresh } from '../ui/icons.tsx';

/** The shape of collapsed cards while they load. */
export function CardSkeletons({ count = 4 }: { count?: number }) {
  return (
    <div className="card-skeletons" aria-hidden="true">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="card card--skeleton">
          <span className="skeleton card-skeleton__icon" />
          <span className="card-skeleton__lines">
            <span className="skeleton" style={{ width: `${58 - (i % 3) * 12}%`, height: 12 }} />
            <span className="skeleton" style={{ width: `${78 - (i % 2) * 20}%`, height: 10 }} />
          </span>
        </div>
      ))}
    </div>
  );
}

/** A compact version of the app's state panel, sized for the sidebar. */
export function SidebarPanel({
  icon,
  title,
  children,
  action,
  tone = 'neutral',
}: {
  icon: ReactNode;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  tone?: 'neutral' | 'danger';
}) {
  return (
    <div
      className={`sidebar-panel sidebar-panel--${tone}`}
      role={tone === 'danger' ? 'alert' : undefined}
    >
      <span className="sidebar-panel__icon" aria-hidden="true">
        {icon}
      </span>
      <p className="sidebar-panel__title">{title}</p>
      {children && <p className="sidebar-panel__text">{children}</p>}
      {action && <div className="sidebar-panel__action">{action}</div>}
    </div>
  );
}

export function SidebarError({
  title,
  error,
  onRetry,
}: {
  title: string;
  error: ApiError;
  onRetry: () => void;
}) {
  return (
    <SidebarPanel
      tone="danger"
      icon={<IconAlert size={20} />}
      title={title}
      action={
        <Button size="sm" icon={<IconRefresh size={14} />} onClick={onRetry}>
          Try again
        </Button>
      }
    >
      {error.message}
    </SidebarPanel>
  );
}

export function NoSources({ onAdd }: { onAdd: () => void }) {
  return (
    <SidebarPanel
      icon={<IconCards size={20} />}
      title="No sources yet"
      action={
        <Button size="sm" variant="primary" icon={<IconPlus size={14} />} onClick={onAdd}>
          Add sources
        </Button>
      }
    >
      Add news articles or readouts to see country and issue cards.
    </SidebarPanel>
  );
}
