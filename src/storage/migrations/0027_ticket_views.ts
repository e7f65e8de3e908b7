// Saved inbox views: an agent's named filter and sort of the ticket inbox (its query as JSON,
// checked against the list's own filter schema when saved), personal, or shared with the whole
// desk by a super admin. And the index of the inbox's "created" sort.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ticket_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // An agent's views, and the shared ones: each read beside the built-in views on every inbox.
  await db.schema.createIndex('ticket_views_owner').on('ticket_views').column('owner_id').execute();
  await db.schema.createIndex('ticket_views_shared').on('ticket_views').column('shared').execute();
  await db.schema
    .createIndex('tickets_created')
    .on('tickets')
    .columns(['created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tickets_created').execute();
  await db.schema.dropTable('ticket_views').execute();
}
