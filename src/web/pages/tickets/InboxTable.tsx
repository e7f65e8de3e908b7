// The inbox's table: a row per ticket with a box to select it, the columns the desk works by
// (number, subject, requester, status, priority, team, assignee, SLA due, updated), and headers
// that sort the list when the list may be sorted (not while searching: best match first).
import type { TicketSearchResult } from '../../../shared/searchApi.js';
import type { Ticket } from '../../../shared/ticketsApi.js';
import { cx as classNames } from '../../components/classNames.js';
import { PriorityBadge } from '../../components/Badge.js';
import { TableFrame } from '../../components/TableFrame.js';
import { formatRelative } from '../../format/time.js';
import { Link } from '../../app/router.js';
import type { InboxSort } from './inboxViews.js';
import { SearchSnippet } from './SearchSnippet.js';
import { TicketStatusBadge } from './TicketBadges.js';
import { slaDue, ticketHref, ticketNumber } from './ticketLabels.js';
import type { ListKeys } from './useListKeys.js';

/** A ticket of the list, with where the search matched it (null when not searching). */
export interface InboxRow {
  ticket: Ticket;
  match: TicketSearchResult['match'] | null;
}

/** Each sort, its column and which way it reads. */
const SORTED_BY: Record<InboxSort, { label: string; direction: 'ascending' | 'descending' }> = {
  number: { label: 'Ticket', direction: 'descending' },
  priority: { label: 'Priority', direction: 'descending' },
  due: { label: 'SLA due', direction: 'ascending' },
  updated: { label: 'Updated', direction: 'descending' },
  created: { label: 'Created', direction: 'descending' },
};

const COLUMNS: ReadonlyArray<{ label: string; sort?: InboxSort }> = [
  { label: 'Ticket', sort: 'number' },
  { label: 'Subject' },
  { label: 'Requester' },
  { label: 'Status' },
  { label: 'Priority', sort: 'priority' },
  { label: 'Team' },
  { label: 'Assignee' },
  { label: 'SLA due', sort: 'due' },
  { label: 'Updated', sort: 'updated' },
  { label: 'Created', sort: 'created' },
];

export const sortDescription = (sort: InboxSort): string =>
  `by ${SORTED_BY[sort].label.toLowerCase()}, ${SORTED_BY[sort].direction}`;

export function InboxTable(props: {
  rows: InboxRow[];
  caption: string;
  /** The list's order, or null while it is best match first. */
  sort: InboxSort | null;
  onSort: (sort: InboxSort) => void;
  selected: ReadonlySet<string>;
  onToggle: (ticketId: string) => void;
  onToggleAll: (select: boolean) => void;
  keys: ListKeys;
  now: number;
}) {
  const { rows, sort, selected, keys, now } = props;
  const all = rows.length > 0 && rows.every(({ ticket }) => selected.has(ticket.id));
  return (
    <TableFrame label="Tickets">
      <table class="table ticket-table">
        <caption class="sr-only">
          {props.caption}. Keys: j and k move, Enter opens, x selects.
        </caption>
        <thead>
          <tr>
            <th scope="col" class="ticket-table__select">
              <input
                type="checkbox"
                aria-label="Select every ticket shown"
                checked={all}
                onChange={(e) => props.onToggleAll(e.currentTarget.checked)}
              />
            </th>
            {COLUMNS.map((column) => (
              <th
                key={column.label}
                scope="col"
                aria-sort={
                  sort && column.sort === sort ? SORTED_BY[column.sort].direction : undefined
                }
              >
                {sort && column.sort ? (
                  <button
                    type="button"
                    class={classNames('table__sort', column.sort === sort && 'is-sorted')}
                    onClick={() => column.sort && props.onSort(column.sort)}
                  >
                    {column.label}
                    <span aria-hidden="true">
                      {column.sort !== sort
                        ? ''
                        : SORTED_BY[column.sort].direction === 'ascending'
                          ? ' ▲'
                          : ' ▼'}
                    </span>
                  </button>
                ) : (
                  column.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ ticket, match }, index) => {
            const due = slaDue(ticket, now);
            const focused = index === keys.focused;
            return (
              <tr
                key={ticket.id}
                ref={keys.rowRef(index)}
                data-list-row=""
                tabIndex={focused || (keys.focused < 0 && index === 0) ? 0 : -1}
                class={classNames(
                  'ticket-table__row',
                  focused && 'is-focused',
                  selected.has(ticket.id) && 'is-selected',
                )}
                aria-current={focused ? 'true' : undefined}
                onFocus={() => keys.setFocused(index)}
              >
                <td class="ticket-table__select">
                  <input
                    type="checkbox"
                    aria-label={`Select ${ticketNumber(ticket)}`}
                    checked={selected.has(ticket.id)}
                    onChange={() => props.onToggle(ticket.id)}
                  />
                </td>
                <td class="nowrap ticket-table__number">{ticketNumber(ticket)}</td>
                <td>
                  <Link href={ticketHref(ticket, false)} class="table__link">
                    {ticket.subject}
                  </Link>
                  {match && <SearchSnippet match={match} />}
                </td>
                <td>{ticket.requester.name}</td>
                <td>
                  <TicketStatusBadge status={ticket.status} />
                </td>
                <td>
                  <PriorityBadge priority={ticket.priority} />
                </td>
                <td>{ticket.team?.name ?? <span class="muted">No team</span>}</td>
                <td>{ticket.assignee?.name ?? <span class="muted">Unassigned</span>}</td>
                <td class={classNames('nowrap', due && `sla-due sla-due--${due.risk}`)}>
                  {due ? (
                    <time dateTime={due.at}>{due.text}</time>
                  ) : (
                    <span class="muted">None</span>
                  )}
                </td>
                <td class="nowrap">
                  <time dateTime={ticket.updatedAt}>{formatRelative(ticket.updatedAt, now)}</time>
                </td>
                <td class="nowrap">
                  <time dateTime={ticket.createdAt}>{formatRelative(ticket.createdAt, now)}</time>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableFrame>
  );
}
