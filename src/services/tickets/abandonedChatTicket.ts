// A waiting chat its customer ends before any agent had it, having written something, becomes a
// ticket (ABANDONED_CHAT_TICKETS): the same ticket an agent's "Create ticket" makes, filed by
// the desk, whose automatic reply tells the customer we will answer there. It is written in the
// end's own transaction, after the end's conditional update could only succeed once: so the
// chat makes one ticket however many nodes, and none is lost to a crash (both commit or neither).
import { ABANDONED_CHAT_REPLY, isUnattended } from '../../domain/tickets/unattendedChats.js';
import { customerWrote } from '../../storage/repositories/sessions/unattendedChats.js';
import type { SessionRow, TicketRow } from '../../storage/schema.js';
import type { Db } from '../../storage/store.js';
import type { Outbox, ServiceContext } from '../context.js';
import { writeChatTicket } from './chatTicketer.js';

/** Files the ticket of `chat` (locked, being ended by its customer) when it was abandoned. */
export async function ticketAbandonedChat(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  chat: SessionRow,
): Promise<TicketRow | null> {
  if (!ctx.settings.abandonedChatTickets || !isUnattended(chat)) return null;
  if (!(await customerWrote(trx, chat))) return null;
  return writeChatTicket(trx, ctx, outbox, chat, {
    subject: chat.subject,
    priority: chat.priority,
    assignee: null,
    actorId: null,
    autoReply: ABANDONED_CHAT_REPLY,
  });
}
