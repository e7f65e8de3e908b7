// What keeps customers from being stranded: when an agent's status last changed and why the
// system set them away (their chats go back to the queue after a delay), and since when a chat
// has waited for the agent's reply.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('chat_agent_status')
    .addColumn('status_changed_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update chat_agent_status set status_changed_at = updated_at`.execute(db);
  await db.schema.alterTable('chat_agent_status').addColumn('away_reason', 'text').execute();
  await db.schema.alterTable('chat_sessions').addColumn('awaiting_agent_since', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('chat_sessions').dropColumn('awaiting_agent_since').execute();
  await db.schema.alterTable('chat_agent_status').dropColumn('away_reason').execute();
  await db.schema.alterTable('chat_agent_status').dropColumn('status_changed_at').execute();
}
