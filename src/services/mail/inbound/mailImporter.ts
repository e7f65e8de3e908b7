// One incoming mail, imported once: recorded and ignored when it is noise (with the reason), or
// made the sender's message in a ticket, a reply to the one it answers or a new ticket (channel
// `email`). The mail's own row and the message it became are one transaction, and the row's key
// (mailbox and Message-ID) is unique, so a mail fetched again after a crash, or by a second
// importer, is a duplicate and nothing more. Its attachments are stored first, as files of no
// owner (mailAttachments.ts), and the transaction gives them to the message: the mail is marked
// processed on the server only after both are committed, and what a crash or a failed import
// leaves of them the housekeeping sweep removes.
import { ticketPolicy, type Viewer } from '../../../domain/policies.js';
import { classifyMail, type IgnoreReason } from '../../../domain/mail/mailClassification.js';
import { droppedAttachmentsNotice } from '../../../domain/mail/mailAttachments.js';
import { replyText } from '../../../domain/mail/quotedText.js';
import {
  joinsTicket,
  messageIdOf,
  threadKeys,
  type ThreadedBy,
} from '../../../domain/mail/threading.js';
import { LIMITS } from '../../../shared/vocabulary.js';
import { attachToTicketMessage } from '../../../storage/repositories/files.js';
import { hit } from '../../../storage/repositories/rateLimits.js';
import {
  findMailMessage,
  insertInboundMail,
  teamOfTopicSlug,
  ticketIdByNumber,
  ticketOfMessageIds,
} from '../../../storage/repositories/mail/inbound.js';
import { findDefaultTopic } from '../../../storage/repositories/topics.js';
import { isTicketCc } from '../../../storage/repositories/tickets/ticketCcs.js';
import { findTicketRow } from '../../../storage/repositories/tickets/tickets.js';
import type { TicketMessageRow, TicketRow, UserRow } from '../../../storage/schema.js';
import { isUniqueViolation, type Db } from '../../../storage/store.js';
import { commit, type Outbox, type ServiceContext } from '../../context.js';
import { factsOf, viewerFor } from '../../tickets/ticketAccess.js';
import { replyWithin } from '../../tickets/ticketReplier.js';
import { openTicket, writeTicketMessages } from '../../tickets/ticketWrites.js';
import { mailNewTicket } from '../ticketMail/ticketMailTriggers.js';
import { readIncomingMail, type IncomingMail } from './incomingMail.js';
import {
  discardAttachments,
  storeMailAttachments,
  type StoredAttachments,
} from './mailAttachments.js';
import { addCcsOfMail } from './mailCcs.js';
import { noticeAnswerOf } from './noticeAnswer.js';
import { senderAccount } from './senderAccount.js';

export interface InboundMailSettings {
  /** The desk's addresses, and the topic whose team gets each one's new tickets. */
  addresses: ReadonlyArray<{ address: string; topicSlug: string | null }>;
  /** Signs reply addresses; null: none are accepted. */
  replySecret: string | null;
  perSenderPerHour: number;
}

export type ImportOutcome =
  | { status: 'processed'; ticketId: string; ticketMessageId: string; created: boolean }
  | { status: 'ignored'; reason: IgnoreReason }
  | { status: 'duplicate' };

export interface MailToImport {
  /** Where it came from (`imap:<user>@<host>/<folder>`, `smtp`): the key's first half. */
  mailbox: string;
  raw: Buffer;
}

const HOUR_MS = 3_600_000;

