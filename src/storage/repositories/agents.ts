// Queries on agents' status and load. Load (current_chat_count) changes only through the
// conditional updates here, in the same transaction as the session it counts.
import { sql, type RawBuilder } from 'kysely';
import type { AgentStatus } from '../../shared/vocabulary.js';
import { AGENT_ROLES } from '../../shared/vocabulary.js';
import type { AgentStatusRow } from '../schema.js';
import { prepared } from '../prepared.js';
import type { Db } from '../store.js';
import type { PersonRecord } from './people.js';

export const DEFAULT_AGENT_STATUS = {
  status: 'offline' as AgentStatus,
  max_concurrent_chats: 5,
  auto_assign: 1 as const,
};

export interface AgentStateRecord {
  agent: PersonRecord;
  status: AgentStatusRow;
  connected: boolean;
}

/** Creates the agent's status row with defaults if it does not exist yet. */
export async function ensureAgentStatus(db: Db, agentId: string, now: number): Promise<void> {
  await db
    .insertInto('chat_agent_status')
    .values({
      agent_id: agentId,
      ...DEFAULT_AGENT_STATUS,
      current_chat_count: 0,
      last_assigned_at: null,
      last_disconnected_at: null,
      status_changed_at: now,
      away_reason: null,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('agent_id').doNothing())
    .execute();
}

export const findAgentStatus = (db: Db, agentId: string): Promise<AgentStatusRow | undefined> =>
  db.selectFrom('chat_agent_status').selectAll().where('agent_id', '=', agentId).executeTakeFirst();

export async function updateAgentStatus(
  db: Db,
  agentId: string,
  changes: Partial<Omit<AgentStatusRow, 'agent_id' | 'current_chat_count'>>,
): Promise<void> {
  await db.updateTable('chat_agent_status').set(changes).where('agent_id', '=', agentId).execute();
}

/**
 * Adds `added.get(agent)` open chats to each agent's load in one statement; with `withinMax`, an
 * agent that would pass their max is left unchanged. Returns how many agents were updated: fewer
 * than asked means someone had no room (the caller rolls back).
 */
export async function addOpenChats(
  db: Db,
  added: ReadonlyMap<string, number>,
  now: number,
  withinMax: boolean,
): Promise<number> {
  const ids = [...added.keys()];
  // CAST keeps PostgreSQL from guessing the parameters' type inside CASE.
  const increase = sql<number>`(case agent_id ${sql.join(
    ids.map((id) => sql`when ${id} then cast(${added.get(id)!} as integer)`),
    sql` `,
  )} end)`;
  let query = db
    .updateTable('chat_agent_status')
    .set((eb) => ({
      current_chat_count: eb('current_chat_count', '+', increase),
      last_assigned_at: now,
      updated_at: now,
    }))
    .where('agent_id', 'in', ids);
  if (withinMax) {
    query = query.where(sql<boolean>`current_chat_count + ${increase} <= max_concurrent_chats`);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function removeOpenChat(db: Db, agentId: string, now: number): Promise<void> {
  await removeOpenChatQuery(db, agentId, now);
}

// Every end runs it: prepared once (see prepared.ts).
const removeOpenChatQuery = prepared((db: Db, agentId: string, now: number) =>
  db
    .updateTable('chat_agent_status')
    .set((eb) => ({ current_chat_count: eb('current_chat_count', '-', 1), updated_at: now }))
    .where('agent_id', '=', agentId)
    .where('current_chat_count', '>', 0),
);

/** Agents (active admins and super admins) with their status and whether any node holds a socket of theirs. */
export async function listAgentStates(
  db: Db,
  options: { now: number; nodeStaleMs: number; agentIds?: readonly string[] },
): Promise<AgentStateRecord[]> {
  const aliveSince = options.now - options.nodeStaleMs;
  let query = db
    .selectFrom('users as u')
    .innerJoin('chat_agent_status as st', 'st.agent_id', 'u.id')
    .selectAll('st')
    .select(['u.id', 'u.name', 'u.email', 'u.role'])
    .select(
      sql<number>`exists (
        select 1 from presence p join nodes n on n.id = p.node_id
        where p.user_id = u.id and p.connections > 0 and n.heartbeat_at >= ${aliveSince}
      )`.as('connected'),
    )
    .where('u.role', 'in', [...AGENT_ROLES])
    .where('u.is_active', '=', 1)
    .orderBy('u.name')
    .orderBy('u.id');
  if (options.agentIds) query = query.where('u.id', 'in', [...options.agentIds]);
  const rows = await query.execute();
  return rows.map(({ id, name, email, role, connected, ...status }) => ({
    agent: { id, name, email, role },
    status,
    connected: Boolean(Number(connected)),
  }));
}

/**
 * Status rows of agents who could take a chat automatically right now, in id order (the order
 * every transaction locks agents in). Users are filtered by subquery so locking these rows
 * does not lock the users table. The subquery is EXISTS, not IN: SQLite ran `IN (select …)` by
 * walking every agent account and probing its status row, and routing runs this query several
 * times for each chat ended; EXISTS looks up the account of just the agents with room.
 */
export function selectRoutableAgents(db: Db) {
  return db
    .selectFrom('chat_agent_status')
    .selectAll('chat_agent_status')
    .where('status', '=', 'online')
    .where('auto_assign', '=', 1)
    .whereRef('current_chat_count', '<', 'max_concurrent_chats')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('users')
          .select('users.id')
          .whereRef('users.id', '=', 'chat_agent_status.agent_id')
          .where('users.is_active', '=', 1)
          .where('users.role', 'in', [...AGENT_ROLES]),
      ),
    )
    .orderBy('agent_id');
}

export interface OnlineCapacity {
  /** Sum of max concurrent chats over online agents with auto-assign on. */
  capacity: number;
  /** Free slots right now among those agents. */
  free: number;
  /** Online agents with auto-assign on: the ones the queue drains into on its own. */
  agents: number;
  /** Every online agent, including those who only take chats by hand. */
  agentsOnline: number;
}

/**
 * Who is on duty now, for a team's chats (its members) or, with `teamId` null, for chats of no
 * team (every agent). Capacity counts only auto-assign agents, because only their pace is
 * predictable enough to estimate a wait; agentsOnline also counts agents who pick chats by
 * hand, so a customer is never told nobody is there while someone could take their chat.
 */
export async function onlineCapacity(
  db: Db,
  teamId: string | null = null,
): Promise<OnlineCapacity> {
  const autoAssign = (value: RawBuilder<number>) =>
    sql<number>`case when st.auto_assign = 1 then ${value} else 0 end`;
  const row = await db
    .selectFrom('chat_agent_status as st')
    .innerJoin('users as u', 'u.id', 'st.agent_id')
    .select((eb) => [
      eb.fn.countAll<number>().as('agents_online'),
      eb.fn.coalesce(eb.fn.sum<number>(autoAssign(sql`1`)), sql<number>`0`).as('agents'),
      eb.fn
        .coalesce(eb.fn.sum<number>(autoAssign(sql`st.max_concurrent_chats`)), sql<number>`0`)
        .as('capacity'),
      eb.fn
        .coalesce(
          eb.fn.sum<number>(
            autoAssign(
              sql`case when st.current_chat_count < st.max_concurrent_chats then st.max_concurrent_chats - st.current_chat_count else 0 end`,
            ),
          ),
          sql<number>`0`,
        )
        .as('free'),
    ])
    .where('u.is_active', '=', 1)
    .where('u.role', 'in', [...AGENT_ROLES])
    .where('st.status', '=', 'online')
    .$if(teamId !== null, (q) =>
      q.where('st.agent_id', 'in', (eb) =>
        eb.selectFrom('team_members').select('agent_id').where('team_id', '=', teamId!),
      ),
    )
    .executeTakeFirstOrThrow();
  return {
    capacity: Number(row.capacity),
    free: Number(row.free),
    agents: Number(row.agents),
    agentsOnline: Number(row.agents_online),
  };
}
