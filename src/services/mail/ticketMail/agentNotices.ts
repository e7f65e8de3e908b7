// The mail that tells agents about a ticket, each one a notice they may turn off: a new ticket
// (to the agents of its team; to every agent when it has none, as the unteamed queue is
// everyone's), a ticket given to them, an `@` in one of its notes (to those named who may work
// it), and an SLA warning or breach (to whom the sweep alerts: the assignee and the team's
// leads). Never to who caused it; always in the transaction of the change.
import { mentionedAgents } from '../../../domain/mentions.js';
import { ticketPolicy } from '../../../domain/policies.js';
import { formatTicketNumber } from '../../../domain/tickets/ticketNumber.js';
import { agentIdsFor } from '../../../storage/repositories/mail/ticketMail.js';
import { listActiveAgents } from '../../../storage/repositories/users.js';
import type { TicketRow } from '../../../storage/schema.js';
import type { Db } from '../../../storage/store.js';
import type { Outbox, ServiceContext } from '../../context.js';
import { iso } from '../../presenters.js';
import type { RecordedSlaAlert } from '../../tickets/ticketSlaSweeper.js';
import { factsOf, viewerFor } from '../../tickets/ticketAccess.js';
import { queueAgentNotice, ticketRef } from './ticketMailParts.js';
import { agentNoticeMail } from './ticketMailTemplates.js';

const excerpt = (text: string) => (text.length > 500 ? `${text.slice(0, 500)}…` : text);

/** A new ticket, to its team's agents but its assignee (who is told it was given to them). */
export async function noticeNewTicket(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  props: { ticket: TicketRow; actorId: string | null; requesterName: string; body: string },
): Promise<string[]> {
  const { ticket } = props;
  const candidateIds = (await agentIdsFor(trx, ticket.team_id)).filter(
    (id) => id !== ticket.assignee_id,
  );
  return queueAgentNotice(trx, ctx, outbox, {
    kind: 'ticket_new',
    notice: 'newTickets',
    ticket,
    candidateIds,
    actorId: props.actorId,
    build: (_agent, mail, settingsUrl) =>
      agentNoticeMail(ctx.settings, {
        heading: `New ticket ${formatTicketNumber(ticket.number)} from ${props.requesterName}`,
        paragraphs: props.body ? [excerpt(props.body)] : [],
        ticket: ticketRef(mail, ticket, true),
        settingsUrl,
        notesByMail: Boolean(mail.replyAddress),
      }),
  });
}

/** The ticket given to its (new) assignee, unless they took it themselves. */
export async function noticeAssigned(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  props: { ticket: TicketRow; actorId: string | null; actorName: string | null },
): Promise<string[]> {
  const { ticket } = props;
  if (!ticket.assignee_id) return [];
  return queueAgentNotice(trx, ctx, outbox, {
    kind: 'ticket_assigned',
    notice: 'assigned',
    ticket,
    candidateIds: [ticket.assignee_id],
    actorId: props.actorId,
    build: (_agent, mail, settingsUrl) =>
      agentNoticeMail(ctx.settings, {
        heading: `${formatTicketNumber(ticket.number)} was given to you`,
        paragraphs: [
          props.actorName
            ? `${props.actorName} gave you the ticket “${ticket.subject}”.`
            : `The ticket “${ticket.subject}” is yours now.`,
        ],
        ticket: ticketRef(mail, ticket, true),
        settingsUrl,
        notesByMail: Boolean(mail.replyAddress),
      }),
  });
}

/** The agents a note names with `@` (domain/mentions.ts) who may work the ticket. */
export async function noticeMentions(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  props: { ticket: TicketRow; authorId: string; authorName: string; body: string },
): Promise<string[]> {
  const { ticket, body } = props;
  if (!ctx.settings.mail || !body.includes('@')) return [];
  const facts = factsOf(ticket);
  const candidateIds: string[] = [];
  for (const agent of mentionedAgents(body, await listActiveAgents(trx))) {
    const viewer = await viewerFor(trx, { id: agent.id, role: agent.role }, facts);
    if (ticketPolicy.work(viewer, facts)) candidateIds.push(agent.id);
  }
  return queueAgentNotice(trx, ctx, outbox, {
    kind: 'ticket_mention',
    notice: 'mentions',
    ticket,
    candidateIds,
    actorId: props.authorId,
    build: (_agent, mail, settingsUrl) =>
      agentNoticeMail(ctx.settings, {
        heading: `${props.authorName} mentioned you on ${formatTicketNumber(ticket.number)}`,
        paragraphs: [`In an internal note: ${excerpt(body)}`],
        ticket: ticketRef(mail, ticket, true),
        settingsUrl,
        notesByMail: Boolean(mail.replyAddress),
      }),
  });
}

const TARGETS = {
  first_response: 'first response',
  next_response: 'next response',
  resolution: 'resolution',
} as const;

/** An SLA alert, to whom the sweep tells (ticketSlaSweeper.ts#sweepSlaAlerts's `onAlert`). */
export async function noticeSlaAlert(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  alert: RecordedSlaAlert,
): Promise<string[]> {
  const { ticket } = alert;
  const target = TARGETS[alert.target];
  const breach = alert.kind === 'sla_breach';
  return queueAgentNotice(trx, ctx, outbox, {
    kind: 'ticket_sla',
    notice: 'sla',
    ticket,
    candidateIds: alert.recipientIds,
    actorId: null,
    build: (_agent, mail, settingsUrl) =>
      agentNoticeMail(ctx.settings, {
        heading: breach
          ? `${formatTicketNumber(ticket.number)} missed its ${target} target`
          : `${formatTicketNumber(ticket.number)} is close to its ${target} target`,
        paragraphs: [`The ${target} was due at ${iso(alert.dueAt.getTime())} (UTC).`],
        ticket: ticketRef(mail, ticket, true),
        settingsUrl,
        notesByMail: Boolean(mail.replyAddress),
      }),
  });
}

/** The sweep's `onAlert` that mails each alert (services/jobs/housekeeping.ts). */
export const mailSlaAlerts =
  (ctx: ServiceContext) =>
  async (trx: Db, alert: RecordedSlaAlert, outbox: Outbox): Promise<void> => {
    await noticeSlaAlert(trx, ctx, outbox, alert);
  };
