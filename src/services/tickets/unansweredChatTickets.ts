// A chat still waiting, never assigned, UNANSWERED_CHAT_TICKET_MINUTES after it started is ended
// and becomes a ticket (the same one an agent's "Create ticket" makes, filed by the desk), and
// the customer reads in the chat which request to follow; the chat's last update names the
// ticket, so their page leads there. Run by the housekeeping sweep. Exactly once: each chat is
// locked and checked again in one transaction that files the ticket and ends the chat with a
// conditional update, so a second sweep (another node, a lease that changed hands) finds it
// ended, and a crash leaves the chat waiting with no ticket, for the next sweep.
import {
  isUnansweredInTime,
  unansweredChatLine,
  UNANSWERED_CHAT_REPLY,
} from '../../domain/tickets/unattendedChats.js';
import { findSessionCore } from '../../storage/repositories/sessions/sessionRecords.js';
import { unansweredChatIds } from '../../storage/repositories/sessions/unattendedChats.js';
import { commit, type ServiceContext } from '../context.js';
import { closeSession } from '../sessions/sessionEnder.js';
import { writeChatTicket } from './chatTicketer.js';

/** Chats filed per sweep at most; the rest wait for the next one. */
const PER_SWEEP = 100;

export interface UnansweredChatTicket {
  sessionId: string;
  ticketId: string;
  number: number;
}

/** Files the tickets of the chats nobody answered in time; returns what it filed. */
export async function ticketUnansweredChats(ctx: ServiceContext): Promise<UnansweredChatTicket[]> {
  const waitMs = ctx.settings.unansweredChatTicketMs;
  if (waitMs <= 0) return [];
  const startedBefore = ctx.clock.now() - waitMs;
  const ids = await unansweredChatIds(ctx.store.db, { startedBefore, limit: PER_SWEEP });
  const filed: UnansweredChatTicket[] = [];
  // A chat whose ticket cannot be written stays waiting and fails the sweep, after the others.
  let failure: unknown = null;
  for (const sessionId of ids) {
    const done = await commit(ctx, async (trx, outbox) => {
      // Read again under the lock: an agent may have taken it, or its customer ended it.
      const record = await findSessionCore(trx, sessionId, ctx.store);
      if (!record || !isUnansweredInTime(record.row, ctx.clock.now(), waitMs)) return null;
      const ticket = await writeChatTicket(trx, ctx, outbox, record.row, {
        subject: record.row.subject,
        priority: record.row.priority,
        assignee: null,
        actorId: null,
        autoReply: UNANSWERED_CHAT_REPLY,
      });
      await closeSession(trx, ctx, outbox, record, {
        by: 'system',
        actorName: 'System',
        line: unansweredChatLine(ticket.number),
      });
      return { sessionId, ticketId: ticket.id, number: ticket.number };
    }).catch((error: unknown) => {
      failure ??= error;
      return null;
    });
    if (done) filed.push(done);
  }
  if (failure !== null) throw failure;
  return filed;
}
