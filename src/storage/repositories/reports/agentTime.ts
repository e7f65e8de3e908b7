// The history of agents' status and capacity (migrations 0032, 0039) and the chats they held,
// read for the agent report's time in each status and utilisation (domain/reports/agentTime.ts).
import { sql } from 'kysely';
import type { StatusChange } from '../../../domain/reports/agentTime.js';
import type { Db } from '../../store.js';

/**
 * Records the agent's status and max concurrent chats as they now are in chat_agent_status,
 * from `at` on. Called in the transaction that changes either, after the change, once per
 * change; a second change in the same millisecond replaces the first (the agent's status row is
 * locked by the change, so the later one writes last). Reading both from the status row keeps
 * the history equal to it, whichever of the two moved.
 */
export async function recordStatusChange(db: Db, agentId: string, at: number): Promise<void> {
  await db
    .insertInto('agent_status_changes')
    .columns(['agent_id', 'changed_at', 'status', 'max_concurrent_chats'])
    .expression((eb) =>
      eb
        .selectFrom('chat_agent_status')
        .select([
          'agent_id',
          sql<number>`cast(${at} as bigint)`.as('changed_at'),
          'status',
          'max_concurrent_chats',
        ])
        // SQLite needs a WHERE in an INSERT … SELECT with an upsert; this one is the key anyway.
        .where('agent_id', '=', agentId),
    )
    .onConflict((oc) =>
      oc.columns(['agent_id', 'changed_at']).doUpdateSet((eb) => ({
        status: eb.ref('excluded.status'),
        max_concurrent_chats: eb.ref('excluded.max_concurrent_chats'),
      })),
    )
    .execute();
}

/**
 * Each agent's changes that shape [from, to): those inside it and the last one at or before
 * `from` (the status the range begins in), through the primary key (agent, time).
 */
export async function statusChangesIn(
  db: Db,
  options: { agentIds: readonly string[]; from: number; to: number },
): Promise<Map<string, StatusChange[]>> {
  const byAgent = new Map<string, StatusChange[]>();
  if (options.agentIds.length === 0) return byAgent;
  const { from, to } = options;
  const rows = await db
    .selectFrom('agent_status_changes as c')
    .select(['c.agent_id', 'c.changed_at', 'c.status', 'c.max_concurrent_chats'])
    .where('c.agent_id', 'in', [...options.agentIds])
    .where('c.changed_at', '<', to)
    .where((eb) =>
      eb(
        'c.changed_at',
        '>=',
        eb.fn.coalesce(
          eb
            .selectFrom('agent_status_changes as b')
            .select((b) => b.fn.max('b.changed_at').as('at'))
            .whereRef('b.agent_id', '=', 'c.agent_id')
            .where('b.changed_at', '<=', from),
          sql<number>`cast(${from} as bigint)`,
        ),
      ),
    )
    .orderBy('c.agent_id')
    .orderBy('c.changed_at')
    .execute();
  for (const row of rows) {
    const list = byAgent.get(row.agent_id) ?? [];
    list.push({
      at: Number(row.changed_at),
      status: row.status,
      capacity: Number(row.max_concurrent_chats),
    });
    byAgent.set(row.agent_id, list);
  }
  return byAgent;
}

/**
 * Per agent, the total length of their open-chat intervals within [from, to): each chat they
 * hold from when they (last) joined it to when they left it (end, transfer, requeue), or to `to`
 * while still open. Summed in SQL, through chat_participants_agent_left, so a year of chats is
 * never read row by row. An agent who held a chat twice has only their last holding on record.
 */
export async function heldChatMs(
  db: Db,
  options: { agentIds: readonly string[]; from: number; to: number },
): Promise<Map<string, number>> {
  const held = new Map<string, number>();
  if (options.agentIds.length === 0) return held;
  const from = sql<number>`cast(${options.from} as bigint)`;
  const to = sql<number>`cast(${options.to} as bigint)`;
  const rows = await db
    .selectFrom('chat_participants')
    .select('user_id')
    .select(
      sql<number>`sum(
        (case when left_at is null or left_at > ${to} then ${to} else left_at end)
        - (case when joined_at < ${from} then ${from} else joined_at end)
      )`.as('held_ms'),
    )
    .where('role', '=', sql.lit('agent'))
    .where('user_id', 'in', [...options.agentIds])
    .where((eb) => eb.or([eb('left_at', 'is', null), eb('left_at', '>', from)]))
    .where('joined_at', '<', to)
    .groupBy('user_id')
    .execute();
  for (const row of rows) held.set(row.user_id, Math.max(0, Number(row.held_ms)));
  return held;
}
