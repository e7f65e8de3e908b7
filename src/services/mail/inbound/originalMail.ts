// An agent reads the mail a ticket message came from, as received: every header, the quoted
// history and signature the thread leaves out, every part. It is the desk's: an agent who may
// see the ticket reads it (ticketPolicy.readOriginalMail); for anyone else, and for a message
// that did not come by mail (or whose original was not kept), there is none (404). The message
// is named through a ticket whose thread shows it: the one holding it, or the one it was
// written on before a merge.
import { notFound } from '../../../domain/errors.js';
import { ticketPolicy, type Viewer } from '../../../domain/policies.js';
import { findOriginalMail } from '../../../storage/repositories/mail/inbound.js';
import { findTicketMessage } from '../../../storage/repositories/tickets/ticketMessages.js';
import type { ServiceContext } from '../../context.js';
import { loadTicketFor } from '../../tickets/ticketAccess.js';

export interface OriginalMail {
  /** The mail's bytes (RFC 822), as the server delivered them. */
  raw: Buffer;
  /** A name to save it under: `ticket-<number>-<message id>.eml`. */
  fileName: string;
}

export async function readOriginalMail(
  ctx: ServiceContext,
  props: { viewer: Viewer; ticketId: string; messageId: string },
): Promise<OriginalMail> {
  const { db } = ctx.store;
  const access = await loadTicketFor(db, props.viewer, props.ticketId);
  if (!ticketPolicy.readOriginalMail(access.viewer, access.facts)) throw notFound('Ticket');
  const message = await findTicketMessage(db, props.messageId);
  const shown =
    message &&
    (message.row.ticket_id === access.row.id || message.row.origin_ticket_id === access.row.id);
  if (!shown) throw notFound('Message');
  const original = await findOriginalMail(db, message.row.id);
  if (!original?.raw) throw notFound('Original mail');
  return {
    raw: Buffer.from(original.raw),
    fileName: `ticket-${access.row.number}-${message.row.id}.eml`,
  };
}
