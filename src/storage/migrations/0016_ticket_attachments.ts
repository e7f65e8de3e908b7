// Attachments on tickets: a file's owner is a chat message (0012's `session_id`, `message_id`) or
// a ticket message, by columns of its own beside them: `ticket_id`, the ticket it was uploaded to,
// and `ticket_message_id`, the reply or note that carries it once sent. As with chats, an owner's
// foreign key goes null when the owner goes, so the housekeeping sweep's one query (a file no
// message of either kind holds) still finds what is abandoned or purged; its partial index now
// says "neither owner".
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('files')
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id').onDelete('set null'))
    .execute();
  await db.schema
    .alterTable('files')
    .addColumn('ticket_message_id', 'text', (c) =>
      c.references('ticket_messages.id').onDelete('set null'),
    )
    .execute();
  // The files of a page of a ticket's thread.
  await db.schema
    .createIndex('files_ticket_message')
    .on('files')
    .column('ticket_message_id')
    .execute();
  // The owner's foreign key is followed when a ticket goes.
  await db.schema.createIndex('files_ticket').on('files').column('ticket_id').execute();
  await db.schema.dropIndex('files_unowned').execute();
  await db.schema
    .createIndex('files_unowned')
    .on('files')
    .column('created_at')
    .where(sql.ref('message_id'), 'is', null)
    .where(sql.ref('ticket_message_id'), 'is', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('files_unowned').execute();
  // As 0012 made it. Files of tickets then look unowned: the sweep removes them, content too.
  await db.schema
    .createIndex('files_unowned')
    .on('files')
    .column('created_at')
    .where(sql.ref('message_id'), 'is', null)
    .execute();
  await db.schema.dropIndex('files_ticket').execute();
  await db.schema.dropIndex('files_ticket_message').execute();
  await db.schema.alterTable('files').dropColumn('ticket_message_id').execute();
  await db.schema.alterTable('files').dropColumn('ticket_id').execute();
}
