// An agent merges a duplicate ticket (the source) into another (the target): the source's thread
// moves to the target (each message remembers where it was written, so the source still shows
// its own), the source is closed with merged_into set, both histories record it, and the
// requester who opens the source is led to the target, and told so by mail. The rules are domain/tickets/ticketMerge.ts.
import { notFound } from '../../domain/errors.js';
import { ticketPolicy, type Viewer } from '../../domain/policies.js';
import { planMerge, type MergeableTicket } from '../../domain/tickets/ticketMerge.js';
import type { TicketRow } from '../../storage/schema.js';
import { insertTicketEvents } from '../../storage/repositories/tickets/ticketEvents.js';
import { moveThread } from '../../storage/repositories/tickets/ticketMessages.js';
import {
  findTicketRecord,
  type TicketRecord,
} from '../../storage/repositories/tickets/ticketRecords.js';
import { findTicketRow } from '../../storage/repositories/tickets/tickets.js';
import type { Db, Store } from '../../storage/store.js';
import { commit, type ServiceContext } from '../context.js';
import { mailTicketMerged } from '../mail/ticketMail/requesterMails.js';
import { loadTicketFor } from './ticketAccess.js';
import { announceTicketUpdated, eventRows } from './ticketChanges.js';
import { refreshSla } from './ticketSla.js';
import { movedStatus, saveTicket } from './ticketWrites.js';

export interface MergeTicketProps {
  viewer: Viewer;
  sourceId: string;
  targetId: string;
}

const mergeable = (row: TicketRow): MergeableTicket => ({
  id: row.id,
  number: row.number,
  status: row.status,
  mergedInto: row.merged_into,
  requesterId: row.requester_id,
});

/** The target's chain of merged tickets, loaded (and locked) link by link. */
async function chainFrom(db: Db, store: Store, start: TicketRow): Promise<Map<string, TicketRow>> {
  const rows = new Map([[start.id, start]]);
  let current = start;
  while (current.merged_into && !rows.has(current.merged_into)) {
    const next = await findTicketRow(db, current.merged_into, store);
    if (!next) break;
    rows.set(next.id, next);
    current = next;
  }
  return rows;
}

/** Returns the ticket the source landed in (the end of the target's chain). */
export function mergeTicket(ctx: ServiceContext, props: MergeTicketProps): Promise<TicketRecord> {
  const { viewer } = props;
  return commit(ctx, async (trx, outbox) => {
    const work = { rule: ticketPolicy.work, lock: ctx.store };
    // Locked in id order, so two merges of the same pair cannot deadlock.
    const [firstId, secondId] = [props.sourceId, props.targetId].sort();
    const first = await loadTicketFor(trx, viewer, firstId!, work);
    const second = firstId === secondId ? first : await loadTicketFor(trx, viewer, secondId!, work);
    const source = first.row.id === props.sourceId ? first.row : second.row;
    const target = first.row.id === props.sourceId ? second.row : first.row;
    const chain = await chainFrom(trx, ctx.store, target);
    const lookup = (id: string) => {
      const row = chain.get(id) ?? (id === source.id ? source : undefined);
      return row && mergeable(row);
    };
    const plan = planMerge(mergeable(source), mergeable(target), lookup);
    // The end of a chain may be a ticket the viewer cannot work: then, to them, it is not there.
    const final = plan.targetId === target.id ? target : chain.get(plan.targetId);
    if (!final) throw notFound('Ticket');
    if (final !== target) await loadTicketFor(trx, viewer, final.id, work);
    const now = ctx.clock.now();
    await moveThread(trx, source.id, final.id);
    const closed = movedStatus(source, plan.source.status, now);
    let merged: TicketRow = { ...closed.row, merged_into: final.id, updated_at: now };
    let into: TicketRow = { ...final, updated_at: now };
    await saveTicket(trx, source, merged);
    await saveTicket(trx, final, into);
    const ref = (row: TicketRow) => ({ id: row.id, number: row.number });
    await insertTicketEvents(trx, [
      ...eventRows(
        ctx,
        source.id,
        viewer.id,
        [...(closed.change ? [closed.change] : []), { kind: 'merged_into', to: ref(final) }],
        now,
      ),
      ...eventRows(ctx, final.id, viewer.id, [{ kind: 'merged_from', to: ref(source) }], now),
    ]);
    merged = await refreshSla(trx, merged, now);
    into = await refreshSla(trx, into, now);
    await mailTicketMerged(trx, ctx, outbox, { source: merged, target: into, actorId: viewer.id });
    announceTicketUpdated(outbox, merged, ['status', 'merged']);
    announceTicketUpdated(outbox, into, ['merged']);
    return (await findTicketRecord(trx, final.id))!;
  });
}
