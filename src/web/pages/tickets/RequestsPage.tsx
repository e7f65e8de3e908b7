// Customers: their requests (tickets they filed), last updated first, refetched when one of them
// changes or is answered.
import { Link } from '../../app/router.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Icon } from '../../components/Icon.js';
import { Loading } from '../../components/Spinner.js';
import { ShowMore } from '../../components/ShowMore.js';
import { formatRelative } from '../../format/time.js';
import { useLiveRefresh } from '../../hooks/useLiveRefresh.js';
import { useNow } from '../../hooks/useNow.js';
import { usePagedList } from '../../hooks/usePagedList.js';
import { TICKETS } from '../../realtime/invalidations.js';
import { TicketStatusBadge } from './TicketBadges.js';
import { ticketHref, ticketNumber } from './ticketLabels.js';

export function RequestsPage() {
  const { api } = useServices();
  const now = useNow(30_000);
  const requests = usePagedList((cursor) => api.tickets.list({ cursor, limit: 20 }), []);
  useLiveRefresh([TICKETS], () => void requests.reload());

  return (
    <div class="page page--narrow">
      <div class="page-header">
        <h1 class="page-title">Your requests</h1>
        <Link href="/requests/new" class="btn btn--primary">
          <Icon name="plus" /> New request
        </Link>
      </div>
      {requests.error && <Alert tone="danger">{requests.error}</Alert>}
      {!requests.loaded && requests.loading && <Loading />}
      {requests.loaded && requests.items.length === 0 && (
        <EmptyState icon="inbox" title="No requests yet">
          Ask us something that does not need a live chat: we answer here, and you can reply.
        </EmptyState>
      )}
      {requests.items.length > 0 && (
        <ul class="history-list">
          {requests.items.map((ticket) => (
            <li key={ticket.id}>
              <Link href={ticketHref(ticket, true)} class="history-item">
                <span class="history-item__main">
                  <span class="history-item__subject">{ticket.subject}</span>
                  <span class="history-item__meta">
                    {ticketNumber(ticket)} · updated {formatRelative(ticket.updatedAt, now)}
                  </span>
                </span>
                <span class="history-item__side">
                  <TicketStatusBadge status={ticket.status} />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <ShowMore list={requests} />
    </div>
  );
}
