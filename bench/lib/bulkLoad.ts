// Loads generated rows into a bench database fast, beside the store (its own connection): on
// SQLite, prepared multi-row statements in large transactions with synchronous=OFF and foreign
// keys unchecked; on PostgreSQL, one INSERT ... SELECT FROM unnest(arrays) per few thousand rows,
// commits not waited for, one in flight while the next is generated. The loaded tables' own
// indexes and triggers (and, on PostgreSQL, their foreign keys) are dropped for the load and made
// again by finish(), exactly as the migrations defined them (read back from the catalogue), so
// what is measured afterwards has the product's indexes. Only the generator's rows are loaded,
// consistent by construction: nothing is checked that a constraint would have caught.
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';

export type Row = Record<string, unknown>;

export interface BulkLoader {
  /** Inserts `rows` (objects with the same keys, the table's column names) into `table`. */
  insert(table: string, rows: Row[]): Promise<void>;
  /** Waits for what is in flight and makes the dropped indexes, triggers and keys again. */
  finish(): Promise<void>;
}

const SQLITE_ROWS_PER_STATEMENT = 100;
const SQLITE_ROWS_PER_COMMIT = 200_000;

export async function openBulkLoader(
  target: { sqliteFile?: string; databaseUrl?: string },
  tables: string[],
): Promise<BulkLoader> {
  if (target.databaseUrl) return postgresLoader(target.databaseUrl, tables);
  if (!target.sqliteFile) throw new Error('bulk load needs a SQLite file or a PostgreSQL URL');
  return sqliteLoader(target.sqliteFile, tables);
}

function sqliteLoader(file: string, tables: string[]): BulkLoader {
  const db = new SqliteDatabase(file);
  db.pragma('busy_timeout = 5000');
  // A lost generation is simply generated again: no flush per commit.
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -262144');
  const names = tables.map(() => '?').join(', ');
  // Indexes first, so triggers (FTS) come back after them; an index with no sql is a key's own.
  const saved = db
    .prepare(
      `select type, name, sql from sqlite_master where tbl_name in (${names})
       and type in ('index', 'trigger') and sql is not null order by type = 'trigger', name`,
    )
    .all(...tables) as Array<{ type: string; name: string; sql: string }>;
  for (const { type, name } of saved) db.exec(`drop ${type} "${name}"`);
  const firstRowid = new Map(
    tables.map((t) => [
      t,
      (db.prepare(`select coalesce(max(rowid), 0) as n from "${t}"`).get() as { n: number }).n,
    ]),
  );

  const statements = new Map<string, SqliteDatabase.Statement>();
  const statement = (table: string, columns: string[], rows: number) => {
    const key = `${table}|${rows}`;
    let prepared = statements.get(key);
    if (!prepared) {
      const one = `(${columns.map(() => '?').join(', ')})`;
      prepared = db.prepare(
        `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ` +
          Array(rows).fill(one).join(', '),
      );
      statements.set(key, prepared);
    }
    return prepared;
  };
  // An insert trigger (FTS5's, 0015) did for each new row what its body says: run the body once
  // over the loaded rows, its `new.` read from them.
  const backfill = (trigger: string) => {
    const parts = /^create trigger \w+ after insert on (\w+) begin (.*);\s*end$/is.exec(trigger);
    if (!parts) throw new Error(`bulk load cannot replay trigger: ${trigger}`);
    const [, table, body] = parts;
    const from = `from "${table}" as loaded where loaded.rowid > ${firstRowid.get(table!)!}`;
    const replay = body!.replace(/\bnew\./g, 'loaded.');
    db.exec(
      /\swhere\s/i.test(replay)
        ? replay.replace(/\swhere\s/i, ` ${from} and `)
        : `${replay} ${from}`,
    );
  };
  let inTransaction = 0;
  const insertAll = (table: string, rows: Row[]) => {
    const columns = Object.keys(rows[0]!);
    for (let i = 0; i < rows.length; i += SQLITE_ROWS_PER_STATEMENT) {
      const part = rows.slice(i, i + SQLITE_ROWS_PER_STATEMENT);
      const values: unknown[] = [];
      for (const row of part) for (const c of columns) values.push(row[c]);
      statement(table, columns, part.length).run(values);
    }
  };
  return {
    async insert(table, rows) {
      if (rows.length === 0) return;
      if (inTransaction === 0) db.exec('begin');
      insertAll(table, rows);
      inTransaction += rows.length;
      if (inTransaction >= SQLITE_ROWS_PER_COMMIT) {
        db.exec('commit');
        inTransaction = 0;
      }
    },
    async finish() {
      if (inTransaction > 0) db.exec('commit');
      for (const { type, sql } of saved) {
        db.exec(sql);
        if (type === 'trigger' && /\bafter insert on\b/i.test(sql)) backfill(sql);
      }
      db.close();
    },
  };
}

async function postgresLoader(url: string, tables: string[]): Promise<BulkLoader> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`set synchronous_commit = off`);
  await client.query(`set maintenance_work_mem = '512MB'`);
  const keys = await client.query<{ table: string; name: string; definition: string }>(
    `select conrelid::regclass::text as table, conname as name,
            pg_get_constraintdef(oid) as definition
     from pg_constraint where contype = 'f' and conrelid = any($1::regclass[])`,
    [tables],
  );
  // Indexes that back no constraint (the keys' own stay: the load needs nothing else).
  const indexes = await client.query<{ name: string; definition: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
     from pg_index i where i.indrelid = any($1::regclass[])
     and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
    [tables],
  );
  for (const key of keys.rows) {
    await client.query(`alter table ${key.table} drop constraint "${key.name}"`);
  }
  for (const index of indexes.rows) await client.query(`drop index ${index.name}`);

  const types = new Map<string, Map<string, string>>();
  for (const table of tables) {
    const columns = await client.query<{ name: string; type: string }>(
      `select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute
       where attrelid = $1::regclass and attnum > 0 and not attisdropped`,
      [table],
    );
    types.set(table, new Map(columns.rows.map((c) => [c.name, c.type])));
  }
  let inFlight: Promise<unknown> = Promise.resolve();
  return {
    async insert(table, rows) {
      if (rows.length === 0) return;
      const columns = Object.keys(rows[0]!);
      const typeOf = types.get(table)!;
      const arrays = columns.map((c) => rows.map((row) => row[c]));
      const text =
        `insert into ${table} (${columns.map((c) => `"${c}"`).join(', ')}) ` +
        `select * from unnest(${columns.map((c, i) => `$${i + 1}::${typeOf.get(c)}[]`).join(', ')})`;
      // One statement in flight: the next batch is generated while PostgreSQL writes this one.
      await inFlight;
      inFlight = client.query(text, arrays);
    },
    async finish() {
      await inFlight;
      for (const index of indexes.rows) await client.query(index.definition);
      for (const key of keys.rows) {
        await client.query(
          `alter table ${key.table} add constraint "${key.name}" ${key.definition}`,
        );
      }
      await client.end();
    },
  };
}
