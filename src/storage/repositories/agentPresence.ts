// Queries on whether agents are still there: their status, why the system set it, and whether
// any live node holds a socket of theirs, for the away sweep and for returning stranded chats.
import { sql, type ExpressionBuilder } from 'kysely';
import type { AgentPresence } from '../../domain/strandedChats.js';
import type { AgentStatus } from '../../shared/vocabulary.js';
import type { Database } from '../schema.js';
import type { Db, Store } from '../store.js';

export interface AgentPresenceRecord extends AgentPresence {
  agentId: string;
  openChats: number;
}

/** True when a node that beat its heartbeat since `aliveSince` holds a socket of the agent's. */
const connectedSql = (aliveSince: number) =>
  sql<number>`exists (
    select 1 from presence p join nodes n on n.id = p.node_id
    where p.user_id = chat_agent_status.agent_id and p.connections > 0
      and n.heartbeat_at >= ${aliveSince}
  )`;

/** True when any node's presence rows, live or not yet forgotten, name the agent. */
const listedSql = sql<number>`exists (
  select 1 from presence p where p.user_id = chat_agent_status.agent_id and p.connections > 0
)`;

/**
 * Online or busy since before `goneBefore`, and gone since then: the last socket closed before
 * it, or none ever opened (no node lists the agent), and no live node holds one now.
 */
const goneSince =
  (options: { goneBefore: number; aliveSince: number }) =>
  (eb: ExpressionBuilder<Database, 'chat_agent_status'>) =>
    eb.and([
      eb('status', 'in', ['online', 'busy'] satisfies AgentStatus[]),
      eb('status_changed_at', '<=', options.goneBefore),
      eb.or([
        eb.and([eb('last_disconnected_at', 'is', null), sql<boolean>`not ${listedSql}`]),
        eb('last_disconnected_at', '<=', options.goneBefore),
      ]),
      sql<boolean>`not ${connectedSql(options.aliveSince)}`,
    ]);

function selectPresence(db: Db, aliveSince: number) {
  return db
    .selectFrom('chat_agent_status')
    .select([
      'agent_id',
      'status',
      'away_reason',
      'status_changed_at',
      'last_disconnected_at',
      'current_chat_count',
    ])
    .select(connectedSql(aliveSince).as('connected'))
    .select(listedSql.as('listed'));
}

type PresenceRow = Awaited<ReturnType<ReturnType<typeof selectPresence>['execute']>>[number];

const toRecord = (row: PresenceRow): AgentPresenceRecord => ({
  agentId: row.agent_id,
  status: row.status,
  awayReason: row.away_reason,
  statusChangedAt: Number(row.status_changed_at),
  lastDisconnectedAt: row.last_disconnected_at === null ? null : Number(row.last_disconnected_at),
  connected: Boolean(Number(row.connected)),
  listedOnANode: Boolean(Number(row.listed)),
  openChats: row.current_chat_count,
});

/**
 * Online or busy agents with no socket on any live node since `goneBefore` at least (the away
 * sweep's candidates; domain/strandedChats.ts has the last word).
 */
export async function agentsGoneSince(
  db: Db,
  options: { goneBefore: number; aliveSince: number },
): Promise<AgentPresenceRecord[]> {
  const rows = await selectPresence(db, options.aliveSince).where(goneSince(options)).execute();
  return rows.map(toRecord);
}

/** Agents the system set away or offline who still have open chats. */
export async function agentsAwayWithChats(
  db: Db,
  options: { aliveSince: number; agentIds?: readonly string[] },
): Promise<AgentPresenceRecord[]> {
  let query = selectPresence(db, options.aliveSince)
    .where('status', 'in', ['away', 'offline'] satisfies AgentStatus[])
    .where('away_reason', 'is not', null)
    .where('current_chat_count', '>', 0);
  if (options.agentIds) query = query.where('agent_id', 'in', [...options.agentIds]);
  return (await query.execute()).map(toRecord);
}

/**
 * Sets an agent gone since `goneBefore` away for a lost connection, unless their status changed or a
 * socket of theirs appeared since they were read. Returns true when it did.
 */
export async function setAwayIfStillGone(
  db: Db,
  agentId: string,
  options: { goneBefore: number; aliveSince: number; now: number },
): Promise<boolean> {
  const result = await db
    .updateTable('chat_agent_status')
    .set({
      status: 'away',
      away_reason: 'disconnected',
      status_changed_at: options.now,
      updated_at: options.now,
    })
    .where('agent_id', '=', agentId)
    .where(goneSince(options))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The agent's presence read inside a transaction, their status row locked. */
export async function lockAgentPresence(
  db: Db,
  agentId: string,
  options: { aliveSince: number; lock: Pick<Store, 'forUpdate'> },
): Promise<AgentPresenceRecord | undefined> {
  const row = await options.lock
    .forUpdate(selectPresence(db, options.aliveSince).where('agent_id', '=', agentId))
    .executeTakeFirst();
  return row && toRecord(row);
}
