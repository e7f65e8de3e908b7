// How an incoming mail finds its ticket, in order of trust: the signed reply address it was sent
// to, then the Message-IDs it answers (`In-Reply-To`, `References`) matched against the mail the
// desk sent or received on a ticket, then a `[#1042]` subject tag. A mail that matches none
// starts a new ticket. The lookups are storage's; the keys and the rule of who may post where
// are here.
import { createHash } from 'node:crypto';
import { parseSubjectTag } from '../tickets/ticketNumber.js';
import { parseReplyAddress } from './replyAddress.js';

/** A Message-ID longer than this is no real one (the header limit is 998 characters). */
const MAX_MESSAGE_ID = 250;

/** `<abc@host>` → `abc@host`; null when there is nothing usable. */
export function normalizeMessageId(value: string | null | undefined): string | null {
  if (!value) return null;
  const id = value.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
  if (id === '' || id.length > MAX_MESSAGE_ID || /\s/.test(id)) return null;
  return id;
}

/** Every `<…>` of a References or In-Reply-To header, in the order written. */
export function messageIdList(value: string | readonly string[] | null | undefined): string[] {
  const text = typeof value === 'string' ? value : (value ?? []).join(' ');
  const ids: string[] = [];
  for (const match of text.matchAll(/<([^<>\s]+)>/g)) {
    const id = normalizeMessageId(match[1]);
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/**
 * The mail's Message-ID, or one made from a hash of its raw bytes when it has none: the same
 * mail fetched again gets the same one, so it is still imported once.
 */
export function messageIdOf(header: string | null | undefined, raw: Uint8Array): string {
  return (
    normalizeMessageId(header) ??
    `${createHash('sha256').update(raw).digest('hex').slice(0, 40)}@no-message-id.switchboard.invalid`
  );
}

export interface ThreadKeys {
  /** Ticket numbers of signed reply addresses among the recipients. */
  replyTokens: number[];
  /** Ticket numbers of signed note addresses (an agent's notice's) among the recipients. */
  noteTokens: number[];
  /** The Message-IDs it answers, the most recent first (In-Reply-To, then References backwards). */
  answers: string[];
  /** The number of the subject's `[#1042]`, if any. */
  subjectTag: number | null;
}

export interface AddressedMail {
  recipients: readonly string[];
  inReplyTo: readonly string[];
  references: readonly string[];
  subject: string;
}

/** What the mail carries that may lead to a ticket; `desk` and `secret` sign reply addresses. */
export function threadKeys(
  mail: AddressedMail,
  desk: { addresses: readonly string[]; secret: string | null },
): ThreadKeys {
  const replyTokens: number[] = [];
  const noteTokens: number[] = [];
  if (desk.secret) {
    for (const recipient of mail.recipients) {
      for (const address of desk.addresses) {
        const number = parseReplyAddress(recipient, address, desk.secret);
        if (number !== null && !replyTokens.includes(number)) replyTokens.push(number);
        const note = parseReplyAddress(recipient, address, desk.secret, 'note');
        if (note !== null && !noteTokens.includes(note)) noteTokens.push(note);
      }
    }
  }
  const answers = [...mail.inReplyTo];
  for (const id of [...mail.references].reverse()) if (!answers.includes(id)) answers.push(id);
  return { replyTokens, noteTokens, answers, subjectTag: parseSubjectTag(mail.subject) };
}

/** How a mail was matched to a ticket. */
export type ThreadedBy = 'reply_token' | 'references' | 'subject_tag';

/** What the rule knows of the sender against the ticket found. */
export interface SenderStanding {
  /** The sender is the ticket's requester. */
  isRequester: boolean;
  /** The sender is an agent who works the ticket (ticketPolicy.work). */
  worksTicket: boolean;
  /** The sender's address is one of the ticket's CCs (domain/mail/ticketCcs.ts). */
  isCc: boolean;
}

/**
 * Whether the sender's mail joins the ticket it was matched to. A From address proves little
 * (anyone can write any), so what it may do depends on what else the mail shows:
 * - a signed reply address or a Message-ID of the ticket's mail was only ever mailed to its
 *   people: the requester's mail joins as their reply, an agent's who works it as the desk's, a
 *   CC's as theirs (a public message; the desk's replies were copied to them);
 * - a subject tag anyone can write (numbers are sequential), so it threads only the requester's
 *   own mail, where a forged From posts as the requester into their own ticket and no further.
 * Anyone else's mail becomes a new ticket of theirs: a stranger's, or a copied person's who is
 * not (or no longer) a CC of the ticket.
 */
export function joinsTicket(by: ThreadedBy, sender: SenderStanding): boolean {
  if (sender.isRequester) return true;
  return by !== 'subject_tag' && (sender.worksTicket || sender.isCc);
}
