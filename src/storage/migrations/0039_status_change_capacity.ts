// Utilisation weighs each available interval by the capacity in force then (docs/reports.md,
// "Agents"): every row of agent_status_changes now also keeps the agent's max concurrent chats
// from that moment, and a change of the maximum writes a row of its own (same status, new
// capacity). Rows written before this migration get the agent's current maximum, the only one
// known; the column's default (5, the default of a new agent) is only there because SQLite
// cannot add a NOT NULL column without one, and every write sets it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('agent_status_changes')
    .addColumn('max_concurrent_chats', 'integer', (c) => c.notNull().defaultTo(5))
    .execute();
  await sql`
    update agent_status_changes
    set max_concurrent_chats = (
      select s.max_concurrent_chats from chat_agent_status s
      where s.agent_id = agent_status_changes.agent_id
    )
    where exists (
      select 1 from chat_agent_status s where s.agent_id = agent_status_changes.agent_id
    )
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('agent_status_changes').dropColumn('max_concurrent_chats').execute();
}
