// Inbound mail: `mail_messages` records every mail the desk received (and, for threading, the
// Message-ID of every ticket mail it sent), keyed by the mailbox it came through and its
// Message-ID. The key is what makes an import happen once: a mail fetched again after a crash
// (committed, not yet marked on the server) meets its own row. An imported mail points at the
// ticket message it became and keeps its original bytes for the agent who needs more than the
// thread shows; an ignored one keeps its reason.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const binary = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
  await db.schema
    .createTable('mail_messages')
    // Where it came through (`imap:<user>@<host>/<folder>`, `smtp`), or `outbound` for ours.
    .addColumn('mailbox', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    // `processed` (a ticket message), `ignored` (see reason), `sent` (ours).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id'))
    .addColumn('ticket_message_id', 'text', (c) => c.references('ticket_messages.id'))
    .addColumn('from_address', 'text')
    .addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
    // The mail as received (null for ours, and for mail above the size limit).
    .addColumn('raw', sql.raw(binary))
    .addColumn('size_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('mail_messages_pk', ['mailbox', 'message_id'])
    .execute();
  // Threading: the ticket of a Message-ID a reply answers, whichever way that mail went.
  await db.schema
    .createIndex('mail_messages_message_id')
    .on('mail_messages')
    .column('message_id')
    .execute();
  // The original of a ticket message.
  await db.schema
    .createIndex('mail_messages_ticket_message')
    .on('mail_messages')
    .column('ticket_message_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('mail_messages').execute();
}
