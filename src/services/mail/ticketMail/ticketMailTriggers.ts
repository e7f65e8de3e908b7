// When a ticket's mail is queued: the ticket use cases call these with what just changed, in
// their transaction. A new ticket (filed on the web, by the API or by mail), a message in its
// thread (a public reply mails the requester, a note only the agents it names), and a change of
// its assignee or status.
import { mailPeople } from '../../../storage/repositories/mail/ticketMail.js';
import type { PersonRecord } from '../../../storage/repositories/people.js';
import type { TicketMessageRecord } from '../../../storage/repositories/tickets/ticketMessages.js';
import type { TicketRow } from '../../../storage/schema.js';
import type { Db } from '../../../storage/store.js';
import type { Outbox, ServiceContext } from '../../context.js';
import { offerTicketSurvey } from '../../surveys/ticketSurveyOffer.js';
import { noticeAssigned, noticeMentions, noticeNewTicket } from './agentNotices.js';
import { mailAgentReply, mailTicketReceived, mailTicketSolved } from './requesterMails.js';

/**
 * A ticket just filed by `actor` (its requester, or an agent for them; a follow-up, by who wrote
 * to the closed one), with its first message: what the team's notice quotes.
 */
export async function mailNewTicket(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  props: {
    ticket: TicketRow;
    actor: { id: string; name: string } | null;
    requesterName: string;
    firstMessage: { id: string | null; body: string } | null;
  },
): Promise<void> {
  if (!ctx.settings.mail) return;
  const { ticket, actor } = props;
  await mailTicketReceived(trx, ctx, outbox, {
    ticket,
    actorId: actor?.id ?? null,
    firstMessageId: props.firstMessage?.id ?? null,
  });
  await noticeNewTicket(trx, ctx, outbox, {
    ticket,
    actorId: actor?.id ?? null,
    requesterName: props.requesterName,
    body: props.firstMessage?.body ?? '',
  });
  await noticeAssigned(trx, ctx, outbox, {
    ticket,
    actorId: actor?.id ?? null,
    actorName: actor?.name ?? null,
  });
}

/**
 * A message just written in `ticket`'s thread (after the ticket was settled: `after`, whose
 * status was `statusBefore`; a message that solves it brings its survey).
 */
export async function mailTicketMessage(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  props: {
    after: TicketRow;
    statusBefore: TicketRow['status'];
    message: TicketMessageRecord;
    author: PersonRecord;
    solved: boolean;
  },
): Promise<void> {
  if (!ctx.settings.mail) return;
  const { after, message, author } = props;
  const survey = { after, statusBefore: props.statusBefore };
  if (message.row.kind === 'note') {
    await noticeMentions(trx, ctx, outbox, {
      ticket: after,
      authorId: author.id,
      authorName: author.name,
      body: message.row.body,
    });
    await offerTicketSurvey(trx, ctx, outbox, survey);
    return;
  }
  await mailAgentReply(trx, ctx, outbox, { ticket: after, message, solved: props.solved });
  await offerTicketSurvey(trx, ctx, outbox, survey);
}

/**
 * The ticket changed by `actor`: told to a new assignee, and to the requester when solved (with
 * the survey, the first time).
 */
export async function mailTicketChange(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  props: { before: TicketRow; after: TicketRow; actorId: string },
): Promise<void> {
  if (!ctx.settings.mail) return;
  const { before, after, actorId } = props;
  if (after.assignee_id !== null && after.assignee_id !== before.assignee_id) {
    const [actor] = await mailPeople(trx, [actorId]);
    await noticeAssigned(trx, ctx, outbox, {
      ticket: after,
      actorId,
      actorName: actor?.name ?? null,
    });
  }
  if (after.status === 'solved' && before.status !== 'solved') {
    await mailTicketSolved(trx, ctx, outbox, { ticket: after, actorId });
  }
  await offerTicketSurvey(trx, ctx, outbox, { after, statusBefore: before.status });
}
