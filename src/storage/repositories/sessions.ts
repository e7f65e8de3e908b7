// Queries on chat sessions: records with their people and tags, lists by view with visibility
// applied in SQL, the waiting queue, and per-session sequence numbers.
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type SqlBool,
  type UpdateObject,
} from 'kysely';
import { z } from 'zod';
import { latestFullAtAdmitting, type MessageBudget } from '../../domain/abuseLimits.js';
import { AGENT_ONLY_MESSAGE_TYPES } from '../../domain/eventVisibility.js';
import type { QueueScope } from '../../domain/routing.js';
import type { Viewer } from '../../domain/policies.js';
import { isAgent, isSuperAdmin } from '../../domain/policies.js';
import { Id } from '../../shared/api.js';
import type { Priority, SessionStatus } from '../../shared/vocabulary.js';
import type { Database, NewSessionRow, SessionRow } from '../schema.js';
import { prepared } from '../prepared.js';
import type { Db, Store } from '../store.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { PersonRecord } from './people.js';
import { refsBySession, type SessionRefs } from './sessionRefs.js';
import { containsText } from './textMatch.js';

/** A session with the people in it: enough to check permissions and write events. */
export interface SessionCore {
  row: SessionRow;
  customer: PersonRecord;
  agent: PersonRecord | null;
}

/** A session as presented: with its tags, topic and team. */
export interface SessionRecord extends SessionCore, SessionRefs {
  tags: string[];
}

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

function selectRecords(db: Db) {
  return db
    .selectFrom('chat_sessions as cs')
    .innerJoin('users as cu', 'cu.id', 'cs.user_id')
    .leftJoin('users as ag', 'ag.id', 'cs.assigned_agent_id')
    .selectAll('cs')
    .select([
      'cu.name as customer_name',
      'cu.email as customer_email',
      'cu.role as customer_role',
      'ag.name as agent_name',
      'ag.email as agent_email',
      'ag.role as agent_role',
    ]);
}

type JoinedRow = SessionRow & {
  customer_name: string;
  customer_email: string | null;
  customer_role: PersonRecord['role'];
  agent_name: string | null;
  agent_email: string | null;
  agent_role: PersonRecord['role'] | null;
};

function toCore(joined: JoinedRow): SessionCore {
  const {
    customer_name,
    customer_email,
    customer_role,
    agent_name,
    agent_email,
    agent_role,
    ...row
  } = joined;
  return {
    row,
    customer: { id: row.user_id, name: customer_name, email: customer_email, role: customer_role },
    agent:
      row.assigned_agent_id && agent_name && agent_role
        ? { id: row.assigned_agent_id, name: agent_name, email: agent_email, role: agent_role }
        : null,
  };
}

const toRecord = (joined: JoinedRow, tags: string[], refs: SessionRefs): SessionRecord => ({
  ...toCore(joined),
  ...refs,
  tags,
});

