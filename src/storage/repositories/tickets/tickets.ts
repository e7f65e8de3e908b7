// Queries on the ticket row: the next number, the row (locked when it is to change), inserts and
// conditional updates, and what hangs off it directly (tags, chat links).
import type { TicketRow, TicketUpdate } from '../../schema.js';
import type { Db, Store } from '../../store.js';

/** The next ticket number: gapless and never handed out twice (the counter row is locked until commit). */
export async function nextTicketNumber(db: Db): Promise<number> {
  const row = await db
    .insertInto('counters')
    .values({ name: 'tickets', value: 1 })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })),
    )
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/** The ticket's row; with `lock`, locked (PostgreSQL) for the rest of the transaction. */
export function findTicketRow(db: Db, id: string, lock?: Store): Promise<TicketRow | undefined> {
  const query = db.selectFrom('tickets').selectAll().where('id', '=', id);
  return (lock ? lock.forUpdate(query) : query).executeTakeFirst();
}

export async function findTicketRows(db: Db, ids: readonly string[]): Promise<TicketRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('tickets')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

export async function insertTicket(db: Db, row: TicketRow): Promise<void> {
  await db.insertInto('tickets').values(row).execute();
}

export async function updateTicket(db: Db, id: string, changes: TicketUpdate): Promise<void> {
  await db.updateTable('tickets').set(changes).where('id', '=', id).execute();
}

/** Solved tickets solved at or before `cutoff`, the longest solved first. */
export async function solvedBefore(db: Db, cutoff: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('tickets')
    .select('id')
    .where('status', '=', 'solved')
    .where('solved_at', '<=', cutoff)
    .orderBy('solved_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** Closes the ticket only if it is still solved since `cutoff` or before: true when it did. */
export async function closeIfStillSolved(
  db: Db,
  id: string,
  cutoff: number,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('tickets')
    .set({ status: 'closed', closed_at: now, next_due_at: null, sla_check_at: null })
    .where('id', '=', id)
    .where('status', '=', 'solved')
    .where('solved_at', '<=', cutoff)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function replaceTicketTags(
  db: Db,
  ticketId: string,
  tags: readonly string[],
  now: number,
): Promise<void> {
  await db.deleteFrom('ticket_tags').where('ticket_id', '=', ticketId).execute();
  if (tags.length === 0) return;
  await db
    .insertInto('ticket_tags')
    .values(tags.map((tag) => ({ ticket_id: ticketId, tag, created_at: now })))
    .execute();
}

export async function tagsByTicket(
  db: Db,
  ticketIds: readonly string[],
): Promise<Map<string, string[]>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('ticket_tags')
    .select(['ticket_id', 'tag'])
    .where('ticket_id', 'in', [...ticketIds])
    .orderBy('tag')
    .execute();
  return groupByTicket(rows, (row) => row.tag);
}

/** The rows' values by their ticket, in the rows' order. */
function groupByTicket<R extends { ticket_id: string }>(
  rows: readonly R[],
  value: (row: R) => string,
): Map<string, string[]> {
  const byTicket = new Map<string, string[]>();
  for (const row of rows) {
    const values = byTicket.get(row.ticket_id);
    if (values) values.push(value(row));
    else byTicket.set(row.ticket_id, [value(row)]);
  }
  return byTicket;
}

/** Links the chat to the ticket both ways: the link row, and the chat's ticket_id. */
export async function linkChat(
  db: Db,
  link: { ticketId: string; sessionId: string; by: string | null; now: number },
): Promise<void> {
  await db
    .insertInto('ticket_chat_links')
    .values({
      ticket_id: link.ticketId,
      session_id: link.sessionId,
      created_by: link.by,
      created_at: link.now,
    })
    .execute();
  await db
    .updateTable('chat_sessions')
    .set({ ticket_id: link.ticketId })
    .where('id', '=', link.sessionId)
    .execute();
}

export async function chatIdsByTicket(
  db: Db,
  ticketIds: readonly string[],
): Promise<Map<string, string[]>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('ticket_chat_links')
    .select(['ticket_id', 'session_id'])
    .where('ticket_id', 'in', [...ticketIds])
    .orderBy('created_at')
    .execute();
  return groupByTicket(rows, (row) => row.session_id);
}

/** Tickets the SLA sweep must look at by `now`, the longest waiting first: an index range. */
export async function slaChecksDue(db: Db, now: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('tickets')
    .select('id')
    .where('sla_check_at', 'is not', null)
    .where('sla_check_at', '<=', now)
    .orderBy('sla_check_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}
