// Abuse limits: each chat session's message budget (a token bucket kept as the time it is full
// again, see domain/abuseLimits.ts).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // 0: full since the epoch, so an existing session starts with its whole burst.
  await db.schema
    .alterTable('chat_sessions')
    .addColumn('message_budget_full_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('chat_sessions').dropColumn('message_budget_full_at').execute();
}
