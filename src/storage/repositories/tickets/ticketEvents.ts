// Queries on a ticket's history: the events written with each change (numbered per ticket, in
// the order they were made), a page of them, and the status timeline the SLA clocks count from.
import { z } from 'zod';
import type { StatusChange } from '../../../domain/tickets/slaStatus.js';
import type { TicketStatus } from '../../../shared/vocabulary.js';
import type { TicketEventRow } from '../../schema.js';
import type { Db } from '../../store.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { PersonRecord } from '../people.js';

export interface TicketEventRecord {
  row: TicketEventRow;
  actor: PersonRecord | null;
}

export type NewTicketEvent = Omit<TicketEventRow, 'seq'>;

/**
 * Appends events to their tickets' histories, numbered after each ticket's last one. The caller
 * holds the ticket's row lock (PostgreSQL; SQLite has one writer), so numbers never clash.
 */
export async function insertTicketEvents(db: Db, events: readonly NewTicketEvent[]): Promise<void> {
  if (events.length === 0) return;
  const ticketIds = [...new Set(events.map((e) => e.ticket_id))];
  const last = await db
    .selectFrom('ticket_events')
    .select((eb) => ['ticket_id', eb.fn.max('seq').as('seq')])
    .where('ticket_id', 'in', ticketIds)
    .groupBy('ticket_id')
    .execute();
  const next = new Map(last.map((row) => [row.ticket_id, Number(row.seq)]));
  const rows = events.map((event) => {
    const seq = (next.get(event.ticket_id) ?? 0) + 1;
    next.set(event.ticket_id, seq);
    return { ...event, seq };
  });
  await db.insertInto('ticket_events').values(rows).execute();
}

const EventCursor = z.tuple([z.int().min(0)]);

/** A page of the ticket's history, oldest first. */
export async function listTicketEvents(
  db: Db,
  ticketId: string,
  options: { cursor?: string | undefined; limit: number },
): Promise<{ records: TicketEventRecord[]; nextCursor: string | null }> {
  let query = db
    .selectFrom('ticket_events as e')
    .leftJoin('users as a', 'a.id', 'e.actor_id')
    .selectAll('e')
    .select(['a.name as actor_name', 'a.email as actor_email', 'a.role as actor_role'])
    .where('e.ticket_id', '=', ticketId)
    .orderBy('e.seq')
    .limit(options.limit + 1);
  const after = decodeCursor(options.cursor, EventCursor);
  if (after) query = query.where('e.seq', '>', after[0]);
  const rows = await query.execute();
  const more = rows.length > options.limit;
  if (more) rows.pop();
  const last = rows.at(-1);
  const records = rows.map(({ actor_name, actor_email, actor_role, ...row }) => ({
    row,
    actor:
      row.actor_id && actor_name && actor_role
        ? { id: row.actor_id, name: actor_name, email: actor_email, role: actor_role }
        : null,
  }));
  return { records, nextCursor: more && last ? encodeCursor([last.seq]) : null };
}

/** Every status the ticket took, oldest first, starting with `new` at its creation. */
export async function statusHistory(
  db: Db,
  ticket: { id: string; created_at: number },
): Promise<StatusChange[]> {
  const rows = await db
    .selectFrom('ticket_events')
    .select(['to_value', 'created_at'])
    .where('ticket_id', '=', ticket.id)
    .where('kind', '=', 'status')
    .orderBy('seq')
    .execute();
  return [
    { status: 'new', at: new Date(ticket.created_at) },
    ...rows.map((row) => ({
      status: JSON.parse(row.to_value ?? '"new"') as TicketStatus,
      at: new Date(row.created_at),
    })),
  ];
}

/** The SLA alerts recorded on the ticket: kind, target (field) and due time (to_value, JSON). */
export function slaAlertEvents(
  db: Db,
  ticketId: string,
): Promise<Array<Pick<TicketEventRow, 'kind' | 'field' | 'to_value'>>> {
  return db
    .selectFrom('ticket_events')
    .select(['kind', 'field', 'to_value'])
    .where('ticket_id', '=', ticketId)
    .where('kind', 'in', ['sla_warning', 'sla_breach'])
    .execute();
}
