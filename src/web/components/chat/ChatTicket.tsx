// The chat's ticket in its details panel, for the desk: a link to the ticket the chat became, or
// "Create ticket" when a request cannot be settled live (the transcript becomes the ticket's
// thread, its notes staying notes; docs/tickets.md). Asked twice, the server answers the ticket
// the chat made the first time, so two agents pressing it at once make one ticket.
import { useState } from 'preact/hooks';
import type { Session } from '../../../shared/api.js';
import { errorMessage } from '../../api/errorMessage.js';
import { Link } from '../../app/router.js';
import { useServices } from '../../app/services.js';
import { useSubmission } from '../../hooks/useSubmission.js';
import { showToast } from '../../state/toasts.js';
import { Alert } from '../Alert.js';
import { Button } from '../Button.js';

export function ChatTicket({ session }: { session: Session }) {
  const { api } = useServices();
  const [made, setMade] = useState<{ id: string; number: number } | null>(null);
  const { busy, problem, run } = useSubmission(errorMessage);
  const ticketId = made?.id ?? session.ticketId;

  if (ticketId)
    return (
      <p class="details__ticket">
        <Link href={`/tickets/${encodeURIComponent(ticketId)}`}>
          {made ? `Ticket #${made.number}` : 'Open the ticket'}
        </Link>
      </p>
    );

  const create = () =>
    run(async () => {
      const ticket = await api.sessions.createTicket(session.id);
      setMade({ id: ticket.id, number: ticket.number });
      showToast(`Ticket #${ticket.number} created`);
    });

  return (
    <div class="details__ticket stack">
      <Button icon="inbox" busy={busy} onClick={() => void create()}>
        Create ticket
      </Button>
      {problem && <Alert tone="danger">{problem}</Alert>}
    </div>
  );
}
