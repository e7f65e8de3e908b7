// The CCs an imported mail gives its ticket: the addresses it copied (domain/mail/ticketCcs.ts
// leaves out the desk, the requester and the sender), added in the transaction of the message
// it became, so a mail imported again adds nothing twice and a failed import adds nothing.
import { ccsToAdd } from '../../../domain/mail/ticketCcs.js';
import { addTicketCcs, listTicketCcs } from '../../../storage/repositories/tickets/ticketCcs.js';
import { findTicketRow } from '../../../storage/repositories/tickets/tickets.js';
import { findUserById } from '../../../storage/repositories/users.js';
import type { Db } from '../../../storage/store.js';
import type { ServiceContext } from '../../context.js';

export async function addCcsOfMail(
  trx: Db,
  ctx: ServiceContext,
  props: { ticketId: string; cc: readonly string[]; sender: string; own: readonly string[] },
): Promise<void> {
  if (props.cc.length === 0) return;
  const ticket = await findTicketRow(trx, props.ticketId);
  if (!ticket) return;
  const requester = await findUserById(trx, ticket.requester_id);
  const existing = (await listTicketCcs(trx, ticket.id)).map((cc) => cc.email);
  const emails = ccsToAdd(props.cc, {
    existing,
    exclude: [props.sender, ...(requester?.email ? [requester.email] : [])],
    own: props.own,
  });
  await addTicketCcs(trx, ticket.id, emails, ctx.clock.now());
}
