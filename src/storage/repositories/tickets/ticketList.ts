// The ticket lists (the agents' inbox, a requester's "my requests"): filters, five sorts with
// their cursors, and visibility applied in SQL by visibleTo, the query form of ticketPolicy.view.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { z } from 'zod';
import { AGENT_ONLY_TICKET_MESSAGE_KINDS } from '../../../domain/eventVisibility.js';
import { isAgent, isSuperAdmin, type Viewer } from '../../../domain/policies.js';
import { Id } from '../../../shared/api.js';
import type { Priority, TicketStatus } from '../../../shared/vocabulary.js';
import type { Database, TicketRow } from '../../schema.js';
import type { Db } from '../../store.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { ticketRecords, type TicketRecord } from './ticketRecords.js';

type TicketsEb = ExpressionBuilder<Database & { t: Database['tickets'] }, 't'>;

/**
 * What `viewer` may see, as a condition: the query form of ticketPolicy.view. The teams an agent
 * belongs to (not archived) are read in the query itself, so the viewer need not carry them.
 */
export function visibleTo(eb: TicketsEb, viewer: Viewer): Expression<SqlBool> {
  if (isSuperAdmin(viewer)) return sql<SqlBool>`1 = 1`;
  if (!isAgent(viewer)) return eb('t.requester_id', '=', viewer.id);
  return eb.or([
    eb('t.team_id', 'is', null),
    eb(
      't.team_id',
      'in',
      eb
        .selectFrom('team_members as tm')
        .innerJoin('teams as tt', 'tt.id', 'tm.team_id')
        .select('tm.team_id')
        .where('tm.agent_id', '=', viewer.id)
        .where('tt.archived_at', 'is', null),
    ),
    eb('t.assignee_id', '=', viewer.id),
    eb('t.requester_id', '=', viewer.id),
  ]);
}

/**
 * Whether a message of `kind` on the ticket `t` may be read by `viewer` (who sees `t` by
 * visibleTo): the query form of hiddenTicketMessageKinds. Notes are for whoever works the ticket
 * (ticketPolicy.readNotes), which, among those who see it, is any agent but its requester.
 */
export function readableKind(
  eb: TicketsEb,
  viewer: Viewer,
  kind: Expression<string>,
): Expression<SqlBool> {
  const hidden = [...AGENT_ONLY_TICKET_MESSAGE_KINDS];
  if (!isAgent(viewer)) return eb(kind, 'not in', hidden);
  return eb.or([eb(kind, 'not in', hidden), eb('t.requester_id', '<>', viewer.id)]);
}

export type TicketSort = 'updated' | 'created' | 'number' | 'priority' | 'due';

/** The inbox's filters, which search takes too. */
export interface TicketFilter {
  viewer: Viewer;
  statuses?: readonly TicketStatus[] | undefined;
  /** A team, or `none`: tickets of no team. */
  teamId?: string | undefined;
  /** An agent, or `none`: unassigned. */
  assigneeId?: string | undefined;
  requesterId?: string | undefined;
  /** The ticket with this number (`#1042`). */
  number?: number | undefined;
  priority?: Priority | undefined;
  tag?: string | undefined;
}

export interface TicketListFilter extends TicketFilter {
  sort: TicketSort;
  cursor?: string | undefined;
  limit: number;
}

/**
 * The sorts that read one key downwards (the last first), each key ending in a unique column so
 * a cursor names one place; its letter keeps a cursor of one sort from being taken by another.
 */
const DESCENDING = {
  updated: { letter: 'u', columns: ['updated_at', 'id'] },
  created: { letter: 'c', columns: ['created_at', 'id'] },
  number: { letter: 'n', columns: ['number'] },
  priority: { letter: 'p', columns: ['priority_rank', 'updated_at', 'id'] },
} as const satisfies Record<
  Exclude<TicketSort, 'due'>,
  { letter: string; columns: ReadonlyArray<keyof TicketRow> }
>;

const KEY_VALUE = { id: Id, priority_rank: z.int().min(0).max(3) } as Partial<
  Record<keyof TicketRow, z.ZodType<string | number>>
>;

const CURSORS = Object.fromEntries(
  Object.entries(DESCENDING).map(([sort, { letter, columns }]) => [
    sort,
    z.tuple([z.literal(letter), ...columns.map((c) => KEY_VALUE[c] ?? z.int())] as [
      z.ZodLiteral<string>,
      ...z.ZodType<string | number>[],
    ]),
  ]),
) as unknown as Record<keyof typeof DESCENDING, z.ZodType<[string, ...Array<string | number>]>>;

const DueCursor = z.tuple([z.literal('d'), z.int().nullable(), Id]);

