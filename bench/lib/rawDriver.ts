// The raw driver baseline: how fast the database itself commits message-sized rows, with the same
// durability Switchboard uses (SQLite WAL + synchronous=FULL; PostgreSQL's defaults), measured
// in the same run. Single-row commits are the honest floor for "acknowledge each message once it
// is durable"; batched commits show what grouping can reach.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { rawInsert, rawMessagesSchema, type RawRow } from './rawMessages.js';

export interface DriverRates {
  singleRowCommitsPerSecond: number;
  batchedRowsPerSecond: number;
}

const BATCH = 100;
const TABLE = 'raw_messages';

let counter = 0;
const row = (): RawRow => {
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
  for (const statement of rawMessagesSchema(TABLE)) db.exec(statement);
  const insert = db.prepare(rawInsert(TABLE, 1, 'sqlite'));
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
  for (const statement of rawMessagesSchema(TABLE)) await pool.query(statement);
  const insertOne = rawInsert(TABLE, 1, 'postgres');
  const insertMany = rawInsert(TABLE, BATCH, 'postgres');
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
  await pool.query(`drop table ${TABLE}`);
  await pool.end();
  return rates;
}
