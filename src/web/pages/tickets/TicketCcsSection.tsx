// The people copied on a ticket (its CCs): the desk's public replies are mailed to them too, and
// their answers by mail join the thread. Agents add and remove addresses; the list is saved whole.
import { useEffect, useState } from 'preact/hooks';
import type { Ticket, TicketCc } from '../../../shared/ticketsApi.js';
import { LIMITS } from '../../../shared/vocabulary.js';
import { useServices } from '../../app/services.js';
import { ChipEditor } from '../../components/ChipEditor.js';

const WORDS = {
  list: 'CCs',
  none: 'Nobody copied',
  add: 'Add an address',
  addButton: 'Add CC',
  remove: (email: string) => `Remove CC ${email}`,
};

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Why `email` cannot be copied on the ticket, or null. */
export function ccProblem(email: string, emails: readonly string[], requester?: string | null) {
  if (!email) return null;
  if (!EMAIL.test(email)) return 'That is not an email address.';
  const lower = email.toLowerCase();
  if (emails.some((e) => e.toLowerCase() === lower)) return 'That address is already copied.';
  if (requester && requester.toLowerCase() === lower) return 'That is the requester.';
  if (emails.length >= LIMITS.ticketCcs) return `A ticket has at most ${LIMITS.ticketCcs} CCs.`;
  return null;
}

export function TicketCcsSection({ ticket, editable }: { ticket: Ticket; editable: boolean }) {
  const { api } = useServices();
  const [ccs, setCcs] = useState<TicketCc[] | null>(null);
  useEffect(() => {
    let live = true;
    api.tickets.ccs(ticket.id).then(
      (list) => live && setCcs(list.items),
      () => live && setCcs([]),
    );
    return () => {
      live = false;
    };
  }, [api, ticket.id, ticket.updatedAt]);

  return (
    <section class="ticket-panel__section" aria-labelledby="ticket-ccs">
      <h2 id="ticket-ccs" class="ticket-panel__title">
        CCs
      </h2>
      {ccs && (
        <ChipEditor
          items={ccs.map((cc) => cc.email)}
          editable={editable}
          onSave={async (emails) => setCcs((await api.tickets.setCcs(ticket.id, emails)).items)}
          words={WORDS}
          problemOf={(email, emails) => ccProblem(email, emails, ticket.requester.email)}
          maxLength={254}
          inputType="email"
        />
      )}
    </section>
  );
}
