// A ticket's status as a coloured label that also says its word.
import type { TicketStatus } from '../../../shared/vocabulary.js';
import { TICKET_STATUS_LABELS } from './ticketLabels.js';

export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  return (
    <span class={`badge badge--ticket-${status}`}>
      <span class="sr-only">Status: </span>
      {TICKET_STATUS_LABELS[status]}
    </span>
  );
}
