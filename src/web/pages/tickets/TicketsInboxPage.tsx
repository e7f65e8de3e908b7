// Agents: the ticket inbox. Views (My open, Unassigned, All open, Solved) narrowed by status,
// priority and team, in the order its column headers choose, a page at a time, refetched when a
// ticket frame arrives; worked from the keyboard (useListKeys), and changed in bulk (BulkBar). Words in the search box search
// the view's tickets instead (subject and thread), best first, and show the first chats and
// people they find below.
import { useState } from 'preact/hooks';
import type { Page } from '../../../shared/api.js';
import type { TicketView } from '../../../shared/ticketsApi.js';
import { navigate } from '../../app/router.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Loading } from '../../components/Spinner.js';
import { TabPanel, Tabs } from '../../components/Tabs.js';
import { ShowMore } from '../../components/ShowMore.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useDebounced } from '../../hooks/useDebounced.js';
import { useLiveRefresh } from '../../hooks/useLiveRefresh.js';
import { useNow } from '../../hooks/useNow.js';
import { usePagedList } from '../../hooks/usePagedList.js';
import { TICKETS } from '../../realtime/invalidations.js';
import { BulkBar } from './BulkBar.js';
import { InboxFilterForm } from './InboxFilterForm.js';
import { InboxTable, sortDescription, type InboxRow } from './InboxTable.js';
import {
  INBOX_VIEWS,
  INBOX_VIEW_LABELS,
  inboxQuery,
  NO_FILTERS,
  savedViewQuery,
  type InboxFilters,
  type InboxView,
} from './inboxViews.js';
import { OtherMatches } from './OtherMatches.js';
import { SavedViews } from './SavedViews.js';
import { ticketHref } from './ticketLabels.js';
import { useListKeys } from './useListKeys.js';

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
  const [saved, setSaved] = useState<TicketView | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const teams = useAsync(() => api.teams.list(), []);
  const now = useNow(30_000);
  const [typed, setTyped] = useState('');
  // Not trimmed at the end: a space after the last word says it is complete (no prefix match).
  const q = useDebounced(typed.trimStart(), 250);
  const searching = q.trim().length > 0;
  const tickets = usePagedList(
    async (cursor): Promise<Page<InboxRow>> => {
      // A saved view's query in place of the built-in view and its filters; the headers sort it.
      const asked = saved ? { ...saved.query, sort: filters.sort } : inboxQuery(view, filters);
      const { sort, ...query } = { ...asked, cursor };
      if (!searching) {
        const page = await api.tickets.list({ ...query, sort, limit: 25 });
        return { ...page, items: page.items.map((ticket) => ({ ticket, match: null })) };
      }
      return api.tickets.search(q, { ...query, limit: 25 });
    },
    [view, filters.status, filters.priority, filters.teamId, filters.sort, q, saved?.id],
  );
  useLiveRefresh([TICKETS], () => void tickets.reload());
  const set = (changes: Partial<InboxFilters>) => setFilters({ ...filters, ...changes });
  const rows = tickets.items;
  // What the bulk bar changes: the selected tickets still in the list.
  const chosen = rows.flatMap(({ ticket }) => (selected.has(ticket.id) ? [ticket] : []));
  const toggle = (ticketId: string) => {
    const next = new Set(selected);
    if (!next.delete(ticketId)) next.add(ticketId);
    setSelected(next);
  };
  const keys = useListKeys({
    count: rows.length,
    onOpen: (index) => rows[index] && navigate(ticketHref(rows[index].ticket, false)),
    onToggle: (index) => rows[index] && toggle(rows[index].ticket.id),
  });

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
          setSaved(null);
          set({ status: '' });
        }}
      />
      <SavedViews
        active={saved}
        current={savedViewQuery(view, filters)}
        onSelect={(next) => {
          setSaved(next);
          if (next) set({ sort: next.query.sort });
        }}
      />
      <TabPanel idPrefix="tickets" id={view} class="stack">
        <InboxFilterForm
          saved={saved?.name ?? null}
          view={view}
          filters={filters}
          onChange={set}
          typed={typed}
          onType={setTyped}
          teams={teams.data?.items ?? []}
        />
        {chosen.length > 0 && (
          <BulkBar
            selected={chosen}
            teams={teams.data?.items ?? []}
            onDone={(failed) => {
              setSelected(new Set(failed));
              void tickets.reload();
            }}
          />
        )}
        {tickets.error && <Alert tone="danger">{tickets.error}</Alert>}
        {!tickets.loaded && tickets.loading && <Loading />}
        {tickets.loaded && rows.length === 0 && (
          <EmptyState icon="inbox" title={searching ? 'No tickets match' : EMPTY[view]} />
        )}
        {rows.length > 0 && (
          <InboxTable
            rows={rows}
            caption={
              searching
                ? `${saved?.name ?? INBOX_VIEW_LABELS[view]} tickets matching “${q.trim()}”, best match first`
                : `${saved?.name ?? INBOX_VIEW_LABELS[view]} tickets ${sortDescription(filters.sort)}, updated live`
            }
            sort={searching ? null : filters.sort}
            onSort={(sort) => set({ sort })}
            selected={selected}
            onToggle={toggle}
            onToggleAll={(select) =>
              setSelected(select ? new Set(rows.map(({ ticket }) => ticket.id)) : new Set())
            }
            keys={keys}
            now={now}
          />
        )}
        <ShowMore list={tickets} />
        {searching && <OtherMatches q={q} />}
      </TabPanel>
    </div>
  );
}
