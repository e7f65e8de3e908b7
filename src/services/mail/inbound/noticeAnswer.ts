// An agent's answer by mail to one of their notices (a new ticket, an assignment, a mention):
// sent to the notice's signed note address (domain/mail/replyAddress.ts), it becomes an internal
// note on the ticket, never a public reply, and only from an agent who may work the ticket and
// while the ticket takes notes (not closed, unless merged: the note then follows the merge).
// Anyone else's answer, or one to a closed ticket, is refused: the import records it, ignored.
import { ticketPolicy, type Viewer } from '../../../domain/policies.js';
import { threadKeys } from '../../../domain/mail/threading.js';
import { ticketIdByNumber } from '../../../storage/repositories/mail/inbound.js';
import { findTicketRow } from '../../../storage/repositories/tickets/tickets.js';
import type { Db } from '../../../storage/store.js';
import { factsOf, viewerFor } from '../../tickets/ticketAccess.js';
import type { IncomingMail } from './incomingMail.js';

export type NoticeAnswer = { ticketId: string } | 'refused' | null;

/** The ticket the mail answers a notice of; null when it answers none. */
export async function noticeAnswerOf(
  trx: Db,
  desk: { addresses: readonly string[]; secret: string | null },
  mail: IncomingMail,
  viewer: Viewer,
): Promise<NoticeAnswer> {
  const { noteTokens } = threadKeys(mail, desk);
  if (noteTokens.length === 0) return null;
  for (const number of noteTokens) {
    const id = await ticketIdByNumber(trx, number);
    const ticket = id ? await findTicketRow(trx, id) : undefined;
    if (!ticket || (ticket.status === 'closed' && ticket.merged_into === null)) continue;
    const facts = factsOf(ticket);
    if (ticketPolicy.work(await viewerFor(trx, viewer, facts), facts)) return { ticketId: id! };
  }
  return 'refused';
}