/** The tags of each session, by session id. */
export async function tagsBySession(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, string[]>> {
  const byId = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byId;
  const rows = await db
    .selectFrom('chat_session_tags')
    .select(['session_id', 'tag'])
    .where('session_id', 'in', [...ids])
    .orderBy('tag')
    .execute();
  for (const { session_id, tag } of rows) byId.get(session_id)?.push(tag);
  return byId;
}

/**
 * The session and its people in one query. With `store`, PostgreSQL also locks the session row
 * (only that row: not the users joined to it) until the transaction ends.
 */
export async function findSessionCore(
  db: Db,
  id: string,
  store?: Store,
): Promise<SessionCore | undefined> {
  const { rows } = await (store ? lockingCoreQuery(store) : coreQuery)(db, id);
  return rows[0] && toCore(rows[0]);
}

// Every message loads its session: prepared once (see prepared.ts).
const coreQuery = prepared((db: Db, id: string) => selectRecords(db).where('cs.id', '=', id));
const lockingCoreQueries = new WeakMap<Store, typeof coreQuery>();
function lockingCoreQuery(store: Store): typeof coreQuery {
  let query = lockingCoreQueries.get(store);
  if (!query) {
    query = prepared((db: Db, id: string) =>
      store.forUpdate(selectRecords(db).where('cs.id', '=', id), 'cs'),
    );
    lockingCoreQueries.set(store, query);
  }
  return query;
}

/**
 * Several sessions and their people in one query, by id; with `store`, PostgreSQL also locks
 * their rows, in id order (so two such batches never lock in opposite orders).
 */
export async function findSessionCores(
  db: Db,
  ids: readonly string[],
  store?: Store,
): Promise<Map<string, SessionCore>> {
  const cores = new Map<string, SessionCore>();
  if (ids.length === 0) return cores;
  const query = selectRecords(db)
    .where('cs.id', 'in', [...ids])
    .orderBy('cs.id');
  const rows = await (store ? store.forUpdate(query, 'cs') : query).execute();
  for (const row of rows) cores.set(row.id, toCore(row));
  return cores;
}

export async function findSessionRecord(db: Db, id: string): Promise<SessionRecord | undefined> {
  const joined = await selectRecords(db).where('cs.id', '=', id).executeTakeFirst();
  if (!joined) return undefined;
  const [tags, refs] = await Promise.all([tagsBySession(db, [id]), refsBySession(db, [joined])]);
  return toRecord(joined, tags.get(id) ?? [], refs.get(id)!);
}

/** Several sessions as presented, in the order of `ids` (those that exist). */
export async function findSessionRecords(db: Db, ids: readonly string[]): Promise<SessionRecord[]> {
  if (ids.length === 0) return [];
  const rows = await selectRecords(db)
    .where('cs.id', 'in', [...ids])
    .execute();
  const [tags, refs] = await Promise.all([
    tagsBySession(
      db,
      rows.map((r) => r.id),
    ),
    refsBySession(db, rows),
  ]);
  const byId = new Map(rows.map((r) => [r.id, toRecord(r, tags.get(r.id) ?? [], refs.get(r.id)!)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export const findSessionRow = (db: Db, id: string): Promise<SessionRow | undefined> =>
  db.selectFrom('chat_sessions').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertSession(db: Db, row: NewSessionRow): Promise<void> {
  await db.insertInto('chat_sessions').values(row).execute();
}

/**
 * Applies `changes` only if the session is still in `expectedStatus` (and, when given, still
 * assigned to `expectedAgentId`). Returns false when another request changed it first.
 */
/** Changes to a session's row: values, or SQL over the row itself. */
export type SessionChanges = UpdateObject<Database, 'chat_sessions'>;

export async function updateSessionIf(
  db: Db,
  id: string,
  expected: { status: SessionStatus; agentId?: string | null },
  /** Values, or expressions over the row (`transfers + 1`). */
  changes: SessionChanges,
): Promise<boolean> {
  let query = db
    .updateTable('chat_sessions')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', expected.status);
  if (expected.agentId !== undefined) {
    query =
      expected.agentId === null
        ? query.where('assigned_agent_id', 'is', null)
        : query.where('assigned_agent_id', '=', expected.agentId);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Reserves the next sequence number for an event of the session and returns it. The update
 * locks the session row until commit, so sequence order is commit order within a session.
 */
export async function reserveSeq(db: Db, sessionId: string, now: number): Promise<number> {
  const { rows } = await reserveSeqQuery(db, sessionId, now);
  return rows[0]!.last_seq;
}

const reserveSeqQuery = prepared((db: Db, sessionId: string, now: number) =>
  db
    .updateTable('chat_sessions')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1), updated_at: now }))
    .where('id', '=', sessionId)
    .returning('last_seq'),
);

/**
 * Makes waiting sessions active with their agents (`agentOf`), reserving `reserve` sequence
 * numbers in each for the events that record it, in one conditional statement. Returns the new
 * rows: a session missing from them was no longer waiting.
 */
export async function activateSessions(
  db: Db,
  agentOf: ReadonlyMap<string, string>,
  now: number,
  reserve: number,
): Promise<SessionRow[]> {
  const ids = [...agentOf.keys()];
  const agent = sql<string>`(case id ${sql.join(
    ids.map((id) => sql`when ${id} then ${agentOf.get(id)!}`),
    sql` `,
  )} end)`;
  return db
    .updateTable('chat_sessions')
    .set((eb) => ({
      status: 'active',
      assigned_agent_id: agent,
      assigned_at: now,
      first_assigned_at: sql<number>`coalesce(first_assigned_at, ${now})`,
      updated_at: now,
      last_message_at: now,
      last_seq: eb('last_seq', '+', reserve),
    }))
    .where('id', 'in', ids)
    .where('status', '=', 'waiting')
    .returningAll()
    .execute();
}

/** Reserves the next sequence number for a new message, stamping the session's activity. */
export const reserveMessageSeq = prepared((db: Db, sessionId: string, now: number) =>
  db
    .updateTable('chat_sessions')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1), last_message_at: now, updated_at: now }))
    .where('id', '=', sessionId)
    .returning('last_seq'),
);

/**
 * Like reserveMessageSeq, for a message someone sends: the same statement also spends one from
 * the session's message budget (domain/abuseLimits.ts), so the row's lock makes the budget exact
 * on every node at no extra cost per message, and keeps since when the chat waits for the
 * agent's reply (a customer's message starts the wait unless one already runs, the agent's ends
 * it). Returns null, changing nothing, when the budget is spent, with when the bucket is full
 * again (for how long to wait).
 */
