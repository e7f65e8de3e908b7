// Chat search (docs/tickets.md#search): the full-text indexes of ticket search (0015) over chat
// subjects and message texts. On SQLite, FTS5 tables kept in step by triggers; on PostgreSQL,
// GIN indexes on the same text as a `simple` tsvector, which the queries repeat exactly.
import type { Kysely } from 'kysely';
import { createTextSearch, dropTextSearch, type TextSearch } from './0015_ticket_search.js';

const SEARCHES: TextSearch[] = [
  {
    index: 'chat_sessions_subject_search',
    fts: 'chat_subject_search',
    table: 'chat_sessions',
    column: 'subject',
  },
  {
    index: 'chat_messages_search',
    fts: 'chat_message_search',
    table: 'chat_messages',
    column: 'message_text',
    // "Ama joined the chat" and the like: nothing to find, and written on every assignment,
    // transfer and end, where the index would cost routing its time.
    skip: { column: 'message_type', value: 'system' },
  },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await createTextSearch(db, SEARCHES);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropTextSearch(db, SEARCHES);
}