export async function importMail(
  ctx: ServiceContext,
  settings: InboundMailSettings,
  { mailbox, raw }: MailToImport,
): Promise<ImportOutcome> {
  const mail = await readIncomingMail(raw);
  const messageId = mail?.messageId ?? messageIdOf(null, raw);
  if (await findMailMessage(ctx.store.db, mailbox, messageId)) return { status: 'duplicate' };
  const record = { mailbox, messageId, raw };
  if (!mail) return ignore(ctx, record, null, 'unreadable');
  const own = settings.addresses.map((entry) => entry.address);
  const classified = classifyMail(mail.facts, own);
  if (!classified.accept) return ignore(ctx, record, mail, classified.reason);
  const sender = await senderAccount(ctx, mail.from!, mail.fromName);
  if (!sender || sender.is_active !== 1) return ignore(ctx, record, mail, 'disabled_sender');
  const viewer: Viewer = { id: sender.id, role: sender.role };
  const attachments = await storeMailAttachments(ctx, viewer, mail.attachments);
  let outcome: ImportOutcome;
  try {
    outcome = await commit(ctx, async (trx, outbox) => {
      const now = ctx.clock.now();
      const sent = await hit(trx, `mail-from:${sender.id}`, now, HOUR_MS);
      if (sent.count > settings.perSenderPerHour) {
        await insertInboundMail(trx, row(ctx, record, mail, { reason: 'rate_limited' }));
        return { status: 'ignored', reason: 'rate_limited' } as const;
      }
      const body = messageBody(mail, attachments);
      const desk = { addresses: own, secret: settings.replySecret };
      const noticed = await noticeAnswerOf(trx, desk, mail, viewer);
      if (noticed === 'refused') {
        await insertInboundMail(trx, row(ctx, record, mail, { reason: 'notice_answer_refused' }));
        return { status: 'ignored', reason: 'notice_answer_refused' } as const;
      }
      const threaded = noticed
        ? { ...noticed, asCc: false, note: true }
        : await ticketOf(trx, settings, mail, viewer);
      let ticketId: string;
      let messageId: string;
      let opened: NewTicketByMail | null = null;
      if (threaded) {
        const reply = await replyWithin(trx, outbox, ctx, {
          viewer,
          ticketId: threaded.ticketId,
          // An agent's answer to a notice is a note, never public.
          kind: 'note' in threaded ? 'note' : 'reply',
          body,
          ...(threaded.asCc ? { asCc: true } : {}),
        });
        ticketId = reply.message.row.ticket_id;
        messageId = reply.message.row.id;
      } else {
        opened = await newTicket(trx, outbox, ctx, settings, mail, sender, body);
        ticketId = opened.ticket.id;
        messageId = opened.first.id;
      }
      await giveFiles(trx, ctx, attachments, ticketId, messageId);
      // A note copies no one: its Cc line is the agent's business.
      if (!threaded || !('note' in threaded)) {
        await addCcsOfMail(trx, ctx, { ticketId, cc: mail.cc, sender: sender.email ?? '', own });
      }
      await insertInboundMail(
        trx,
        row(ctx, record, mail, { ticketId, ticketMessageId: messageId }),
      );
      // After the mail's own row, so the acknowledgment answers it (In-Reply-To).
      if (opened) {
        await mailNewTicket(trx, ctx, outbox, {
          ticket: opened.ticket,
          actor: { id: sender.id, name: sender.name },
          requesterName: sender.name,
          firstMessage: opened.first,
        });
      }
      return { status: 'processed', ticketId, ticketMessageId: messageId, created: !threaded };
    });
  } catch (error) {
    await discardAttachments(ctx, attachments.kept);
    // Another importer committed this mail first.
    if (isUniqueViolation(error)) return { status: 'duplicate' };
    throw error;
  }
  if (outcome.status !== 'processed') await discardAttachments(ctx, attachments.kept);
  return outcome;
}

/** The mail's stored attachments to its message; throws (rolling back) if one was swept. */
async function giveFiles(
  trx: Db,
  ctx: ServiceContext,
  { kept }: StoredAttachments,
  ticketId: string,
  messageId: string,
): Promise<void> {
  const ids = kept.map((file) => file.id);
  const taken = await attachToTicketMessage(trx, ids, { ticketId, messageId }, ctx.clock.now());
  if (taken !== ids.length) throw new Error('an attachment of the mail was removed meanwhile');
}

interface MailRecord {
  mailbox: string;
  messageId: string;
  raw: Buffer;
}

async function ignore(
  ctx: ServiceContext,
  record: MailRecord,
  mail: IncomingMail | null,
  reason: IgnoreReason,
): Promise<ImportOutcome> {
  try {
    await insertInboundMail(ctx.store.db, row(ctx, record, mail, { reason }));
  } catch (error) {
    if (isUniqueViolation(error)) return { status: 'duplicate' };
    throw error;
  }
  return { status: 'ignored', reason };
}

