// The migrated SQLite schema, read once per test run, that test files replay into their
// in-memory database instead of running the migrations: a few hundred statements take a tenth
// of the migrations' time, for each of a hundred files.
import { sql } from 'kysely';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { openStore, type Store } from '../../src/storage/store.js';

export interface SqliteTemplate {
  /** CREATE statements, tables first, then indexes, then triggers and views. */
  statements: string[];
  /** The rows the migrations leave (their own bookkeeping). */
  rows: Array<{ table: string; row: Record<string, unknown> }>;
}

const ORDER = ['table', 'index', 'view', 'trigger'];

export async function readSqliteTemplate(): Promise<SqliteTemplate> {
  const store = openStore({ sqliteFile: ':memory:' });
  try {
    await migrateToLatest(store);
    // Shadow tables (of the full-text tables) are made by their virtual table; automatic
    // indexes, which have no statement, by their table.
    const { rows: objects } = await sql<{ type: string; name: string; sql: string }>`
      select m.type, m.name, m.sql from sqlite_master m
      left join pragma_table_list t on t.schema = 'main' and t.name = m.name
      where m.sql is not null and m.name not like 'sqlite_%'
        and coalesce(t.type, '') <> 'shadow'
      order by m.rowid`.execute(store.db);
    const statements = ORDER.flatMap((type) =>
      objects.filter((o) => o.type === type).map((o) => o.sql),
    );
    const rows: SqliteTemplate['rows'] = [];
    const { rows: tables } = await sql<{ name: string }>`
      select name from pragma_table_list
      where schema = 'main' and type = 'table' and name not like 'sqlite_%'`.execute(store.db);
    for (const { name } of tables) {
      const { rows: found } = await sql<Record<string, unknown>>`
        select * from ${sql.table(name)}`.execute(store.db);
      for (const row of found) rows.push({ table: name, row });
    }
    return { statements, rows };
  } finally {
    await store.close();
  }
}

/** An in-memory store holding the template's schema and rows, as if just migrated. */
export async function storeFromTemplate(template: SqliteTemplate): Promise<Store> {
  const store = openStore({ sqliteFile: ':memory:' });
  await store.transaction(async (trx) => {
    for (const statement of template.statements) await sql.raw(statement).execute(trx);
    for (const { table, row } of template.rows) {
      const columns = Object.keys(row);
      await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
        values (${sql.join(columns.map((c) => row[c]))})`.execute(trx);
    }
  });
  return store;
}
