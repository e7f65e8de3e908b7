// Solved tickets close by themselves TICKET_AUTO_CLOSE_DAYS after they were solved (4 by
// default; domain/tickets/ticketAutoClose.ts). The housekeeping sweep runs this on the node that
// holds its lease; even so it is safe on several nodes at once: a ticket closes by a conditional
// update (still solved, and solved long enough ago), so it closes once, and its history and
// frames are written only by the transaction that closed it.
import { autoCloseCutoff, isDueForAutoClose } from '../../domain/tickets/ticketAutoClose.js';
import { nextTicketStatus } from '../../domain/tickets/ticketWorkflow.js';
import { insertTicketEvents } from '../../storage/repositories/tickets/ticketEvents.js';
import {
  closeIfStillSolved,
  findTicketRow,
  solvedBefore,
} from '../../storage/repositories/tickets/tickets.js';
import { commit, type ServiceContext } from '../context.js';
import { announceTicketUpdated, eventRows } from './ticketChanges.js';

/** How many tickets one sweep closes at most; the next sweep takes the rest. */
const SWEEP_LIMIT = 200;

/** Closes every solved ticket that is due; returns the ids it closed. */
export async function closeSolvedTickets(ctx: ServiceContext): Promise<string[]> {
  const days = ctx.settings.ticketAutoCloseDays;
  const now = ctx.clock.now();
  const cutoff = autoCloseCutoff(new Date(now), days).getTime();
  const candidates = await solvedBefore(ctx.store.db, cutoff, SWEEP_LIMIT);
  const closed: string[] = [];
  for (const id of candidates) {
    const done = await commit(ctx, async (trx, outbox) => {
      const row = await findTicketRow(trx, id, ctx.store);
      const solvedAt = row && row.solved_at !== null ? new Date(row.solved_at) : null;
      if (!row || !isDueForAutoClose({ status: row.status, solvedAt }, new Date(now), days)) {
        return false;
      }
      const status = nextTicketStatus(row.status, { type: 'autoClose' });
      if (status !== 'closed' || !(await closeIfStillSolved(trx, id, cutoff, now))) return false;
      await insertTicketEvents(
        trx,
        eventRows(ctx, id, null, [{ kind: 'status', from: row.status, to: status }], now),
      );
      announceTicketUpdated(outbox, { ...row, status, closed_at: now }, ['status']);
      return true;
    });
    if (done) closed.push(id);
  }
  return closed;
}