function row(
  ctx: ServiceContext,
  record: MailRecord,
  mail: IncomingMail | null,
  outcome: { reason: IgnoreReason } | { ticketId: string; ticketMessageId: string },
) {
  const ignored = 'reason' in outcome;
  return {
    mailbox: record.mailbox,
    message_id: record.messageId,
    status: ignored ? ('ignored' as const) : ('processed' as const),
    reason: ignored ? outcome.reason : null,
    ticket_id: ignored ? null : outcome.ticketId,
    ticket_message_id: ignored ? null : outcome.ticketMessageId,
    from_address: mail?.from?.slice(0, LIMITS.email) ?? null,
    subject: (mail?.subject ?? '').slice(0, LIMITS.subject),
    raw: record.raw,
    size_bytes: record.raw.length,
    received_at: ctx.clock.now(),
  };
}

/**
 * The ticket the mail joins: the first that a key leads to and whose rule lets the sender in
 * (domain/mail/threading.ts#joinsTicket), and whether as one of its CCs; null for a new one.
 */
async function ticketOf(
  trx: Db,
  settings: InboundMailSettings,
  mail: IncomingMail,
  viewer: Viewer,
): Promise<{ ticketId: string; asCc: boolean } | null> {
  const keys = threadKeys(mail, {
    addresses: settings.addresses.map((entry) => entry.address),
    secret: settings.replySecret,
  });
  const candidates: Array<{ by: ThreadedBy; ticketId: () => Promise<string | null> }> = [
    ...keys.replyTokens.map((number) => ({
      by: 'reply_token' as const,
      ticketId: () => ticketIdByNumber(trx, number),
    })),
    { by: 'references', ticketId: () => ticketOfMessageIds(trx, keys.answers) },
    ...(keys.subjectTag === null
      ? []
      : [{ by: 'subject_tag' as const, ticketId: () => ticketIdByNumber(trx, keys.subjectTag!) }]),
  ];
  for (const candidate of candidates) {
    const id = await candidate.ticketId();
    const ticket = id ? await findTicketRow(trx, id) : undefined;
    if (!ticket) continue;
    const facts = factsOf(ticket);
    const standing = {
      isRequester: ticket.requester_id === viewer.id,
      worksTicket: ticketPolicy.work(await viewerFor(trx, viewer, facts), facts),
      isCc: mail.from !== null && (await isTicketCc(trx, ticket.id, mail.from)),
    };
    if (joinsTicket(candidate.by, standing)) {
      return { ticketId: ticket.id, asCc: !standing.isRequester && !standing.worksTicket };
    }
  }
  return null;
}

interface NewTicketByMail {
  ticket: TicketRow;
  first: TicketMessageRow;
}

/** A new ticket of the sender's, under the team of the address it was sent to. */
async function newTicket(
  trx: Db,
  outbox: Outbox,
  ctx: ServiceContext,
  settings: InboundMailSettings,
  mail: IncomingMail,
  sender: UserRow,
  body: string,
): Promise<NewTicketByMail> {
  const addressed = settings.addresses.find(
    (entry) => entry.topicSlug !== null && mail.recipients.includes(entry.address),
  );
  const teamId = addressed
    ? await teamOfTopicSlug(trx, addressed.topicSlug!)
    : ((await findDefaultTopic(trx))?.team_id ?? null);
  const ticket = await openTicket(trx, ctx, outbox, {
    requesterId: sender.id,
    subject: (mail.subject || '(no subject)').slice(0, LIMITS.subject),
    priority: 'medium',
    teamId,
    assignee: null,
    channel: 'email',
    tags: [],
    // Required custom fields are the desk's to fill in: a mail cannot answer them.
    fields: [],
    followUpOf: null,
    actorId: sender.id,
  });
  const author = { id: sender.id, name: sender.name, email: sender.email, role: sender.role };
  const [message] = await writeTicketMessages(trx, ctx, outbox, ticket, [
    { author, kind: 'reply', body },
  ]);
  return { ticket, first: message!.row };
}

/**
 * The thread's text: the reply without its history, a word of attachments not kept, within the
 * limit.
 */
function messageBody(mail: IncomingMail, { kept, dropped }: StoredAttachments): string {
  let body = replyText(mail.text).body;
  // A mail of files alone is a message of files alone, as a reply sent with files only is.
  if (body === '' && kept.length === 0) body = '(This mail has no text.)';
  // Short (ten names at most): it always fits, and is never the part cut.
  const notice = droppedAttachmentsNotice(dropped);
  const cut = '\n\n[Cut here: the original mail has the rest.]';
  const room = LIMITS.ticketMessage - notice.length - 2;
  if (body.length > room) body = body.slice(0, room - cut.length) + cut;
  return [body, notice].filter((part) => part !== '').join('\n\n');
}
