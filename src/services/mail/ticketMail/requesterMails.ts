// The mail a ticket's requester gets, queued with the change that causes it: their request
// arrived (only when they filed it themselves: domain/mail/ticketMailRecipients.ts), the desk's
// public reply (never a note: the note path does not come here), copied to the ticket's CCs, and
// the ticket solved, and the ticket merged into another (once, to the merged one's requester).
// **Decision**: a solved ticket closing by itself later (ticketAutoCloser.ts) mails nothing: the
// requester was told it was solved, and a reply still files a follow-up.
import { isAgent } from '../../../domain/policies.js';
import { acknowledgesTicket } from '../../../domain/mail/ticketMailRecipients.js';
import type { TicketMessageRecord } from '../../../storage/repositories/tickets/ticketMessages.js';
import type { TicketRow } from '../../../storage/schema.js';
import type { Db } from '../../../storage/store.js';
import type { Outbox, ServiceContext } from '../../context.js';
import { queueRequesterMail, ticketRef } from './ticketMailParts.js';
import {
  ticketMergedMail,
  ticketReceivedMail,
  ticketReplyMail,
  ticketSolvedMail,
} from './ticketMailTemplates.js';

/** A new ticket, acknowledged when `actorId` (who filed it) is its requester. */
export async function mailTicketReceived(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  props: { ticket: TicketRow; actorId: string | null; firstMessageId: string | null },
): Promise<void> {
  const { ticket } = props;
  if (!acknowledgesTicket({ requesterId: ticket.requester_id, actorId: props.actorId })) return;
  await queueRequesterMail(trx, ctx, outbox, {
    kind: 'ticket_received',
    ticket,
    ticketMessageId: props.firstMessageId,
    automatic: true,
    build: (requester, mail) =>
      ticketReceivedMail(ctx.settings, {
        name: requester.name,
        ticket: ticketRef(mail, ticket, false),
        byMail: ticket.channel === 'email',
      }),
  });
}

/** The desk's public reply, as its author wrote it; `solved` when it also solved the ticket. */
export async function mailAgentReply(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  props: { ticket: TicketRow; message: TicketMessageRecord; solved: boolean },
): Promise<void> {
  const { ticket, message } = props;
  if (message.row.kind !== 'reply' || message.row.author_id === ticket.requester_id) return;
  // A CC's own answer by mail is theirs to the desk, not the desk's to the requester.
  if (!message.author || !isAgent(message.author)) return;
  await queueRequesterMail(trx, ctx, outbox, {
    kind: 'ticket_reply',
    ticket,
    ticketMessageId: message.row.id,
    automatic: false,
    copyCcs: true,
    build: (requester, mail) =>
      ticketReplyMail(ctx.settings, {
        name: requester.name,
        agentName: message.author?.name ?? ctx.settings.deskName,
        body: message.row.body,
        ticket: ticketRef(mail, ticket, false),
        solved: props.solved,
      }),
  });
}

/** The ticket solved by the desk (the requester who solved it themselves is not told). */
export async function mailTicketSolved(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  props: { ticket: TicketRow; actorId: string | null },
): Promise<void> {
  const { ticket } = props;
  if (props.actorId === ticket.requester_id) return;
  await queueRequesterMail(trx, ctx, outbox, {
    kind: 'ticket_solved',
    ticket,
    ticketMessageId: null,
    automatic: true,
    build: (requester, mail) =>
      ticketSolvedMail(ctx.settings, {
        name: requester.name,
        ticket: ticketRef(mail, ticket, false),
      }),
  });
}

/** `source` merged into `target` by the desk: its requester is led to the target. */
export async function mailTicketMerged(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  props: { source: TicketRow; target: TicketRow; actorId: string },
): Promise<void> {
  const { source, target } = props;
  if (!ctx.settings.mail || props.actorId === source.requester_id) return;
  await queueRequesterMail(trx, ctx, outbox, {
    kind: 'ticket_merged',
    ticket: source,
    ticketMessageId: null,
    automatic: true,
    build: (requester, mail) =>
      ticketMergedMail(ctx.settings, {
        name: requester.name,
        ticket: ticketRef(mail, source, false),
        into: ticketRef(mail, target, false),
      }),
  });
}
