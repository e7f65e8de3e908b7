// Chat search (docs/tickets.md#search): the full-text indexes of ticket search (0015) over chat
// subjects and message texts. On SQLite, FTS5 tables kept in step by triggers; on PostgreSQL,
// GIN indexes on the same text as a `simple` tsvector, which the queries repeat exactly.
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { ftsTable } from './0015_ticket_search.js';

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

const TABLES = ['chat_subject_search', 'chat_message_search'];

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`create index chat_sessions_subject_search on chat_sessions using gin (to_tsvector('simple', subject))`.execute(
      db,
    );
    await sql`create index chat_messages_search on chat_messages using gin (to_tsvector('simple', message_text))`.execute(
      db,
    );
  } else {
    await ftsTable(db, TABLES[0]!, 'chat_sessions', 'subject');
    await ftsTable(db, TABLES[1]!, 'chat_messages', 'message_text');
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await db.schema.dropIndex('chat_messages_search').execute();
    await db.schema.dropIndex('chat_sessions_subject_search').execute();
  } else {
    for (const name of TABLES) {
      for (const change of ['insert', 'delete', 'update']) {
        await sql.raw(`drop trigger ${name}_${change}`).execute(db);
      }
      await sql.raw(`drop table ${name}`).execute(db);
    }
  }
}
