// What every mail about a ticket shares. To the requester: the `[#N]` subject, the signed reply
// address as Reply-To (when inbound mail is set up), In-Reply-To and References onto the mail
// of the ticket so far, its Message-ID remembered so that the answer finds the ticket, and (the
// desk's replies) the ticket's CCs in Cc. To
// agents: the same subject, List-Unsubscribe to their mail settings, the ticket's signed note
// address as Reply-To (their answer becomes an internal note), sent to whoever the rule
// of domain/mail/ticketMailRecipients.ts leaves. All of it in the caller's transaction.
import { noticeRecipients } from '../../../domain/mail/ticketMailRecipients.js';
import { replyAddressFor } from '../../../domain/mail/replyAddress.js';
import { withSubjectTag } from '../../../domain/tickets/ticketNumber.js';
import { isAgent } from '../../../domain/policies.js';
import type { MailKind, MailNotice } from '../../../shared/vocabulary.js';
import { recordOutboundMessageId } from '../../../storage/repositories/mail/inbound.js';
import {
  mailPeople,
  ticketThreadIds,
  type MailPerson,
} from '../../../storage/repositories/mail/ticketMail.js';
import { listTicketCcs } from '../../../storage/repositories/tickets/ticketCcs.js';
import type { TicketRow } from '../../../storage/schema.js';
import type { Db } from '../../../storage/store.js';
import type { MailSettings, Outbox, ServiceContext } from '../../context.js';
import { queueMail } from '../outbox/mailQueue.js';
import type { TemplateMail } from '../templates/accountMails.js';
import type { TicketRef } from './ticketMailTemplates.js';

/** Where an agent turns these mails off (List-Unsubscribe, the footer). */
export const MAIL_SETTINGS_PATH = '/settings#mail';

export function ticketRef(mail: MailSettings, ticket: TicketRow, forDesk: boolean): TicketRef {
  const path = forDesk ? '/tickets/' : '/requests/';
  return {
    number: ticket.number,
    subject: ticket.subject,
    url: mail.publicOrigin + path + ticket.number,
  };
}

export interface RequesterMail {
  kind: MailKind;
  ticket: TicketRow;
  /** The message the mail carries or answers, if any (so the answer to it threads there). */
  ticketMessageId: string | null;
  /** An agent's reply is written by a person; the rest the system writes. */
  automatic: boolean;
  /** Copied to the ticket's CCs (the desk's public replies). */
  copyCcs?: boolean;
  build: (requester: MailPerson, mail: MailSettings) => TemplateMail;
}

/** Queues a mail to the ticket's requester (none without mail, an address or an active account). */
export async function queueRequesterMail(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  { kind, ticket, ticketMessageId, automatic, copyCcs, build }: RequesterMail,
): Promise<void> {
  const settings = ctx.settings.mail;
  if (!settings) return;
  const [requester] = await mailPeople(trx, [ticket.requester_id]);
  if (!requester?.email || !requester.isActive) return;
  const thread = await ticketThreadIds(trx, ticket.id);
  const template = build(requester, settings);
  const reply = settings.replyAddress;
  const cc = copyCcs ? await ccAddresses(trx, ticket.id, requester.email) : [];
  const queued = await queueMail(trx, ctx, outbox, {
    kind,
    userId: requester.id,
    to: requester.email,
    subject: withSubjectTag(template.subject, ticket.number),
    content: template.content,
    automatic,
    ticketId: ticket.id,
    ...(reply ? { replyTo: replyAddressFor(reply.base, ticket.number, reply.secret) } : {}),
    cc,
    thread: { inReplyTo: thread.at(-1), references: thread },
  });
  if (queued) {
    await recordOutboundMessageId(trx, {
      messageId: queued.messageId,
      ticketId: ticket.id,
      ticketMessageId,
      at: ctx.clock.now(),
    });
  }
}

/** The ticket's CCs a mail to the requester copies: not the requester, no deactivated account. */
async function ccAddresses(trx: Db, ticketId: string, requesterEmail: string): Promise<string[]> {
  const ccs = await listTicketCcs(trx, ticketId);
  return ccs
    .filter((cc) => cc.email !== requesterEmail && (cc.user === null || cc.user.isActive))
    .map((cc) => cc.email);
}

export interface AgentNotice {
  kind: MailKind;
  notice: MailNotice;
  ticket: TicketRow;
  /** Who may get it, in order; the rule leaves out the actor and those who turned it off. */
  candidateIds: readonly string[];
  actorId: string | null;
  build: (agent: MailPerson, mail: MailSettings, settingsUrl: string) => TemplateMail;
}

/** Queues the notice to each agent the rule leaves; returns their ids. */
export async function queueAgentNotice(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  { kind, notice, ticket, candidateIds, actorId, build }: AgentNotice,
): Promise<string[]> {
  const settings = ctx.settings.mail;
  if (!settings || candidateIds.length === 0) return [];
  const people = await mailPeople(trx, candidateIds);
  const candidates = people.map((person) => ({
    id: person.id,
    isAgent: isAgent({ id: person.id, role: person.role }),
    isActive: person.isActive,
    preferences: person.preferences,
  }));
  // The requester is never told as the desk, even when they are an agent themselves.
  const ids = noticeRecipients(notice, candidates, actorId).filter(
    (id) => id !== ticket.requester_id,
  );
  const settingsUrl = settings.publicOrigin + MAIL_SETTINGS_PATH;
  const reply = settings.replyAddress;
  const mailed: string[] = [];
  for (const person of people) {
    if (!ids.includes(person.id) || !person.email) continue;
    const template = build(person, settings, settingsUrl);
    const queued = await queueMail(trx, ctx, outbox, {
      kind,
      userId: person.id,
      to: person.email,
      subject: withSubjectTag(template.subject, ticket.number),
      content: template.content,
      automatic: true,
      unsubscribeUrl: settingsUrl,
      ticketId: ticket.id,
      // An answer to a notice becomes a note (services/mail/inbound/noticeAnswer.ts).
      ...(reply
        ? { replyTo: replyAddressFor(reply.base, ticket.number, reply.secret, 'note') }
        : {}),
    });
    if (queued) mailed.push(person.id);
  }
  return mailed;
}
