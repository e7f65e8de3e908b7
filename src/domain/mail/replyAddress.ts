// The reply address that carries a ticket: `helpdesk+1042.5f0c9a1e7b2d4c88@uni.example`. A mail
// client answers to it, so a reply finds its ticket even when the subject lost its `[#1042]` and
// the references were cut. The ticket's number is signed (HMAC with the deployment's secret):
// anyone can read a number off a subject, but nobody can make the address of a ticket they were
// never mailed about. An agent's notice carries a second kind, `helpdesk+note1042.<sig>@…`,
// signed for another purpose: what an agent answers to it becomes an internal note, never a
// public reply, and neither token can be turned into the other.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { MAX_TICKET_NUMBER } from '../tickets/ticketNumber.js';

/** Hex digits of the signature: 64 bits, beyond guessing one mail at a time. */
const MAC_LENGTH = 16;

/** What an answer to the address becomes: a reply (the requester's mail), a note (a notice's). */
export type ReplyPurpose = 'reply' | 'note';

const PREFIX: Record<ReplyPurpose, string> = { reply: '', note: 'note' };

function mac(secret: string, ticketNumber: number, purpose: ReplyPurpose = 'reply'): string {
  return createHmac('sha256', secret)
    .update(`ticket-${purpose}:${ticketNumber}`)
    .digest('hex')
    .slice(0, MAC_LENGTH);
}

function split(address: string): { local: string; domain: string } | null {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return null;
  return { local: address.slice(0, at), domain: address.slice(at + 1).toLowerCase() };
}

/**
 * The desk's address `base` (`helpdesk@uni.example`) with the ticket's token after a `+`
 * (sub-addressing, which Dovecot, Postfix, Exchange, Gmail and Microsoft 365 deliver to `base`).
 */
export function replyAddressFor(
  base: string,
  ticketNumber: number,
  secret: string,
  purpose: ReplyPurpose = 'reply',
): string {
  const parts = split(base);
  if (!parts) throw new RangeError(`Not an address: ${base}`);
  if (!Number.isInteger(ticketNumber) || ticketNumber < 1 || ticketNumber > MAX_TICKET_NUMBER) {
    throw new RangeError(`Not a ticket number: ${ticketNumber}`);
  }
  const local = parts.local.split('+')[0]!;
  const token = `${PREFIX[purpose]}${ticketNumber}.${mac(secret, ticketNumber, purpose)}`;
  return `${local}+${token}@${parts.domain}`;
}

/**
 * The ticket number `address` carries when it is `base` with a token signed by `secret`; null
 * for any other address, a forged or damaged token, or another desk's. Letters may come back in
 * either case (some servers change them).
 */
export function parseReplyAddress(
  address: string,
  base: string,
  secret: string,
  purpose: ReplyPurpose = 'reply',
): number | null {
  const parts = split(address.trim());
  const desk = split(base);
  if (!parts || !desk || parts.domain !== desk.domain) return null;
  const deskLocal = desk.local.split('+')[0]!.toLowerCase();
  const match = /^([^+]+)\+([a-z]*)([1-9]\d{0,11})\.([0-9a-f]+)$/i.exec(parts.local);
  if (!match || match[1]!.toLowerCase() !== deskLocal) return null;
  if (match[2]!.toLowerCase() !== PREFIX[purpose]) return null;
  const ticketNumber = Number(match[3]);
  const given = Buffer.from(match[4]!.toLowerCase());
  const expected = Buffer.from(mac(secret, ticketNumber, purpose));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return ticketNumber;
}
