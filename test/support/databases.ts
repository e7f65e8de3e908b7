// Runs a suite once per database: always on SQLite, and on PostgreSQL when one is reachable,
// each in a fresh schema so parallel files and runs never see each other's rows.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, inject } from 'vitest';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { openStore, type DialectName, type Store } from '../../src/storage/store.js';

export interface TestDatabase {
  store: Store;
  /** Drops what the test made (the schema on PostgreSQL). */
  drop(): Promise<void>;
}

export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const store = openStore({ sqliteFile: ':memory:' });
    await migrateToLatest(store);
    return { store, drop: () => store.close() };
  }
  const url = inject('postgresUrl');
  if (!url) throw new Error('PostgreSQL is not available');
  const schema = `sbt_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const store = openStore({ databaseUrl: url, pgSchema: schema, pgPoolSize: 8 });
  await migrateToLatest(store);
  return {
    store,
    async drop() {
      await store.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}

/** Children before parents, so foreign keys never object. */
const TABLES_IN_DELETE_ORDER = [
  'chat_files',
  'chat_session_tags',
  'chat_session_events',
  'chat_participants',
  'chat_messages',
  'chat_sessions',
  'chat_quick_responses',
  'chat_agent_status',
  'auth_sessions',
  'presence',
  'nodes',
  'leases',
  'rate_limits',
  'sso_token_uses',
  'users',
] as const;

/** Every test starts from an empty database (cheaper than a new schema per test). */
export async function emptyAllTables(store: Store): Promise<void> {
  for (const table of TABLES_IN_DELETE_ORDER) await store.db.deleteFrom(table).execute();
}

export const availableDialects = (): DialectName[] =>
  inject('postgresUrl') ? ['sqlite', 'postgres'] : ['sqlite'];

/**
 * `describe` once per available database. The callback gets a getter for the store, which is
 * fresh for the whole describe block (tests inside share it; give them distinct data).
 */
export function describeEachDatabase(
  name: string,
  body: (db: () => Store, dialect: DialectName) => void,
): void {
  for (const dialect of availableDialects()) {
    describe(`${name} [${dialect}]`, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(dialect);
      });
      beforeEach(async () => {
        if (database) await emptyAllTables(database.store);
      });
      afterAll(async () => {
        await database?.drop();
      });
      body(() => {
        if (!database) throw new Error('database not ready');
        return database.store;
      }, dialect);
    });
  }
}
