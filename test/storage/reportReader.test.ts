// Report reads on a SQLite file go through a worker thread's read-only connection: the same
// rows and errors as the main connection, nothing written, closed with the store, a crashed
// worker failing its reads and replaced, and the event loop free while a long read runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentReport } from '../../src/services/reports/agentReport.js';
import { chatExport } from '../../src/services/reports/chatExport.js';
import { chatHeatmap } from '../../src/services/reports/chatHeatmap.js';
import { chatReport } from '../../src/services/reports/chatReport.js';
import { ticketReport } from '../../src/services/reports/ticketReport.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { ReportReaderDialect } from '../../src/storage/reportReader/reportReader.js';
import type { Database } from '../../src/storage/schema.js';
import { openStore, type Store } from '../../src/storage/store.js';
import { insertReportChats } from '../support/reportChats.js';
import { makeWorld } from '../support/world.js';

/** Counts to `n` in SQL: a read that keeps SQLite busy for a while, writing nothing. */
const countTo = (n: number) =>
  sql<{ n: number }>`with recursive c(x) as (select 1 union all select x + 1 from c where x < ${n})
    select count(*) as n from c`;

/** How often a 1 ms timer fired while `work` ran. */
async function ticksDuring(work: () => Promise<unknown>): Promise<number> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  try {
    await work();
    return ticks;
  } finally {
    clearInterval(timer);
  }
}

describe('report reader', () => {
  let dir: string;
  let store: Store;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-report-reader-'));
    store = openStore({ sqliteFile: path.join(dir, 'desk.sqlite') });
    await migrateToLatest(store);
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads on its own connection on a file, and is the main one on an in-memory database', async () => {
    expect(store.reportDb).not.toBe(store.db);
    const memory = openStore({ sqliteFile: ':memory:' });
    expect(memory.reportDb).toBe(memory.db);
    await memory.close();
  });

  it('returns the rows the main connection committed, with parameters bound', async () => {
    await sql`create table reader_notes (key text primary key, value integer)`.execute(store.db);
    await sql`insert into reader_notes values ('a', 1), ('b', 2), ('c', 3)`.execute(store.db);
    const read = (db: Kysely<Database>) =>
      sql<{ key: string; value: number }>`select key, value from reader_notes
        where key in (${'a'}, ${'c'}) and value < ${10} order by key`.execute(db);
    const { rows } = await read(store.reportDb);
    expect(rows).toEqual([
      { key: 'a', value: 1 },
      { key: 'c', value: 3 },
    ]);
    expect(rows).toEqual((await read(store.db)).rows);
  });

  it('fails with SQLite’s error, writes nothing and keeps out of transactions', async () => {
    await expect(sql`select * from no_such_table`.execute(store.reportDb)).rejects.toMatchObject({
      code: 'SQLITE_ERROR',
      message: expect.stringContaining('no such table'),
    });
    await expect(
      sql`delete from reader_notes where key = ${'a'}`.execute(store.reportDb),
    ).rejects.toMatchObject({ code: 'SQLITE_READONLY' });
    expect((await sql`select key from reader_notes`.execute(store.db)).rows).toHaveLength(3);
    await expect(
      store.reportDb.transaction().execute(async (trx) => countTo(1).execute(trx)),
    ).rejects.toMatchObject({ code: 'REPORT_READER_NO_TRANSACTION' });
    // A parameter the thread cannot be sent fails its read at once.
    await expect(
      sql`select ${{ call: () => 1 }} as n`.execute(store.reportDb),
    ).rejects.toMatchObject({
      name: 'DataCloneError',
    });
    // Still answering after its errors.
    expect((await countTo(3).execute(store.reportDb)).rows).toEqual([{ n: 3 }]);
  });

  it('keeps the event loop running while it reads', async () => {
    const long = 2_000_000;
    // The control: the same read on the main connection holds the loop from start to end.
    expect(await ticksDuring(() => countTo(long).execute(store.db))).toBe(0);
    expect(await ticksDuring(() => countTo(long).execute(store.reportDb))).toBeGreaterThan(0);
  });

  it('fails the reads a crashed worker held, then starts another', async () => {
    const file = path.join(dir, 'desk.sqlite');
    const dialect = new ReportReaderDialect(file);
    const reader = new Kysely<Database>({ dialect });
    try {
      expect((await countTo(2).execute(reader)).rows).toEqual([{ n: 2 }]);
      const held = countTo(50_000_000).execute(reader);
      const queued = countTo(4).execute(reader);
      await dialect.worker.crashForTest();
      await expect(held).rejects.toMatchObject({ code: 'REPORT_READER_DIED' });
      await expect(queued).rejects.toMatchObject({ code: 'REPORT_READER_DIED' });
      expect((await countTo(5).execute(reader)).rows).toEqual([{ n: 5 }]);
    } finally {
      await reader.destroy();
    }
  });

  it('fails its reads when the file cannot be opened, without hanging', async () => {
    const reader = new Kysely<Database>({
      dialect: new ReportReaderDialect(path.join(dir, 'missing', 'none.sqlite')),
    });
    try {
      await expect(countTo(1).execute(reader)).rejects.toMatchObject({
        code: 'REPORT_READER_DIED',
      });
    } finally {
      await reader.destroy();
    }
  });

  it('fails what was in flight and everything after when closed', async () => {
    const reader = new Kysely<Database>({
      dialect: new ReportReaderDialect(path.join(dir, 'desk.sqlite')),
    });
    const held = countTo(50_000_000).execute(reader);
    await reader.destroy();
    await expect(held).rejects.toMatchObject({ code: 'REPORT_READER_CLOSED' });
    await expect(countTo(1).execute(reader)).rejects.toThrow();
  });

  it('answers the reports as the main connection does', async () => {
    const world = makeWorld(store);
    const onMain = { ...world.ctx, store: { ...store, reportDb: store.db } };
    const boss = await world.superAdmin('Ada');
    const ama = await world.agent('Ama', { status: 'offline' });
    const customer = await world.customer('Yaw');
    const day = Date.UTC(2026, 2, 2);
    const minute = 60_000;
    await insertReportChats(
      world.ctx,
      customer.id,
      Array.from({ length: 40 }, (_, i) => ({
        startedAt: day + i * 17 * minute,
        firstAssignedAt: i % 4 === 0 ? null : day + i * 17 * minute + (i % 7) * minute,
        firstResponseAt: i % 4 === 0 ? null : day + i * 17 * minute + ((i % 5) + 8) * minute,
        endedAt: i % 3 === 0 ? null : day + i * 17 * minute + 30 * minute,
        agentId: i % 4 === 0 ? null : ama.id,
        rating: i % 6 === 1 ? (i % 5) + 1 : null,
      })),
    );
    const range = { viewer: boss, from: day, to: day + 24 * 60 * minute };
    const viaWorker = await chatReport(world.ctx, range);
    expect(viaWorker.metrics.chats).toBe(40);
    expect(viaWorker).toEqual(await chatReport(onMain, range));
    expect(await chatHeatmap(world.ctx, range)).toEqual(await chatHeatmap(onMain, range));
    expect(await agentReport(world.ctx, range)).toEqual(await agentReport(onMain, range));
    expect(await ticketReport(world.ctx, range)).toEqual(await ticketReport(onMain, range));
    const exported = async (ctx: typeof onMain) => {
      const rows = [];
      for await (const row of (await chatExport(ctx, range)).records) rows.push(row);
      return rows;
    };
    const rows = await exported(world.ctx);
    expect(rows).toHaveLength(40);
    expect(rows).toEqual(await exported(onMain));
  });
});
