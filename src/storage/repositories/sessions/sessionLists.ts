// Lists of chat sessions by view with visibility applied in SQL, counts per view, and the
// waiting queue in the order routing serves it.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { z } from 'zod';
import { AGENT_ONLY_MESSAGE_TYPES } from '../../../domain/eventVisibility.js';
import type { QueueScope } from '../../../domain/routing.js';
import type { Viewer } from '../../../domain/policies.js';
import { isAgent, isSuperAdmin } from '../../../domain/policies.js';
import { Id } from '../../../shared/api.js';
import type { Priority, SessionStatus } from '../../../shared/vocabulary.js';
import type { Database } from '../../schema.js';
import type { Db } from '../../store.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { refsBySession } from './sessionRefs.js';
import { selectRecords, tagsBySession, toRecord, type SessionRecord } from './sessionRecords.js';
import { containsText } from '../textMatch.js';

export interface SessionListItem extends SessionRecord {
  unreadCount: number;
  queuePosition: number | null;
}

type SessionsEb = ExpressionBuilder<Database & { cs: Database['chat_sessions'] }, 'cs'>;

/** A query that can be sorted by an expression (any select over chat_sessions). */
interface Orderable<QB> {
  orderBy(expression: Expression<unknown>, direction: 'asc' | 'desc'): QB;
}

/**
 * The queue's order, the one routing serves it in: higher priority first, then the chat that
 * has waited longest, then id. Every list, position and routing pass sorts with this, so the
 * agents' Waiting tab, the customer's place and who is served next always agree; it is the SQL
 * form of domain/routing.ts#compareQueue, which the router applies to what this returns.
 * `table` qualifies the columns in a join (`cs`).
 */
export function inQueueOrder<QB extends Orderable<QB>>(qb: QB, table?: string): QB {
  const column = (name: string) => sql.ref(table ? `${table}.${name}` : name);
  return qb
    .orderBy(column('priority_rank'), 'desc')
    .orderBy(column('started_at'), 'asc')
    .orderBy(column('id'), 'asc');
}

// ---- lists ----

export type SessionListView = 'active' | 'waiting' | 'history' | 'all';

