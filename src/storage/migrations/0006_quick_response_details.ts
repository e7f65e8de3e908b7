// Quick responses get a category (the picker groups by it), a shortcut (`/fees` in the composer),
// unique within its scope, and each agent's count of uses (their picker shows the most used first).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('chat_quick_responses').addColumn('category', 'text').execute();
  await db.schema.alterTable('chat_quick_responses').addColumn('shortcut', 'text').execute();
  // One shortcut per scope: the shared responses (no owner) are one scope, each agent's another.
  // NULLs never collide in a unique index, hence the coalesce.
  await sql`create unique index chat_quick_responses_shortcut
    on chat_quick_responses (coalesce(owner_id, ''), shortcut)
    where shortcut is not null`.execute(db);

  await db.schema
    .createTable('chat_quick_response_uses')
    .addColumn('response_id', 'text', (c) =>
      c.notNull().references('chat_quick_responses.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('use_count', 'integer', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_quick_response_uses_pk', ['user_id', 'response_id'])
    .execute();
  await db.schema
    .createIndex('chat_quick_response_uses_response')
    .on('chat_quick_response_uses')
    .column('response_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('chat_quick_response_uses').execute();
  await sql`drop index chat_quick_responses_shortcut`.execute(db);
  await db.schema.alterTable('chat_quick_responses').dropColumn('shortcut').execute();
  await db.schema.alterTable('chat_quick_responses').dropColumn('category').execute();
}
