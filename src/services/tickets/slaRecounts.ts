// Due times counted again after an admin edits an SLA policy or a business calendar: the edit
// only records which tickets are owed a recount (`sla_recounts`, in its own transaction, so it is
// never lost and never waits on a backlog); the node holding the housekeeping lease works them
// off in batches (services/jobs/housekeeping.ts), each ticket in a transaction of its own under
// its row lock, as any other change of it. A second edit meanwhile starts its set over.
import {
  advanceSlaRecount,
  markSlaRecount,
  slaRecountsOwed,
  ticketsToRecount,
} from '../../storage/repositories/tickets/slaRecounts.js';
import { findTicketRow } from '../../storage/repositories/tickets/tickets.js';
import type { Db } from '../../storage/store.js';
import { commit, type ServiceContext } from '../context.js';
import { announceTicketUpdated } from './ticketChanges.js';
import { refreshSla } from './ticketSla.js';

/** Tickets counted again per housekeeping run at most: a big backlog takes several runs. */
const BATCH = 500;

/** Owes a recount of the open tickets under each of `policyIds` (null: under none). */
export async function owedSlaRecounts(
  db: Db,
  ctx: ServiceContext,
  policyIds: ReadonlyArray<string | null>,
): Promise<void> {
  for (const policyId of new Set(policyIds)) {
    await markSlaRecount(db, ctx.ids.next(), policyId, ctx.clock.now());
  }
}

/** Counts the SLA of up to `limit` owed tickets again; returns how many it looked at. */
export async function recountSla(ctx: ServiceContext, limit = BATCH): Promise<number> {
  let counted = 0;
  for (const recount of await slaRecountsOwed(ctx.store.db, 20)) {
    if (counted >= limit) break;
    const want = limit - counted;
    const ids = await ticketsToRecount(ctx.store.db, recount, want);
    for (const id of ids) {
      await commit(ctx, async (trx, outbox) => {
        const row = await findTicketRow(trx, id, ctx.store);
        if (!row) return;
        const after = await refreshSla(trx, row, ctx.clock.now());
        if (after !== row) announceTicketUpdated(outbox, after, ['sla']);
      });
    }
    counted += ids.length;
    await advanceSlaRecount(ctx.store.db, recount.id, ids.length < want ? null : ids.at(-1)!);
  }
  return counted;
}
