// Runs a suite once per database: always on SQLite, and on PostgreSQL when one is reachable,
// each in a fresh database (a copy of the run's migrated template) so parallel files and runs
// never see each other's rows.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, inject } from 'vitest';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { openStore, type DialectName, type Store } from '../../src/storage/store.js';
import { settleRouting } from './pendingRouting.js';
import { storeFromTemplate } from './sqliteTemplate.js';
import { adminQuery, copyTemplate, dropDatabase, inDatabase } from './postgresTemplate.js';

export interface TestDatabase {
  store: Store;
  /** Drops what the test made (the schema on PostgreSQL). */
  drop(): Promise<void>;
}

export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    // The run's migrated schema, replayed (see sqliteTemplate.ts).
    const store = await storeFromTemplate(inject('sqliteTemplate'));
    return { store, drop: () => store.close() };
  }
  const url = inject('postgresUrl');
  if (!url) throw new Error('PostgreSQL is not available');
  const template = inject('postgresTemplate');
  if (!template) return createSchema(url);
  // A database of its own, copied from the run's migrated template (see postgresTemplate.ts).
  const name = await copyTemplate(url, template);
  const store = openStore({ databaseUrl: inDatabase(url, name), pgPoolSize: 8 });
  return {
    store,
    async drop() {
      await store.close();
      await dropDatabase(url, name);
    },
  };
}

/**
 * Another deployment in a new, migrated schema of the same PostgreSQL database as `store` (which
 * has a database of its own when copied from the template): for the tests of what deployments
 * sharing a database must not share.
 */
export async function createSchemaBeside(store: Store): Promise<TestDatabase> {
  const { rows } = await sql<{ database: string }>`
    select current_database() as database`.execute(store.db);
  return createSchema(inDatabase(inject('postgresUrl')!, rows[0]!.database));
}

/** A new schema in the database at `url`, migrated. */
async function createSchema(url: string): Promise<TestDatabase> {
  const schema = `sbt_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `create schema ${schema}`);
  const store = openStore({ databaseUrl: url, pgSchema: schema, pgPoolSize: 8 });
  await migrateToLatest(store);
  return {
    store,
    async drop() {
      await store.close();
      await adminQuery(url, `drop schema ${schema} cascade`);
    },
  };
}

/** Where another connection pool finds the same PostgreSQL database and schema as `store`. */
export async function connectionOf(
  store: Store,
): Promise<{ databaseUrl: string; pgSchema: string }> {
  const { rows } = await sql<{ database: string; schema: string }>`
    select current_database() as database, current_schema() as schema`.execute(store.db);
  return {
    databaseUrl: inDatabase(inject('postgresUrl')!, rows[0]!.database),
    pgSchema: rows[0]!.schema,
  };
}

/** Every test starts from empty tables (cheaper than a new schema per test). */
export async function emptyAllTables(store: Store): Promise<void> {
  if (store.dialect === 'postgres') {
    const { rows } = await sql<{ tablename: string }>`
      select tablename from pg_tables
      where schemaname = current_schema() and tablename not like 'kysely%'`.execute(store.db);
    const tables = rows.map((r) => sql.table(r.tablename));
    // A node of the test may be running its background work meanwhile, taking the same tables'
    // locks in another order: PostgreSQL then breaks the deadlock by failing one side.
    for (let attempt = 1; ; attempt++) {
      try {
        await sql`truncate table ${sql.join(tables)} cascade`.execute(store.db);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '40P01' || attempt >= 5) throw error;
      }
    }
  }
  // Full-text tables (and their shadow tables) follow their content tables by triggers.
  const { rows } = await sql<{ name: string }>`
    select name from pragma_table_list where schema = 'main' and type = 'table'`.execute(store.db);
  const tables = rows
    .map((t) => t.name)
    .filter((name) => !name.startsWith('kysely_') && !name.startsWith('sqlite_'));
  await sql`pragma foreign_keys = off`.execute(store.db);
  for (const table of tables) await sql`delete from ${sql.table(table)}`.execute(store.db);
  await sql`pragma foreign_keys = on`.execute(store.db);
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
        await settleRouting();
        if (database) await emptyAllTables(database.store);
      });
      afterAll(async () => {
        await settleRouting();
        await database?.drop();
      });
      body(() => {
        if (!database) throw new Error('database not ready');
        return database.store;
      }, dialect);
    });
  }
}
