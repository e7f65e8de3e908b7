// Attachments: `files` holds what Switchboard knows of each upload, `file_chunks` the content of
// those kept in the database (the default FileStore; storage/files/). The seed's `chat_files`,
// never used, gives way to `files`, which any kind of message can own: a chat's now (`session_id`,
// `message_id`), a ticket's later by columns of its own beside them. An owner's foreign key is set
// to null when the owner goes, so a file whose message was purged (attached, no message) and an
// upload never sent (no message, old) are one query for the housekeeping sweep, which removes
// their content from whichever store holds it. Content is addressed by key, never by a path
// taken from a request.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('chat_files').execute();

  await db.schema
    .createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('uploader_id', 'text', (c) => c.notNull().references('users.id'))
    // The chat it was uploaded to, and the message of that chat that carries it once sent.
    .addColumn('session_id', 'text', (c) => c.references('chat_sessions.id').onDelete('set null'))
    .addColumn('message_id', 'text', (c) => c.references('chat_messages.id').onDelete('set null'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('has_thumbnail', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // When its content was stored whole; null while it is arriving (or if that was cut short).
    .addColumn('stored_at', 'bigint')
    // When a message took it; a file attached once is never attached again.
    .addColumn('attached_at', 'bigint')
    .execute();
  // The files of a page of messages.
  await db.schema.createIndex('files_message').on('files').column('message_id').execute();
  // The owner's foreign key is followed when a chat goes.
  await db.schema.createIndex('files_session').on('files').column('session_id').execute();
  // The sweep: files no message holds, oldest first.
  await db.schema
    .createIndex('files_unowned')
    .on('files')
    .column('created_at')
    .where(sql.ref('message_id'), 'is', null)
    .execute();

  const binary = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
  await db.schema
    .createTable('file_chunks')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', sql.raw(binary), (c) => c.notNull())
    .addPrimaryKeyConstraint('file_chunks_pk', ['key', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('file_chunks').execute();
  await db.schema.dropTable('files').execute();
  // As 0001_initial made it.
  await db.schema
    .createTable('chat_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('chat_sessions.id').onDelete('cascade'),
    )
    .addColumn('message_id', 'text', (c) => c.references('chat_messages.id'))
    .addColumn('uploader_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('chat_files_session').on('chat_files').column('session_id').execute();
}