/** Rows strictly after `values` in the descending order of `columns` (a keyset condition). */
function below(
  eb: TicketsEb,
  columns: ReadonlyArray<keyof TicketRow>,
  values: ReadonlyArray<string | number>,
): Expression<SqlBool> {
  const ref = (column: keyof TicketRow) => eb.ref(`t.${column}`);
  return eb.or(
    columns.map((column, i) =>
      eb.and([
        ...columns.slice(0, i).map((before, j) => eb(ref(before), '=', values[j] as never)),
        eb(ref(column), '<', values[i] as never),
      ]),
    ),
  );
}

/** The tickets `filter.viewer` may see that pass the filter, unordered. */
export function filteredTickets(db: Db, filter: TicketFilter) {
  let query = db
    .selectFrom('tickets as t')
    .selectAll('t')
    .where((eb) => visibleTo(eb, filter.viewer));
  if (filter.statuses?.length) query = query.where('t.status', 'in', [...filter.statuses]);
  if (filter.teamId === 'none') query = query.where('t.team_id', 'is', null);
  else if (filter.teamId) query = query.where('t.team_id', '=', filter.teamId);
  if (filter.assigneeId === 'none') query = query.where('t.assignee_id', 'is', null);
  else if (filter.assigneeId) query = query.where('t.assignee_id', '=', filter.assigneeId);
  if (filter.requesterId) query = query.where('t.requester_id', '=', filter.requesterId);
  if (filter.number !== undefined) query = query.where('t.number', '=', filter.number);
  if (filter.priority) query = query.where('t.priority', '=', filter.priority);
  const tag = filter.tag;
  if (tag) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('ticket_tags as tg')
          .select('tg.tag')
          .whereRef('tg.ticket_id', '=', 't.id')
          .where('tg.tag', '=', tag),
      ),
    );
  }
  return query;
}

/** The rows of one page and whether more follow, in the filter's sort. */
async function pageRows(
  db: Db,
  filter: TicketListFilter,
): Promise<{ rows: TicketRow[]; more: boolean }> {
  const take = filter.limit + 1;
  const cut = (rows: TicketRow[]) => ({
    rows: rows.slice(0, filter.limit),
    more: rows.length > filter.limit,
  });
  if (filter.sort !== 'due') {
    const { columns } = DESCENDING[filter.sort];
    let query = filteredTickets(db, filter);
    for (const column of columns) query = query.orderBy(`t.${column}`, 'desc');
    const after = decodeCursor(filter.cursor, CURSORS[filter.sort]);
    if (after) query = query.where((eb) => below(eb, columns, after.slice(1)));
    return cut(await query.limit(take).execute());
  }
  return dueRows(db, filter, take).then(cut);
}

/**
 * Tickets with a due time, soonest first, then those without one: two index ranges read one
 * after the other, since the dialects sort NULLs differently.
 */
async function dueRows(db: Db, filter: TicketListFilter, take: number): Promise<TicketRow[]> {
  const after = decodeCursor(filter.cursor, DueCursor);
  const rows: TicketRow[] = [];
  const [, dueAt, id] = after ?? [];
  if (dueAt !== null) {
    let query = filteredTickets(db, filter)
      .where('t.next_due_at', 'is not', null)
      .orderBy('t.next_due_at')
      .orderBy('t.id');
    if (dueAt !== undefined && id !== undefined) {
      query = query.where((eb) =>
        eb.or([
          eb('t.next_due_at', '>', dueAt),
          eb.and([eb('t.next_due_at', '=', dueAt), eb('t.id', '>', id)]),
        ]),
      );
    }
    rows.push(...(await query.limit(take).execute()));
  }
  if (rows.length < take) {
    let query = filteredTickets(db, filter).where('t.next_due_at', 'is', null).orderBy('t.id');
    if (dueAt === null && id !== undefined) query = query.where('t.id', '>', id);
    rows.push(...(await query.limit(take - rows.length).execute()));
  }
  return rows;
}

function cursorOf(sort: TicketSort, row: TicketRow): string {
  if (sort === 'due') return encodeCursor(['d', row.next_due_at, row.id]);
  const { letter, columns } = DESCENDING[sort];
  return encodeCursor([letter, ...columns.map((column) => row[column] as string | number)]);
}

/** A page of the tickets `filter.viewer` may see, with the cursor of the next. */
export async function listTickets(
  db: Db,
  filter: TicketListFilter,
): Promise<{ items: TicketRecord[]; nextCursor: string | null }> {
  const { rows, more } = await pageRows(db, filter);
  const last = rows.at(-1);
  return {
    items: await ticketRecords(db, rows),
    nextCursor: more && last ? cursorOf(filter.sort, last) : null,
  };
}
