import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/storage/store.js';
import { openBulkLoader } from './bulkLoad.js';
import {
  postgresAvailable,
  postgresDatabase,
  sqliteDatabase,
  type BenchDatabase,
} from './databases.js';
import { createUsers, openFixture, type Fixture } from './fixtures.js';

/** The loaded tables' indexes, triggers and foreign keys, as the catalogue describes them. */
async function schemaOf(store: Store): Promise<string[]> {
  const query =
    store.dialect === 'sqlite'
      ? sql<{ d: string }>`select type || ' ' || name || ' ' || coalesce(sql, '') as d
          from sqlite_master where tbl_name in ('chat_sessions', 'chat_messages')
          and type in ('index', 'trigger')`
      : sql<{ d: string }>`select pg_get_indexdef(indexrelid) as d from pg_index
          where indrelid in ('chat_sessions'::regclass, 'chat_messages'::regclass)
          union all select conname || ' ' || pg_get_constraintdef(oid) from pg_constraint
          where conrelid in ('chat_sessions'::regclass, 'chat_messages'::regclass)`;
  return (await query.execute(store.db)).rows.map((r) => r.d).sort();
}

/** Messages the full-text search finds for `word` (through the index on SQLite). */
async function found(store: Store, word: string): Promise<number> {
  const query =
    store.dialect === 'sqlite'
      ? sql<{ n: number }>`select count(*) as n from chat_message_search
          where chat_message_search match ${word}`
      : sql<{ n: number }>`select count(*) as n from chat_messages
          where to_tsvector('simple', message_text) @@ to_tsquery('simple', ${word})
          and message_type <> 'system'`;
  return Number((await query.execute(store.db)).rows[0]!.n);
}

const session = (id: string, userId: string, at: number) => ({
  id,
  user_id: userId,
  status: 'ended',
  priority: 'medium',
  priority_rank: 1,
  subject: 'Question',
  started_at: at,
  last_seq: 1,
  updated_at: at,
});

const message = (id: string, sessionId: string, text: string, type = 'text') => ({
  id,
  session_id: sessionId,
  seq: 1,
  sender_id: null,
  message_type: type,
  message_text: text,
  is_read: 1,
  created_at: 1,
});

const kinds: Array<[string, () => BenchDatabase | Promise<BenchDatabase>]> = [
  ['sqlite', sqliteDatabase],
];
if (await postgresAvailable()) kinds.push(['postgres', postgresDatabase]);

describe.each(kinds)('bulk load on %s', (_, open) => {
  const opened: Array<{ database: BenchDatabase; fixture: Fixture }> = [];
  afterAll(async () => {
    for (const { database, fixture } of opened) {
      await fixture.close();
      await database.drop();
    }
  });

  it('loads the rows and leaves the indexes, triggers, keys and text search as they were', async () => {
    const database = await open();
    const fixture = await openFixture(database.storeOptions);
    opened.push({ database, fixture });
    const { store } = fixture;
    const [customer] = await createUsers(fixture, 1, 'user');
    // A chat from before the load: its message must not be indexed twice.
    await store.db
      .insertInto('chat_sessions')
      .values(session('before', customer!.id, 1) as never)
      .execute();
    await store.db
      .insertInto('chat_messages')
      .values(message('before-m', 'before', 'hello exam') as never)
      .execute();
    const schema = await schemaOf(store);

    const loader = await openBulkLoader(database.storeOptions, ['chat_sessions', 'chat_messages']);
    const ids = Array.from({ length: 250 }, (_, i) => `s${i}`);
    await loader.insert(
      'chat_sessions',
      ids.map((id, i) => session(id, customer!.id, 1000 + i)),
    );
    await loader.insert(
      'chat_messages',
      ids.map((id, i) =>
        message(`${id}m`, id, i % 2 ? 'hello fees' : 'Ama joined', i % 2 ? 'text' : 'system'),
      ),
    );
    await loader.finish();

    expect(await schemaOf(store)).toEqual(schema);
    const counted = await store.db
      .selectFrom('chat_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(251);
    expect(await found(store, 'hello')).toBe(126);
    expect(await found(store, 'fees')).toBe(125);
    // System lines stay out of the index, as the trigger (or the partial index) leaves them.
    expect(await found(store, 'joined')).toBe(0);
    // The keys are enforced again.
    await expect(
      store.db
        .insertInto('chat_messages')
        .values(message('orphan', 'no-such-chat', 'hello') as never)
        .execute(),
    ).rejects.toThrow();
  });
});
