// An agent who works a ticket reads and sets its CCs (the requester does not: 403). The list is
// replaced as a whole, without the requester's address or the desk's own (domain/mail/ticketCcs.ts).
import { ccsToAdd } from '../../domain/mail/ticketCcs.js';
import { ticketPolicy, type Viewer } from '../../domain/policies.js';
import {
  listTicketCcs,
  replaceTicketCcs,
  type TicketCcRecord,
} from '../../storage/repositories/tickets/ticketCcs.js';
import { findUserById } from '../../storage/repositories/users.js';
import { commit, type ServiceContext } from '../context.js';
import { loadTicketFor } from './ticketAccess.js';

export async function readTicketCcs(
  ctx: ServiceContext,
  viewer: Viewer,
  ticketId: string,
): Promise<TicketCcRecord[]> {
  const { row } = await loadTicketFor(ctx.store.db, viewer, ticketId, { rule: ticketPolicy.work });
  return listTicketCcs(ctx.store.db, row.id);
}

export function setTicketCcs(
  ctx: ServiceContext,
  props: { viewer: Viewer; ticketId: string; emails: readonly string[] },
): Promise<TicketCcRecord[]> {
  return commit(ctx, async (trx) => {
    const { row } = await loadTicketFor(trx, props.viewer, props.ticketId, {
      rule: ticketPolicy.work,
      lock: ctx.store,
    });
    const requester = await findUserById(trx, row.requester_id);
    const desk = ctx.settings.mail?.replyAddress?.base;
    const emails = ccsToAdd(props.emails, {
      existing: [],
      exclude: requester?.email ? [requester.email] : [],
      own: desk ? [desk] : [],
    });
    await replaceTicketCcs(trx, row.id, emails, ctx.clock.now());
    return listTicketCcs(trx, row.id);
  });
}
