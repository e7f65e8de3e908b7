// The agents' inbox views as list queries: My open, Unassigned, All open, Solved. "Open" here is
// every status the desk still owes work on (new, open, pending, on hold).
import type { TicketsQuery } from '../../api/endpoints.js';
import type { TICKET_SORTS, TicketViewQuery } from '../../../shared/ticketsApi.js';
import type { Priority, TicketStatus } from '../../../shared/vocabulary.js';

export type InboxSort = (typeof TICKET_SORTS)[number];

export const INBOX_VIEWS = ['mine', 'unassigned', 'open', 'solved'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

export const INBOX_VIEW_LABELS: Record<InboxView, string> = {
  mine: 'My open',
  unassigned: 'Unassigned',
  open: 'All open',
  solved: 'Solved',
};

const OPEN: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];

export interface InboxFilters {
  /** Narrows the view to one status (among the view's). */
  status: TicketStatus | '';
  priority: Priority | '';
  /** A team's id, `none` (no team), or '' (any). */
  teamId: string;
  /** The order of the list (a search is best match first whatever this says). */
  sort: InboxSort;
}

export const NO_FILTERS: InboxFilters = { status: '', priority: '', teamId: '', sort: 'updated' };

/** The statuses a view's status filter offers. */
export const viewStatuses = (view: InboxView): readonly TicketStatus[] =>
  view === 'solved' ? ['solved', 'closed'] : OPEN;

export function inboxQuery(view: InboxView, filters: InboxFilters): TicketsQuery {
  const statuses = viewStatuses(view);
  const status =
    filters.status && statuses.includes(filters.status) ? [filters.status] : [...statuses];
  return {
    status: view === 'solved' && !filters.status ? ['solved'] : status,
    ...(view === 'mine' ? { assigneeId: 'me' as const } : {}),
    ...(view === 'unassigned' ? { assigneeId: 'none' as const } : {}),
    ...(filters.priority ? { priority: filters.priority } : {}),
    ...(filters.teamId ? { teamId: filters.teamId } : {}),
    sort: filters.sort,
  };
}

/** What "Save view" keeps of a built-in view and its filters: the list query, without a page. */
export function savedViewQuery(view: InboxView, filters: InboxFilters): TicketViewQuery {
  const { status, assigneeId, priority, teamId } = inboxQuery(view, filters);
  return {
    ...(status ? { status: [...status] } : {}),
    ...(assigneeId ? { assigneeId } : {}),
    ...(priority ? { priority } : {}),
    ...(teamId ? { teamId } : {}),
    sort: filters.sort,
  };
}
