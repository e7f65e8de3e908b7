// One ticket's page. For the desk: the thread with notes set apart, who else of the desk has it
// open or is writing on it (collision detection), the composer (Reply / Note, send and set a
// status) and the side panel (status, priority, assignee, team, requester, history). For the requester (`/requests/:id`): the thread as the server gives it to them (no
// notes), a reply box, and "Mark as solved" (or "Reopen" once solved).
import { useState } from 'preact/hooks';
import type { Ticket } from '../../../shared/ticketsApi.js';
import { errorMessage } from '../../api/errorMessage.js';
import { Link } from '../../app/router.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { PriorityBadge } from '../../components/Badge.js';
import { Button } from '../../components/Button.js';
import { Icon } from '../../components/Icon.js';
import { Loading } from '../../components/Spinner.js';
import { formatDateTime } from '../../format/time.js';
import { showToast } from '../../state/toasts.js';
import { TicketStatusBadge } from './TicketBadges.js';
import { TicketComposer } from './TicketComposer.js';
import { ticketHref, ticketNumber } from './ticketLabels.js';
import { TicketSidePanel } from './TicketSidePanel.js';
import { TicketThread } from './TicketThread.js';
import { presenceText } from './ticketPresence.js';
import { useTicketPresence } from './useTicketPresence.js';
import { useTicket } from './useTicket.js';

/** `ticketRef`: the ticket's number (`1042`) or id. */
export function TicketPage({ ticketRef, desk }: { ticketRef: string; desk: boolean }) {
  const { me } = useServices();
  const view = useTicket(ticketRef, desk);
  const data = view.data;
  const [writing, setWriting] = useState(false);
  // Only the desk says it is on a ticket (the server refuses anyone else).
  const colleagues = useTicketPresence(desk && data?.events ? data.ticket.id : null, writing);
  const onTicket = presenceText(colleagues);
  const back = desk
    ? { href: '/tickets', label: 'Tickets' }
    : { href: '/requests', label: 'Your requests' };

  if (!data) {
    return (
      <div class="page">
        <Link href={back.href} class="back-link">
          <Icon name="arrowLeft" /> {back.label}
        </Link>
        {view.error ? <Alert tone="danger">{view.error}</Alert> : <Loading />}
      </div>
    );
  }
  const { ticket, messages, events } = data;
  const closed = ticket.status === 'closed';
  const reload = () => void view.reload();

  return (
    <div
      class={
        desk && events ? 'page ticket-page ticket-page--desk' : 'page page--narrow ticket-page'
      }
    >
      <Link href={back.href} class="back-link">
        <Icon name="arrowLeft" /> {back.label}
      </Link>
      <div class="ticket-page__main stack">
        <header class="ticket-header">
          <p class="ticket-header__meta muted">
            <span class="ticket-header__number">{ticketNumber(ticket)}</span>
            {' · '}
            {ticket.requester.id === me.id ? 'You' : ticket.requester.name}
            {' · '}
            filed {formatDateTime(ticket.createdAt)}
          </p>
          <h1 class="page-title">{ticket.subject}</h1>
          <div class="cluster">
            <TicketStatusBadge status={ticket.status} />
            {events && <PriorityBadge priority={ticket.priority} />}
            {events && ticket.team && <span class="badge">{ticket.team.name}</span>}
          </div>
        </header>
        {view.error && <Alert tone="warning">{view.error}</Alert>}
        {ticket.mergedInto && (
          <Alert tone="info">
            This ticket was merged into{' '}
            <Link href={ticketHref(ticket.mergedInto, !desk)}>#{ticket.mergedInto.number}</Link>,
            where the conversation goes on.
          </Alert>
        )}
        {!events && <RequesterActions ticket={ticket} onChanged={reload} />}
        <TicketThread messages={messages} viewer={me} requesterId={ticket.requester.id} />
        {closed && !ticket.mergedInto && (
          <p class="muted">This ticket is closed. A reply opens a new ticket that follows it up.</p>
        )}
        {onTicket && (
          <p class="ticket-presence" role="status">
            <Icon name="users" /> {onTicket}
          </p>
        )}
        <TicketComposer
          ticketId={ticket.id}
          desk={events !== null}
          onWriting={setWriting}
          onSent={(message) => {
            if (message.ticketId !== ticket.id) {
              showToast('Your reply started a follow-up ticket');
            }
            reload();
          }}
        />
      </div>
      {events && <TicketSidePanel ticket={ticket} events={events} onChanged={reload} />}
    </div>
  );
}

/** The requester's own changes: mark it solved, or reopen it once solved. */
function RequesterActions({ ticket, onChanged }: { ticket: Ticket; onChanged: () => void }) {
  const { api } = useServices();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (ticket.status === 'closed') return null;
  const solved = ticket.status === 'solved';
  const change = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await api.tickets.update(ticket.id, { status: solved ? 'open' : 'solved' });
      showToast(solved ? 'Request reopened' : 'Marked as solved');
      onChanged();
    } catch (failure) {
      setProblem(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="cluster">
      {problem && <Alert tone="danger">{problem}</Alert>}
      <Button icon={solved ? 'refresh' : 'check'} busy={busy} onClick={() => void change()}>
        {solved ? 'Reopen' : 'Mark as solved'}
      </Button>
    </div>
  );
}