export async function reserveSentMessageSeq(
  db: Db,
  sessionId: string,
  now: number,
  budget: MessageBudget,
  side: SendingSide,
): Promise<{ seq: number } | { seq: null; fullAt: number }> {
  const { rows } = await RESERVE_SENT[side](
    db,
    sessionId,
    now,
    budget.intervalMs,
    latestFullAtAdmitting(budget, now),
  );
  if (rows[0]) return { seq: rows[0].last_seq };
  const row = await db
    .selectFrom('chat_sessions')
    .select('message_budget_full_at')
    .where('id', '=', sessionId)
    .executeTakeFirstOrThrow();
  return { seq: null, fullAt: row.message_budget_full_at };
}

/**
 * Like reserveMessageSeq, for the customer's message: the chat waits for the agent's reply
 * from the oldest message not answered yet (kept if one already waits).
 */
export const reserveCustomerMessageSeq = prepared((db: Db, sessionId: string, now: number) =>
  db
    .updateTable('chat_sessions')
    .set((eb) => ({
      last_seq: eb('last_seq', '+', 1),
      last_message_at: now,
      updated_at: now,
      awaiting_agent_since: eb.fn.coalesce('awaiting_agent_since', eb.val(now)),
    }))
    .where('id', '=', sessionId)
    .returning('last_seq'),
);

/** Like reserveMessageSeq, for the agent's message: the customer has their reply. */
export const reserveAgentMessageSeq = prepared((db: Db, sessionId: string, now: number) =>
  db
    .updateTable('chat_sessions')
    .set((eb) => ({
      last_seq: eb('last_seq', '+', 1),
      last_message_at: now,
      updated_at: now,
      awaiting_agent_since: null,
    }))
    .where('id', '=', sessionId)
    .returning('last_seq'),
);

/** Who sends: the customer, the agent answering them, or an agent writing an internal note. */
export type SendingSide = 'customer' | 'agent' | 'note';

/**
 * The customer's message starts the wait for the agent's reply unless one already runs; the
 * agent's reply ends it; a note is no reply and leaves it as it is.
 */
const AWAITING_AFTER = {
  customer: (eb: SessionsTableEb, now: number) =>
    eb.fn.coalesce('awaiting_agent_since', eb.val(now)),
  agent: () => null,
  note: (eb: SessionsTableEb) => eb.ref('awaiting_agent_since'),
} as const;

type SessionsTableEb = ExpressionBuilder<Database, 'chat_sessions'>;

// Every message someone sends, one statement per side: prepared once (see prepared.ts).
const reserveSentMessageSeqFor = (side: SendingSide) =>
  prepared((db: Db, sessionId: string, now: number, intervalMs: number, latestFullAt: number) =>
    db
      .updateTable('chat_sessions')
      .set((eb) => ({
        last_seq: eb('last_seq', '+', 1),
        // A note is no news to the customer: their lists do not see the chat move.
        last_message_at: side === 'note' ? eb.ref('last_message_at') : now,
        updated_at: now,
        // Full again one interval later than it was, or than now if that has passed.
        message_budget_full_at: eb(
          eb
            .case()
            .when('message_budget_full_at', '>', now)
            .then(eb.ref('message_budget_full_at'))
            .else(now)
            .end(),
          '+',
          intervalMs,
        ),
        awaiting_agent_since: AWAITING_AFTER[side](eb, now),
      }))
      .where('id', '=', sessionId)
      .where('message_budget_full_at', '<=', latestFullAt)
      .returning('last_seq'),
  );

const RESERVE_SENT = {
  customer: reserveSentMessageSeqFor('customer'),
  agent: reserveSentMessageSeqFor('agent'),
  note: reserveSentMessageSeqFor('note'),
} as const;

/** What a batch of messages left in one session, computed from its locked row. */
export interface SessionAfterMessages {
  id: string;
  lastSeq: number;
  lastMessageAt: number;
  budgetFullAt: number;
  awaitingAgentSince: number | null;
  firstAgentReplyAt: number | null;
  /** The chat's first agent message ever (reports). */
  firstResponseAt: number | null;
}

/**
 * Writes what a batch of messages changed in their sessions, in one conditional statement. The
 * caller read the rows under lock (or inside SQLite's single writer) and applied each message's
 * rules in order (sequence numbers, the message budget, the wait for the agent's reply), so the
 * values are exact.
 */
