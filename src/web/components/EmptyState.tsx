// What a list or panel shows when it has nothing in it: an icon, a line, and maybe an action.
import type { ComponentChildren } from 'preact';
import { Icon, type IconName } from './Icon.js';

export function EmptyState({
  icon,
  title,
  children,
}: {
  icon: IconName;
  title: ComponentChildren;
  children?: ComponentChildren;
}) {
  return (
    <div class="empty">
      <span class="empty__icon">
        <Icon name={icon} size={24} />
      </span>
      <p class="empty__title">{title}</p>
      {children && <div class="empty__text">{children}</div>}
    </div>
  );
}
