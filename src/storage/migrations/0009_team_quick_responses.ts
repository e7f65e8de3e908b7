// Quick responses get a third scope: a team's, kept by its leads (and super admins) and offered
// to its members. A shortcut stays unique within its scope: shared, one team's, or one agent's.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A team nothing else refers to may be deleted: its responses go with it.
  await db.schema
    .alterTable('chat_quick_responses')
    .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('cascade'))
    .execute();
  await sql`drop index chat_quick_responses_shortcut`.execute(db);
  // NULLs never collide in a unique index, hence the coalesces; ids never are ''.
  await sql`create unique index chat_quick_responses_shortcut
    on chat_quick_responses (coalesce(owner_id, ''), coalesce(team_id, ''), shortcut)
    where shortcut is not null`.execute(db);
  await db.schema
    .createIndex('chat_quick_responses_team')
    .on('chat_quick_responses')
    .column('team_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('chat_quick_responses_team').execute();
  await sql`drop index chat_quick_responses_shortcut`.execute(db);
  await sql`delete from chat_quick_responses where team_id is not null`.execute(db);
  await db.schema.alterTable('chat_quick_responses').dropColumn('team_id').execute();
  await sql`create unique index chat_quick_responses_shortcut
    on chat_quick_responses (coalesce(owner_id, ''), shortcut)
    where shortcut is not null`.execute(db);
}
