// Queueing a mail: a row of the outbox written inside the caller's transaction, so the mail
// exists if and only if the change that caused it committed; the worker wakes once it has
// (Outbox.mailWasQueued). Ticket notifications and chat transcripts come through here too:
// `ticketId` ties a mail to its ticket, `thread` makes it a reply in the requester's mailbox.
import type { RenderedMail } from '../../../domain/mail/mailLayout.js';
import {
  makeMessageId,
  threadHeaders,
  type MailHeaders,
  type ThreadOptions,
} from '../../../domain/mail/messageHeaders.js';
import type { MailKind } from '../../../shared/vocabulary.js';
import { insertMail } from '../../../storage/repositories/mail/outbox.js';
import type { Db } from '../../../storage/store.js';
import type { Outbox, ServiceContext } from '../../context.js';

export interface MailToQueue {
  kind: MailKind;
  /**
   * The account the mail is for, whose address `to` is (or will be, for a verification): no
   * mail is queued, or later sent, while it is deactivated. Null for an address of no account.
   */
  userId: string | null;
  to: string;
  subject: string;
  content: RenderedMail;
  /** Written by the system, not a person (default): `Auto-Submitted: auto-generated`. */
  automatic?: boolean;
  /** A notification: where the person turns it off, sent as List-Unsubscribe. */
  unsubscribeUrl?: string | undefined;
  ticketId?: string | null | undefined;
  /** Where the recipient's answer goes (a ticket's reply address), when not to From. */
  replyTo?: string | undefined;
  /** Addresses copied (a ticket's CCs, active accounts or none; checked again when sent). */
  cc?: readonly string[] | undefined;
  thread?: ThreadOptions | undefined;
}

export interface QueuedMail {
  id: string;
  /** Kept with the row: a resend carries the same one, so receivers can drop the copy. */
  messageId: string;
}

/**
 * Queues `mail` in `trx`. Returns null, and queues nothing, when mail is off (no SMTP_URL: a
 * backlog must not pour out, with its stale links, the day it is set) or when the account is
 * deactivated.
 */
export async function queueMail(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  mail: MailToQueue,
): Promise<QueuedMail | null> {
  const settings = ctx.settings.mail;
  if (!settings) return null;
  if (mail.userId !== null) {
    const user = await trx
      .selectFrom('users')
      .select('is_active')
      .where('id', '=', mail.userId)
      .executeTakeFirst();
    if (user?.is_active !== 1) return null;
  }
  const id = ctx.ids.next();
  const now = ctx.clock.now();
  const headers: MailHeaders = {
    'Message-ID': makeMessageId(id, settings.messageIdDomain),
    ...(mail.replyTo ? { 'Reply-To': mail.replyTo } : {}),
    ...(mail.cc?.length ? { Cc: mail.cc.join(', ') } : {}),
    ...threadHeaders(mail.thread ?? {}),
    ...((mail.automatic ?? true) ? { 'Auto-Submitted': 'auto-generated' as const } : {}),
    ...(mail.unsubscribeUrl ? { 'List-Unsubscribe': `<${mail.unsubscribeUrl}>` } : {}),
  };
  await insertMail(trx, {
    id,
    kind: mail.kind,
    user_id: mail.userId,
    recipient: mail.to,
    subject: mail.subject,
    text_body: mail.content.text,
    html_body: mail.content.html,
    headers: JSON.stringify(headers),
    ticket_id: mail.ticketId ?? null,
    status: 'queued',
    attempts: 0,
    next_attempt_at: now,
    claimed_by: null,
    claim_expires_at: null,
    last_error: null,
    created_at: now,
    sent_at: null,
  });
  outbox.mailWasQueued();
  return { id, messageId: headers['Message-ID'] };
}
