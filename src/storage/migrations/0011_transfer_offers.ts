// Transfers with acceptance: the offers made to agents, each pending until its receiver answers
// or its deadline passes (at most one pending per chat), and the handover note a chat's latest
// transfer left for its receiver.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('transfer_offers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('chat_sessions.id'))
    .addColumn('from_agent_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('to_agent_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('offered_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('note_message_id', 'text', (c) => c.references('chat_messages.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .addColumn('resolved_by', 'text', (c) => c.references('users.id'))
    .addColumn('returned_to', 'text')
    .execute();
  // One pending offer per chat, whatever two requests do at once.
  await db.schema
    .createIndex('transfer_offers_one_pending')
    .on('transfer_offers')
    .column('session_id')
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  // The expiry check: pending offers by deadline.
  await db.schema
    .createIndex('transfer_offers_due')
    .on('transfer_offers')
    .columns(['status', 'expires_at'])
    .execute();
  // An agent's pending offers, as receiver (the console shows them on every page).
  await db.schema
    .createIndex('transfer_offers_receiver')
    .on('transfer_offers')
    .columns(['to_agent_id', 'status'])
    .execute();
  await db.schema.alterTable('chat_sessions').addColumn('handover_note_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('chat_sessions').dropColumn('handover_note_id').execute();
  await db.schema.dropTable('transfer_offers').execute();
}
