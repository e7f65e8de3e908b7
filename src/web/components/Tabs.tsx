// Tabs with the ARIA tabs pattern: one tab stop, arrow keys move between tabs, each tab names its
// panel. A tab's accessible name is its visible text, count included ("Waiting 3"), so that
// speech input finds it by what it shows.
import type { ComponentChildren } from 'preact';
import { cx } from './classNames.js';

export interface TabItem<T extends string> {
  id: T;
  label: string;
  count?: number;
  /** Draws attention to the count (e.g. chats waiting). */
  highlight?: boolean;
}

interface TabsProps<T extends string> {
  label: string;
  idPrefix: string;
  items: ReadonlyArray<TabItem<T>>;
  selected: T;
  onSelect: (id: T) => void;
}

export const tabId = (prefix: string, id: string) => `${prefix}-tab-${id}`;
export const panelId = (prefix: string, id: string) => `${prefix}-panel-${id}`;

export function Tabs<T extends string>({
  label,
  idPrefix,
  items,
  selected,
  onSelect,
}: TabsProps<T>) {
  const move = (from: number, step: number) => {
    const next = items[(from + step + items.length) % items.length];
    if (!next) return;
    onSelect(next.id);
    document.getElementById(tabId(idPrefix, next.id))?.focus();
  };
  return (
    <div class="tabs" role="tablist" aria-label={label}>
      {items.map((item, index) => (
        <button
          key={item.id}
          type="button"
          role="tab"
          id={tabId(idPrefix, item.id)}
          class="tabs__tab"
          aria-selected={item.id === selected}
          aria-controls={panelId(idPrefix, item.id)}
          tabIndex={item.id === selected ? 0 : -1}
          onClick={() => onSelect(item.id)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowRight') move(index, 1);
            else if (event.key === 'ArrowLeft') move(index, -1);
            else if (event.key === 'Home') move(0, 0);
            else if (event.key === 'End') move(items.length - 1, 0);
            else return;
            event.preventDefault();
          }}
        >
          {item.label}
          {item.count !== undefined && ' '}
          {item.count !== undefined && (
            <span class={cx('count', item.highlight && 'count--alert')}>{item.count}</span>
          )}
        </button>
      ))}
    </div>
  );
}

export function TabPanel({
  idPrefix,
  id,
  children,
  class: className,
}: {
  idPrefix: string;
  id: string;
  children: ComponentChildren;
  class?: string;
}) {
  return (
    <div
      role="tabpanel"
      id={panelId(idPrefix, id)}
      aria-labelledby={tabId(idPrefix, id)}
      class={className}
    >
      {children}
    </div>
  );
}
