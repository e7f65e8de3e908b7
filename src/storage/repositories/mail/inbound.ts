// Queries on the mail the desk received and sent (mail_messages): whether a mail was seen
// already, the record of an import or of an ignored mail, the ticket a reply's Message-IDs point
// at, a ticket message's original, and the Message-ID of ticket mail we send.
import type { MailMessageRow } from '../../schema.js';
import type { Db } from '../../store.js';

/** The mailbox name of the desk's own mail: what we sent, recorded for threading. */
export const OUTBOUND_MAILBOX = 'outbound';

export type NewMailMessage = Omit<MailMessageRow, 'direction'>;

export const findMailMessage = (
  db: Db,
  mailbox: string,
  messageId: string,
): Promise<Pick<MailMessageRow, 'status' | 'ticket_id'> | undefined> =>
  db
    .selectFrom('mail_messages')
    .select(['status', 'ticket_id'])
    .where('mailbox', '=', mailbox)
    .where('message_id', '=', messageId)
    .executeTakeFirst();

/** Records a mail received; a second record of the same mail fails as a unique violation. */
export async function insertInboundMail(db: Db, row: NewMailMessage): Promise<void> {
  await db
    .insertInto('mail_messages')
    .values({ ...row, direction: 'in' })
    .execute();
}

/**
 * The ticket of the first of `messageIds` (in their order) that is a mail of a ticket, sent or
 * received; null when none is.
 */
export async function ticketOfMessageIds(
  db: Db,
  messageIds: readonly string[],
): Promise<string | null> {
  if (messageIds.length === 0) return null;
  const rows = await db
    .selectFrom('mail_messages')
    .select(['message_id', 'ticket_id'])
    .where('message_id', 'in', messageIds.slice(0, 100))
    .where('ticket_id', 'is not', null)
    .execute();
  const byId = new Map(rows.map((row) => [row.message_id, row.ticket_id]));
  for (const id of messageIds) {
    const ticketId = byId.get(id);
    if (ticketId) return ticketId;
  }
  return null;
}

/** The mail a ticket message was imported from, as received. */
export const findOriginalMail = (
  db: Db,
  ticketMessageId: string,
): Promise<Pick<MailMessageRow, 'raw' | 'size_bytes' | 'received_at'> | undefined> =>
  db
    .selectFrom('mail_messages')
    .select(['raw', 'size_bytes', 'received_at'])
    .where('ticket_message_id', '=', ticketMessageId)
    .where('direction', '=', 'in')
    .executeTakeFirst();

export interface OutboundMessageId {
  /** As in the header, with or without its angle brackets. */
  messageId: string;
  ticketId: string;
  ticketMessageId: string | null;
  /** When it was sent (default: now). */
  at?: number;
}

/**
 * Remembers the Message-ID of a ticket mail we send, in the transaction that queues it, so a
 * reply that answers it (In-Reply-To, References) finds the ticket. Recording it twice is
 * harmless.
 */
export async function recordOutboundMessageId(db: Db, sent: OutboundMessageId): Promise<void> {
  const messageId = sent.messageId.trim().replace(/^<+/, '').replace(/>+$/, '');
  await db
    .insertInto('mail_messages')
    .values({
      mailbox: OUTBOUND_MAILBOX,
      message_id: messageId,
      direction: 'out',
      status: 'sent',
      reason: null,
      ticket_id: sent.ticketId,
      ticket_message_id: sent.ticketMessageId,
      from_address: null,
      subject: '',
      raw: null,
      size_bytes: 0,
      received_at: sent.at ?? Date.now(),
    })
    .onConflict((oc) => oc.columns(['mailbox', 'message_id']).doNothing())
    .execute();
}

/** The id of the ticket numbered `number`, if there is one. */
export async function ticketIdByNumber(db: Db, number: number): Promise<string | null> {
  const row = await db
    .selectFrom('tickets')
    .select('id')
    .where('number', '=', number)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The team of the topic with this slug (null: no such topic, archived, or of no team). */
export async function teamOfTopicSlug(db: Db, slug: string): Promise<string | null> {
  const row = await db
    .selectFrom('topics')
    .select('team_id')
    .where('slug', '=', slug)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  return row?.team_id ?? null;
}