export async function updateSessionsAfterMessages(
  db: Db,
  sessions: readonly SessionAfterMessages[],
): Promise<void> {
  if (sessions.length === 0) return;
  // Joined to a VALUES list (columns column1… on both databases), not a CASE per column, whose
  // cost grows with the square of the batch. Every value is cast: PostgreSQL would take text.
  const int = (value: number | null) => sql`cast(${value} as bigint)`;
  const values = sql.join(
    sessions.map(
      (s) =>
        sql`(${s.id}, ${int(s.lastSeq)}, ${int(s.lastMessageAt)}, ${int(s.budgetFullAt)}, ${int(s.awaitingAgentSince)}, ${int(s.firstAgentReplyAt)}, ${int(s.firstResponseAt)})`,
    ),
  );
  await sql`update chat_sessions set
      last_seq = v.column2,
      last_message_at = v.column3,
      updated_at = v.column3,
      message_budget_full_at = v.column4,
      awaiting_agent_since = v.column5,
      first_agent_reply_at = v.column6,
      first_response_at = v.column7
    from (values ${values}) as v
    where chat_sessions.id = v.column1`.execute(db);
}

/** The customer's chats still waiting or active. */
export async function countOpenSessionsOf(db: Db, customerId: string): Promise<number> {
  const row = await db
    .selectFrom('chat_sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', customerId)
    .where('status', 'in', ['waiting', 'active'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Past agents and agents mentioned in a note: who besides the current agent may read the chat. */
export async function deskParticipants(
  db: Db,
  sessionId: string,
): Promise<{ pastAgentIds: string[]; mentionedAgentIds: string[] }> {
  const rows = await db
    .selectFrom('chat_participants')
    .select(['user_id', 'role'])
    .where('session_id', '=', sessionId)
    .where('role', 'in', ['agent', 'mentioned'])
    .execute();
  const of = (role: string) => rows.filter((r) => r.role === role).map((r) => r.user_id);
  return { pastAgentIds: of('agent'), mentionedAgentIds: of('mentioned') };
}

/**
 * Records that agents were mentioned in a note of the session, which lets them read it. An agent
 * already in the chat (customer, past or current agent) keeps the row they have.
 */
export async function addMentionedAgents(
  db: Db,
  sessionId: string,
  agentIds: readonly string[],
  now: number,
): Promise<void> {
  if (agentIds.length === 0) return;
  await db
    .insertInto('chat_participants')
    .values(
      agentIds.map((userId) => ({
        session_id: sessionId,
        user_id: userId,
        role: 'mentioned' as const,
        joined_at: now,
        left_at: now,
        last_read_seq: 0,
      })),
    )
    .onConflict((oc) => oc.columns(['session_id', 'user_id']).doNothing())
    .execute();
}

export async function pastAgentIds(db: Db, sessionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('chat_participants')
    .select('user_id')
    .where('session_id', '=', sessionId)
    .where('role', '=', 'agent')
    .execute();
  return rows.map((r) => r.user_id);
}

export interface NewParticipant {
  sessionId: string;
  userId: string;
  role: 'customer' | 'agent';
  now: number;
}

export async function addParticipant(db: Db, participant: NewParticipant): Promise<void> {
  await addParticipants(db, [participant]);
}

/** Adds people to sessions; someone who left and comes back is present again from now. */
export async function addParticipants(
  db: Db,
  participants: readonly NewParticipant[],
): Promise<void> {
  if (participants.length === 0) return;
  await db
    .insertInto('chat_participants')
    .values(
      participants.map((p) => ({
        session_id: p.sessionId,
        user_id: p.userId,
        role: p.role,
        joined_at: p.now,
        left_at: null,
        last_read_seq: 0,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['session_id', 'user_id'])
        // An agent mentioned in a note who now takes the chat is one of its agents.
        .doUpdateSet((eb) => ({
          joined_at: eb.ref('excluded.joined_at'),
          left_at: null,
          role: eb.ref('excluded.role'),
        })),
    )
    .execute();
}

export async function markParticipantLeft(db: Db, sessionId: string, userId: string, now: number) {
  await db
    .updateTable('chat_participants')
    .set({ left_at: now })
    .where('session_id', '=', sessionId)
    .where('user_id', '=', userId)
    .execute();
}

export async function replaceTags(
  db: Db,
  sessionId: string,
  tags: readonly string[],
  by: string,
  now: number,
): Promise<void> {
  await db.deleteFrom('chat_session_tags').where('session_id', '=', sessionId).execute();
  if (tags.length === 0) return;
  await db
    .insertInto('chat_session_tags')
    .values(tags.map((tag) => ({ session_id: sessionId, tag, created_by: by, created_at: now })))
    .execute();
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
