// Abuse limits: each chat session's message budget (a token bucket kept as the time it is full
// again, see domain/abuseLimits.ts), and every node's count of sockets per sign-in.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // 0: full since the epoch, so an existing session starts with its whole burst.
  await db.schema
    .alterTable('chat_sessions')
    .addColumn('message_budget_full_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();

  // Like presence, per node: a dead node's rows go with it. No foreign key to auth_sessions: a
  // sign-in is deleted at sign-out while its sockets are still closing.
  await db.schema
    .createTable('sign_in_sockets')
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('auth_session_id', 'text', (c) => c.notNull())
    .addColumn('sockets', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sign_in_sockets_pk', ['node_id', 'auth_session_id'])
    .execute();
  await db.schema
    .createIndex('sign_in_sockets_auth_session')
    .on('sign_in_sockets')
    .column('auth_session_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sign_in_sockets').execute();
  await db.schema.alterTable('chat_sessions').dropColumn('message_budget_full_at').execute();
}
