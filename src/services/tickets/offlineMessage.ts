// The offline form: a customer who cannot chat live on a topic (its team closed, or nobody free)
// leaves a message instead. It becomes a ticket of the topic's team (channel `web`) with an
// automatic public reply from the desk saying when someone will answer: the team's next
// opening, in the customer's time zone when they gave it. A visitor without an address leaves
// one to be answered at (users.contact_email, never a sign-in).
import { invalid } from '../../domain/errors.js';
import { describeOpening } from '../../domain/openingHours.js';
import { isAgent, type Viewer } from '../../domain/policies.js';
import { isVisitor } from '../../domain/visitors.js';
import type { OfflineMessageBody } from '../../shared/liveChatApi.js';
import type { TicketRecord } from '../../storage/repositories/tickets/ticketRecords.js';
import { updateUser } from '../../storage/repositories/users.js';
import type { ServiceContext } from '../context.js';
import { closedUntil } from '../topics/liveChatAvailability.js';
import { createTicket } from './ticketCreator.js';
import { writeTicketMessages } from './ticketWrites.js';

export interface OfflineMessageProps {
  viewer: Viewer;
  body: OfflineMessageBody;
}

/** The automatic reply: when the team opens next, or "as soon as possible" while it is open. */
export function autoReplyText(closed: { opensAt: Date | null } | undefined, timeZone: string) {
  const thanks = 'Thank you for your message.';
  if (closed?.opensAt) {
    return `${thanks} We are closed right now and open again ${describeOpening(closed.opensAt, timeZone)}: someone will answer you here then.`;
  }
  if (closed) return `${thanks} We are closed right now: someone will answer you here.`;
  return `${thanks} No one was free to chat just now: someone will answer you here as soon as possible.`;
}

export function leaveOfflineMessage(
  ctx: ServiceContext,
  { viewer, body }: OfflineMessageProps,
): Promise<TicketRecord> {
  const { email, timeZone, ...request } = body;
  return createTicket(ctx, {
    viewer,
    body: { ...request, priority: 'medium', ...(isAgent(viewer) ? { channel: 'web' } : {}) },
    alsoWrite: async (trx, outbox, ticket, filer) => {
      if (isVisitor({ role: filer.role, isGuest: filer.is_guest === 1 })) {
        if (email === undefined && filer.contact_email === null) {
          throw invalid('email', 'leave an address so that we can answer you');
        }
        if (email !== undefined) {
          await updateUser(trx, filer.id, { contact_email: email, updated_at: ctx.clock.now() });
        }
      }
      const closed = ticket.team_id
        ? await closedUntil(trx, ticket.team_id, ctx.clock.now())
        : undefined;
      const zone = timeZone ?? closed?.timeZone ?? 'UTC';
      await writeTicketMessages(trx, ctx, outbox, ticket, [
        { author: null, kind: 'reply', body: autoReplyText(closed, zone) },
      ]);
    },
  });
}
