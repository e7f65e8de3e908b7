// Queries on chat sessions: records with their people and tags, inserts and conditional updates.
import type { UpdateObject } from 'kysely';
import type { SessionStatus } from '../../../shared/vocabulary.js';
import type { Database, NewSessionRow, SessionRow } from '../../schema.js';
import { prepared } from '../../prepared.js';
import type { Db, Store } from '../../store.js';
import type { PersonRecord } from '../people.js';
import { refsBySession, type SessionRefs } from './sessionRefs.js';

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

/** The select every record is read with (here and in sessionLists.ts). */
export function selectRecords(db: Db) {
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

export const toRecord = (joined: JoinedRow, tags: string[], refs: SessionRefs): SessionRecord => ({
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
  const joined = (await coreQuery(db, id)).rows[0];
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
  const result = await conditionalUpdate(db, id, expected, changes).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Like updateSessionIf, also reserving the next `reserve` sequence numbers of the session in
 * the same statement (and stamping its last activity, as a message's reservation does): returns
 * the last of them, or null when another request changed the session first.
 */
export async function updateSessionReservingIf(
  db: Db,
  id: string,
  expected: { status: SessionStatus; agentId?: string | null },
  changes: SessionChanges,
  reserve: { seqs: number; now: number },
): Promise<number | null> {
  const row = await conditionalUpdate(db, id, expected, changes)
    .set((eb) => ({ last_seq: eb('last_seq', '+', reserve.seqs), last_message_at: reserve.now }))
    .returning('last_seq')
    .executeTakeFirst();
  return row?.last_seq ?? null;
}

function conditionalUpdate(
  db: Db,
  id: string,
  expected: { status: SessionStatus; agentId?: string | null },
  changes: SessionChanges,
) {
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
  return query;
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
