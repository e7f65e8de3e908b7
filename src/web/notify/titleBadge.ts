// The tab title with a count of chats needing attention, e.g. "(2) Switchboard".

export const APP_TITLE = 'Switchboard';

export function titleWithBadge(base: string, count: number): string {
  if (count <= 0) return base;
  return `(${count > 99 ? '99+' : count}) ${base}`;
}
