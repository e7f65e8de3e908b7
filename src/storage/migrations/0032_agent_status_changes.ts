// Agents' time in each status (docs/reports.md, "Agents"): one row per status change, written in
// the transaction that changes chat_agent_status (the agent's choice, sign-out, the away sweep,
// deactivation). Nothing is backfilled: before an agent's first row their status is not known,
// and the report counts that time as offline. Two changes of one agent in the same millisecond
// keep the later one (an upsert on the key), which is the one that held afterwards.
// chat_participants gains an index by agent and leaving time, so the chats an agent held in a
// range are read without walking their whole history.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('agent_status_changes')
    .addColumn('agent_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('changed_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agent_status_changes_pk', ['agent_id', 'changed_at'])
    .execute();
  await db.schema
    .createIndex('chat_participants_agent_left')
    .on('chat_participants')
    .columns(['user_id', 'left_at'])
    .where(sql.ref('role'), '=', 'agent')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('chat_participants_agent_left').execute();
  await db.schema.dropTable('agent_status_changes').execute();
}
