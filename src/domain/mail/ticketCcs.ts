// Who is copied on a ticket. A mail's Cc addresses become the ticket's CCs, but never the desk
// itself (its addresses, with or without a `+token`), the ticket's requester or the mail's
// sender, and a ticket keeps at most MAX_TICKET_CCS. A CC is reached by mail only: the desk's
// public replies are copied to them and their answers thread onto the ticket as their messages,
// but they do not see the ticket in the portal (unless they are its requester): their mailbox
// is their channel, and a list of addresses proves no one's identity.

import { LIMITS } from '../../shared/vocabulary.js';

/** More than this on one ticket is a mailing list, not people copied. */
export const MAX_TICKET_CCS = LIMITS.ticketCcs;

const local = (address: string) => address.slice(0, address.lastIndexOf('@')).split('+')[0]!;
const domain = (address: string) => address.slice(address.lastIndexOf('@') + 1);

/** Whether `address` is one of the desk's `own` addresses, or one of them with a `+token`. */
export function isDeskAddress(address: string, own: readonly string[]): boolean {
  const candidate = address.toLowerCase();
  return own.some((desk) => {
    const mine = desk.toLowerCase();
    return domain(candidate) === domain(mine) && local(candidate) === local(mine);
  });
}

/**
 * The addresses of `cc` to add to a ticket that has `existing` ones: lowercased, in order, each
 * once, none of `exclude` (the requester's, the sender's) nor the desk's, within the maximum.
 */
export function ccsToAdd(
  cc: readonly string[],
  options: { existing: readonly string[]; exclude: readonly string[]; own: readonly string[] },
): string[] {
  const taken = new Set([...options.existing, ...options.exclude].map((a) => a.toLowerCase()));
  const added: string[] = [];
  for (const raw of cc) {
    const address = raw.trim().toLowerCase();
    if (options.existing.length + added.length >= MAX_TICKET_CCS) break;
    if (!/^[^@\s]+@[^@\s]+$/.test(address) || taken.has(address)) continue;
    if (isDeskAddress(address, options.own)) continue;
    taken.add(address);
    added.push(address);
  }
  return added;
}
