// The raw driver baseline: how fast the database itself commits message-sized rows, with the same
// durability Switchboard uses (SQLite WAL + synchronous=FULL; PostgreSQL's defaults), measured
// in the same run. Single-row commits are the honest floor for "acknowledge each message once it
// is durable"; batched commits show what grouping can reach.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';

export interface DriverRates {
  singleRowCommitsPerSecond: number;
  batchedRowsPerSecond: number;
}

const BATCH = 100;
const TABLE = `create table raw_messages (
  id text primary key, session_id text not null, seq integer not null, sender_id text,
  message_type text not null, message_text text not null, client_id text,
  is_read integer not null default 0, read_at bigint, created_at bigint not null)`;
const INDEXES = [
  'create unique index raw_messages_seq on raw_messages (session_id, seq)',
  'create unique index raw_messages_client on raw_messages (session_id, sender_id, client_id)',
];

let counter = 0;
const row = () => {
  counter += 1;
  return [
    `m-${counter}-${Math.random()}`,
    `s-${counter % 200}`,
    counter,
    'u',
    'text',
    'hello there',
    `c-${counter}`,
    Date.now(),
  ];
};

export function sqliteDriverRates(durationMs: number): DriverRates {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-raw-'));
  const db = new SqliteDatabase(path.join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(TABLE);
  for (const index of INDEXES) db.exec(index);
  const insert = db.prepare(
    'insert into raw_messages (id, session_id, seq, sender_id, message_type, message_text, client_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const measure = (step: () => number) => {
    let rows = 0;
    const started = performance.now();
    while (performance.now() - started < durationMs) rows += step();
    return Math.round(rows / ((performance.now() - started) / 1000));
  };
  const batch = db.transaction(() => {
    for (let i = 0; i < BATCH; i++) insert.run(...row());
  });
  const rates = {
    singleRowCommitsPerSecond: measure(() => (insert.run(...row()), 1)),
    batchedRowsPerSecond: measure(() => (batch(), BATCH)),
  };
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return rates;
}

/** With `connections` clients committing concurrently, as a Switchboard node's pool does. */
export async function postgresDriverRates(
  databaseUrl: string,
  durationMs: number,
  connections = 10,
): Promise<DriverRates> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: connections });
  // pool.end() resolves before every connection has closed, so dropping the database right
  // after can cut one that is still closing: unheard, that error would end the benchmark.
  pool.on('error', () => {});
  await pool.query(TABLE);
  for (const index of INDEXES) await pool.query(index);
  const insertOne =
    'insert into raw_messages (id, session_id, seq, sender_id, message_type, message_text, client_id, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8)';
  const insertMany = `insert into raw_messages (id, session_id, seq, sender_id, message_type, message_text, client_id, created_at) values ${Array.from(
    { length: BATCH },
    (_, i) => `(${Array.from({ length: 8 }, (_, j) => `$${i * 8 + j + 1}`).join(', ')})`,
  ).join(', ')}`;
  const measure = async (step: () => Promise<number>) => {
    let rows = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() - started < durationMs) rows += await step();
      }),
    );
    return Math.round(rows / ((performance.now() - started) / 1000));
  };
  const rates = {
    singleRowCommitsPerSecond: await measure(async () => (await pool.query(insertOne, row()), 1)),
    batchedRowsPerSecond: await measure(async () => {
      await pool.query(insertMany, Array.from({ length: BATCH }, row).flat());
      return BATCH;
    }),
  };
  await pool.query('drop table raw_messages');
  await pool.end();
  return rates;
}