export interface SessionListFilter {
  viewer: Viewer;
  view: SessionListView;
  /** Just this session (still subject to visibility). */
  sessionId?: string | undefined;
  status?: SessionStatus | undefined;
  priority?: Priority | undefined;
  agentId?: string | undefined;
  customerId?: string | undefined;
  teamId?: string | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/**
 * What `viewer` may see, as a condition: the query form of sessionPolicy.view. A team lead's
 * teams are read in the query itself (the teams they lead now, not archived), so the viewer
 * need not carry them.
 */
export function visibleTo(eb: SessionsEb, viewer: Viewer): Expression<SqlBool> {
  if (isSuperAdmin(viewer)) return sql<SqlBool>`1 = 1`;
  if (!isAgent(viewer)) return eb('cs.user_id', '=', viewer.id);
  return eb.or([
    eb('cs.status', '=', 'waiting'),
    eb('cs.status', '=', 'ended'),
    takesPart(eb, viewer),
    leadsTeamOf(eb, viewer),
  ]);
}

/** The chat belongs to a team the viewer leads now (a team not archived). */
function leadsTeamOf(eb: SessionsEb, viewer: Viewer): Expression<SqlBool> {
  return eb(
    'cs.team_id',
    'in',
    eb
      .selectFrom('team_members as tm')
      .innerJoin('teams as t', 't.id', 'tm.team_id')
      .select('tm.team_id')
      .where('tm.agent_id', '=', viewer.id)
      .where('tm.is_lead', '=', 1)
      .where('t.archived_at', 'is', null),
  );
}

/** The viewer is the chat's customer, or one of its agents now or before. */
function takesPart(eb: SessionsEb, viewer: Viewer): Expression<SqlBool> {
  return eb.or([
    eb('cs.user_id', '=', viewer.id),
    eb.exists(
      eb
        .selectFrom('chat_participants as p')
        .select('p.user_id')
        .whereRef('p.session_id', '=', 'cs.id')
        .where('p.user_id', '=', viewer.id),
    ),
  ]);
}

function viewCondition(eb: SessionsEb, viewer: Viewer, view: SessionListView): Expression<SqlBool> {
  switch (view) {
    case 'active':
      return isAgent(viewer)
        ? eb.and([eb('cs.assigned_agent_id', '=', viewer.id), eb('cs.status', '=', 'active')])
        : eb('cs.status', 'in', ['waiting', 'active']);
    case 'waiting':
      return eb('cs.status', '=', 'waiting');
    case 'history':
      // Agents see every ended chat, but their History is the chats they had.
      return isAgent(viewer) && !isSuperAdmin(viewer)
        ? eb.and([eb('cs.status', '=', 'ended'), takesPart(eb, viewer)])
        : eb('cs.status', '=', 'ended');
    case 'all':
      return sql<SqlBool>`1 = 1`;
  }
}

/** A session list's sort key: started_at (epoch ms), then id. */
const SessionCursor = z.tuple([z.int(), Id]);
/** The waiting list's sort key, the queue's order: priority rank, started_at, id. */
const QueueCursor = z.tuple([z.int(), z.int(), Id]);

/**
 * Sessions in one of the lists of the agent console or the customer's history, newest first
 * (the waiting view in queue order, as routing serves it), with visibility enforced here.
 */
export async function listSessions(
  db: Db,
  filter: SessionListFilter,
): Promise<{ items: SessionListItem[]; nextCursor: string | null }> {
  const { viewer } = filter;
  const inQueue = filter.view === 'waiting';
  let query = selectRecords(db)
    .select((eb) => [unreadCountFor(eb, viewer).as('unread_count')])
    .where((eb) => visibleTo(eb, viewer))
    .where((eb) => viewCondition(eb, viewer, filter.view))
    .limit(filter.limit + 1);
  query = inQueue
    ? inQueueOrder(query, 'cs')
    : query.orderBy('cs.started_at', 'desc').orderBy('cs.id', 'desc');
  if (filter.sessionId) query = query.where('cs.id', '=', filter.sessionId);
  if (filter.status) query = query.where('cs.status', '=', filter.status);
  if (filter.priority) query = query.where('cs.priority', '=', filter.priority);
  if (filter.agentId) query = query.where('cs.assigned_agent_id', '=', filter.agentId);
  if (filter.customerId) query = query.where('cs.user_id', '=', filter.customerId);
  if (filter.teamId) query = query.where('cs.team_id', '=', filter.teamId);
  const q = filter.q;
  if (q) query = query.where(() => containsText('cs.subject', q));
  if (inQueue) {
    const after = decodeCursor(filter.cursor, QueueCursor);
    if (after) {
      const [rank, startedAt, id] = after;
      query = query.where((eb) =>
        eb.or([
          eb('cs.priority_rank', '<', rank),
          eb.and([eb('cs.priority_rank', '=', rank), eb('cs.started_at', '>', startedAt)]),
          eb.and([
            eb('cs.priority_rank', '=', rank),
            eb('cs.started_at', '=', startedAt),
            eb('cs.id', '>', id),
          ]),
        ]),
      );
    }
  } else {
    const after = decodeCursor(filter.cursor, SessionCursor);
    if (after) {
      const [startedAt, id] = after;
      query = query.where((eb) =>
        eb.or([
          eb('cs.started_at', '<', startedAt),
          eb.and([eb('cs.started_at', '=', startedAt), eb('cs.id', '<', id)]),
        ]),
      );
    }
  }
  const rows = await query.execute();
  const more = rows.length > filter.limit;
  if (more) rows.pop();
  const [tags, refs] = await Promise.all([
    tagsBySession(
      db,
      rows.map((r) => r.id),
    ),
    refsBySession(db, rows),
  ]);
  const positions = rows.some((r) => r.status === 'waiting') ? await queuePositions(db) : null;
  const items = rows.map(({ unread_count, ...joined }) => ({
    ...toRecord(joined, tags.get(joined.id) ?? [], refs.get(joined.id)!),
    unreadCount: Number(unread_count),
    queuePosition: positions?.get(joined.id) ?? null,
  }));
  const last = rows.at(-1);
  const cursorOf = (row: NonNullable<typeof last>) =>
    inQueue
      ? encodeCursor([row.priority_rank, row.started_at, row.id])
      : encodeCursor([row.started_at, row.id]);
  return { items, nextCursor: more && last ? cursorOf(last) : null };
}

/** How many sessions each tab of the viewer's console holds. */
export async function countSessionViews(
  db: Db,
  viewer: Viewer,
): Promise<Record<Exclude<SessionListView, 'all'>, number>> {
  const count = async (view: SessionListView) =>
    Number(
      (
        await db
          .selectFrom('chat_sessions as cs')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where((eb) => visibleTo(eb, viewer))
          .where((eb) => viewCondition(eb, viewer, view))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const [active, waiting, history] = await Promise.all([
    count('active'),
    count('waiting'),
    count('history'),
  ]);
  return { active, waiting, history };
}

/**
 * Messages from the other side that `viewer` has not read yet. Internal notes never count: the
 * customer may not see them (domain/eventVisibility.ts), and for the desk they carry no read
 * ticks, so no receipt would ever clear them.
 */
function unreadCountFor(eb: SessionsEb, viewer: Viewer) {
  return eb
    .selectFrom('chat_messages as m')
    .select((e) => e.fn.countAll<number>().as('n'))
    .whereRef('m.session_id', '=', 'cs.id')
    .where('m.sender_id', '<>', viewer.id)
    .where('m.message_type', 'not in', [...AGENT_ONLY_MESSAGE_TYPES])
    .where(
      'm.seq',
      '>',
      sql<number>`coalesce((select p.last_read_seq from chat_participants p where p.session_id = cs.id and p.user_id = ${viewer.id}), 0)`,
    );
}

/**
 * Every waiting session's 1-based place in its team's queue (chats of no team share one), in
 * service order, from one walk of the queue index: the chats ahead of it are those routing
 * serves first to the same agents. (A team's chat that has overflowed competes with its fallback
 * team's chats too; its place still counts its own team's, which is the queue it joined.)
 * Cheaper than counting the sessions ahead of each one, which grows with the square of the queue.
 */
export async function queuePositions(db: Db): Promise<Map<string, number>> {
  const rows = await inQueueOrder(
    db.selectFrom('chat_sessions').select(['id', 'team_id']).where('status', '=', 'waiting'),
  ).execute();
  const placed = new Map<string | null, number>();
  return new Map(
    rows.map((row) => {
      const position = (placed.get(row.team_id) ?? 0) + 1;
      placed.set(row.team_id, position);
      return [row.id, position];
    }),
  );
}

/**
 * The waiting queue in service order, `limit` chats of it; with `scope`, only the chats agents
 * with room may be given (domain/routing.ts#inQueueScope is the same condition), so routing
 * neither reads nor locks the chats of teams that have no room.
 */
export function selectQueue(db: Db, limit: number, scope?: QueueScope) {
  let query = db
    .selectFrom('chat_sessions')
    .select(['id', 'priority', 'started_at', 'user_id', 'team_id'])
    .where('status', '=', 'waiting');
  if (scope) {
    query = query.where((eb) =>
      eb.or([
        eb('team_id', 'is', null),
        ...(scope.teamIds.length > 0 ? [eb('team_id', 'in', scope.teamIds)] : []),
        ...scope.overflowed.map(({ teamId, startedBy }) =>
          eb.and([eb('team_id', '=', teamId), eb('started_at', '<=', startedBy)]),
        ),
      ]),
    );
  }
  return inQueueOrder(query).limit(limit);
}

export async function countByStatus(db: Db, status: SessionStatus): Promise<number> {
  const row = await db
    .selectFrom('chat_sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', status)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
