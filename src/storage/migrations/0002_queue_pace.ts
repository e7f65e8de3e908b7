// The queue's pace: when chats were taken from the queue, for the customer's wait estimate.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('chat_sessions_assigned_at')
    .on('chat_sessions')
    .column('assigned_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('chat_sessions_assigned_at').execute();
}
