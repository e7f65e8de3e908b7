// Agents: the ticket inbox. Views (My open, Unassigned, All open, Solved) narrowed by status,
// priority and team, last update first, a page at a time, refetched when a ticket frame arrives.
// Words in the search box search the view's tickets instead (subject and thread), best first,
// and show the first chats and people they find below.
import { useState } from 'preact/hooks';
import type { Page } from '../../../shared/api.js';
import type { TicketSearchResult } from '../../../shared/searchApi.js';
import type { Ticket } from '../../../shared/ticketsApi.js';
import { PRIORITIES } from '../../../shared/vocabulary.js';
import { Link } from '../../app/router.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { PriorityBadge } from '../../components/Badge.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Loading } from '../../components/Spinner.js';
import { TableFrame } from '../../components/TableFrame.js';
import { TabPanel, Tabs } from '../../components/Tabs.js';
import { ShowMore } from '../../components/ShowMore.js';
import { PRIORITY_LABELS } from '../../format/labels.js';
import { formatRelative } from '../../format/time.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useDebounced } from '../../hooks/useDebounced.js';
import { useLiveRefresh } from '../../hooks/useLiveRefresh.js';
import { useNow } from '../../hooks/useNow.js';
import { usePagedList } from '../../hooks/usePagedList.js';
import { TICKETS } from '../../realtime/invalidations.js';
import {
  INBOX_VIEWS,
  INBOX_VIEW_LABELS,
  inboxQuery,
  NO_FILTERS,
  viewStatuses,
  type InboxFilters,
  type InboxView,
} from './inboxViews.js';
import { OtherMatches } from './OtherMatches.js';
import { SearchSnippet } from './SearchSnippet.js';
import { TicketStatusBadge } from './TicketBadges.js';
import { TICKET_STATUS_LABELS, ticketHref, ticketNumber } from './ticketLabels.js';

/** A ticket of the list, with where the search matched it (null when not searching). */
interface InboxRow {
  ticket: Ticket;
  match: TicketSearchResult['match'] | null;
}

const EMPTY: Record<InboxView, string> = {
  mine: 'No open tickets assigned to you',
  unassigned: 'Every open ticket has someone',
  open: 'No open tickets',
  solved: 'No solved tickets',
};

export function TicketsInboxPage() {
  const { api } = useServices();
  const [view, setView] = useState<InboxView>('mine');
  const [filters, setFilters] = useState<InboxFilters>(NO_FILTERS);
  const teams = useAsync(() => api.teams.list(), []);
  const now = useNow(30_000);
  const [typed, setTyped] = useState('');
  // Not trimmed at the end: a space after the last word says it is complete (no prefix match).
  const q = useDebounced(typed.trimStart(), 250);
  const searching = q.trim().length > 0;
  const tickets = usePagedList(
    async (cursor): Promise<Page<InboxRow>> => {
      const query = { ...inboxQuery(view, filters), cursor };
      if (!searching) {
        const page = await api.tickets.list({ ...query, limit: 25 });
        return { ...page, items: page.items.map((ticket) => ({ ticket, match: null })) };
      }
      return api.tickets.search(q, { ...query, limit: 25 });
    },
    [view, filters.status, filters.priority, filters.teamId, q],
  );
  useLiveRefresh([TICKETS], () => void tickets.reload());
  const set = (changes: Partial<InboxFilters>) => setFilters({ ...filters, ...changes });

  return (
    <div class="page">
      <div class="page-header">
        <h1 class="page-title">Tickets</h1>
      </div>
      <Tabs
        label="Ticket views"
        idPrefix="tickets"
        items={INBOX_VIEWS.map((id) => ({ id, label: INBOX_VIEW_LABELS[id] }))}
        selected={view}
        onSelect={(next) => {
          setView(next);
          set({ status: '' });
        }}
      />
      <TabPanel idPrefix="tickets" id={view} class="stack">
        <form
          class="filters"
          role="search"
          aria-label="Filter tickets"
          onSubmit={(e) => e.preventDefault()}
        >
          <label class="filters__field filters__field--grow">
            <span class="filters__label">Search</span>
            <input
              class="input"
              type="search"
              placeholder="Words in a subject, thread or name, CS101…"
              value={typed}
              onInput={(e) => setTyped(e.currentTarget.value)}
            />
          </label>
          <label class="filters__field">
            <span class="filters__label">Status</span>
            <select
              class="input select"
              value={filters.status}
              onChange={(e) => set({ status: e.currentTarget.value as InboxFilters['status'] })}
            >
              <option value="">{view === 'solved' ? 'Solved' : 'Any open status'}</option>
              {viewStatuses(view).map((s) => (
                <option key={s} value={s}>
                  {TICKET_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <label class="filters__field">
            <span class="filters__label">Priority</span>
            <select
              class="input select"
              value={filters.priority}
              onChange={(e) => set({ priority: e.currentTarget.value as InboxFilters['priority'] })}
            >
              <option value="">Any priority</option>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {PRIORITY_LABELS[p]}
                </option>
              ))}
            </select>
          </label>
          <label class="filters__field">
            <span class="filters__label">Team</span>
            <select
              class="input select"
              value={filters.teamId}
              onChange={(e) => set({ teamId: e.currentTarget.value })}
            >
              <option value="">Any team</option>
              <option value="none">No team</option>
              {teams.data?.items.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </label>
        </form>
        {tickets.error && <Alert tone="danger">{tickets.error}</Alert>}
        {!tickets.loaded && tickets.loading && <Loading />}
        {tickets.loaded && tickets.items.length === 0 && (
          <EmptyState icon="inbox" title={searching ? 'No tickets match' : EMPTY[view]} />
        )}
        {tickets.items.length > 0 && (
          <TableFrame label="Tickets">
            <table class="table ticket-table">
              <caption class="sr-only">
                {searching
                  ? `${INBOX_VIEW_LABELS[view]} tickets matching “${q.trim()}”, best match first`
                  : `${INBOX_VIEW_LABELS[view]} tickets, last updated first, updated live`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Ticket</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Requester</th>
                  <th scope="col">Status</th>
                  <th scope="col">Priority</th>
                  <th scope="col">Assignee</th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {tickets.items.map(({ ticket, match }) => (
                  <tr key={ticket.id}>
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
                    <td>{ticket.assignee?.name ?? <span class="muted">Unassigned</span>}</td>
                    <td class="nowrap">
                      <time dateTime={ticket.updatedAt}>
                        {formatRelative(ticket.updatedAt, now)}
                      </time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableFrame>
        )}
        <ShowMore list={tickets} />
        {searching && <OtherMatches q={q} />}
      </TabPanel>
    </div>
  );
}
