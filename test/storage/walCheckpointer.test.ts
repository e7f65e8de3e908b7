// The WAL checkpointer (src/storage/walCheckpointer.ts): its worker thread copies the WAL back
// into the database file while the main connection has auto-checkpoints off, truncates a WAL
// that grew large, ends its thread on stop(), and a kill -9 in the middle of a checkpoint loses
// no acknowledged commit.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/store.js';
import { WalCheckpointer, type CheckpointReport } from '../../src/storage/walCheckpointer.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-checkpoint-'));
  file = path.join(dir, 'db.sqlite');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A connection as the store opens it, with rows written and nothing checkpointed yet. */
function writer(rows: number): SqliteDatabase.Database {
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('wal_autocheckpoint = 0');
  sqlite.exec('create table rows (id integer primary key, body blob not null)');
  const insert = sqlite.prepare('insert into rows (body) values (randomblob(4096))');
  sqlite.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run();
  })();
  return sqlite;
}

const walBytes = () => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);

function nextReport(
  checkpointer: WalCheckpointer,
  matches: (report: CheckpointReport) => boolean,
): Promise<CheckpointReport> {
  return new Promise((resolve, reject) => {
    const off = checkpointer.onReport((message) => {
      if (message.type === 'error') {
        off();
        reject(new Error(message.message));
      } else if (matches(message.report)) {
        off();
        resolve(message.report);
      }
    });
  });
}

describe('WalCheckpointer', () => {
  it('copies the WAL back into the database file on its timer', async () => {
    const sqlite = writer(500);
    const before = fs.statSync(file).size;
    const checkpointer = new WalCheckpointer({ file, connection: sqlite, intervalMs: 10 });
    const report = await nextReport(checkpointer, (r) => r.checkpointed > 0);
    expect(report).toMatchObject({ mode: 'PASSIVE', busy: 0 });
    expect(report.checkpointed).toBe(report.log);
    // 500 rows of 4 KiB now live in the database file itself.
    expect(fs.statSync(file).size).toBeGreaterThan(before + 500 * 4096);
    await checkpointer.stop();
    sqlite.close();
  });

  it('truncates a WAL that grew past its limit', async () => {
    const sqlite = writer(500);
    expect(walBytes()).toBeGreaterThan(500 * 4096);
    const checkpointer = new WalCheckpointer({
      file,
      connection: sqlite,
      intervalMs: 60_000,
      truncatePages: 100,
    });
    const truncated = nextReport(checkpointer, (r) => r.mode === 'TRUNCATE');
    void checkpointer.checkpointNow();
    expect(await truncated).toMatchObject({ busy: 0, log: 0 });
    expect(walBytes()).toBe(0);
    // What was written is all there.
    expect(sqlite.prepare('select count(*) as n from rows').get()).toEqual({ n: 500 });
    await checkpointer.stop();
    sqlite.close();
  });

  it('truncates the WAL while commits follow each other without a pause', async () => {
    const sqlite = writer(0);
    const insert = sqlite.prepare('insert into rows (body) values (randomblob(4096))');
    const checkpointer = new WalCheckpointer({
      file,
      connection: sqlite,
      intervalMs: 10,
      truncatePages: 200,
    });
    let truncated = false;
    void nextReport(checkpointer, (r) => r.mode === 'TRUNCATE' && r.busy === 0).then(
      () => (truncated = true),
    );
    // Only a turn of the event loop between one commit and the next.
    let commits = 0;
    while (!truncated) {
      if (++commits > 1_000_000) throw new Error('never truncated');
      insert.run();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await checkpointer.stop();
    sqlite.close();
  });

  it("truncates only between the main connection's transactions", async () => {
    const sqlite = writer(500);
    const checkpointer = new WalCheckpointer({
      file,
      connection: sqlite,
      intervalMs: 60_000,
      truncatePages: 100,
    });
    const reports: CheckpointReport[] = [];
    checkpointer.onReport((message) => {
      if (message.type === 'checkpoint') reports.push(message.report);
    });
    // A transaction that reads, waits (as a request's does for its next statement) and writes.
    sqlite.exec('begin');
    sqlite.prepare('select count(*) from rows').get();
    await checkpointer.checkpointNow();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reports.map((r) => r.mode)).toEqual(['PASSIVE']);
    sqlite.prepare('insert into rows (body) values (randomblob(10))').run();
    sqlite.exec('commit');
    const truncated = await nextReport(checkpointer, (r) => r.mode === 'TRUNCATE');
    expect(truncated).toMatchObject({ busy: 0, log: 0 });
    expect(walBytes()).toBe(0);
    expect(sqlite.prepare('select count(*) as n from rows').get()).toEqual({ n: 501 });
    await checkpointer.stop();
    sqlite.close();
  });

  it('leaves a WAL under its limit in place', async () => {
    const sqlite = writer(50);
    const checkpointer = new WalCheckpointer({
      file,
      connection: sqlite,
      intervalMs: 60_000,
      truncatePages: 100_000,
    });
    const message = await checkpointer.checkpointNow();
    expect(message).toMatchObject({ type: 'checkpoint', report: { mode: 'PASSIVE', busy: 0 } });
    expect(walBytes()).toBeGreaterThan(50 * 4096);
    await checkpointer.stop();
    sqlite.close();
  });

  it('ends its thread and closes its connection on stop()', async () => {
    const sqlite = writer(10);
    const checkpointer = new WalCheckpointer({ file, connection: sqlite, intervalMs: 10 });
    await checkpointer.checkpointNow();
    const reports: unknown[] = [];
    checkpointer.onReport((message) => reports.push(message));
    await checkpointer.stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reports).toEqual([]);
    // Only the last connection to close removes the WAL: the worker's is closed.
    sqlite.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    // Stopping again is harmless.
    await checkpointer.stop();
  });

  it('runs for a store on a file, and its close() joins it', async () => {
    const store = openStore({ sqliteFile: file });
    await store.db.schema
      .createTable('rows')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('body', 'blob')
      .execute();
    const before = fs.statSync(file).size;
    await store.transaction(async (trx) => {
      for (let i = 0; i < 300; i++)
        await trx
          .insertInto('rows' as never)
          .values({ body: Buffer.alloc(4096, i) } as never)
          .execute();
    });
    // Auto-checkpoints are off (1,000 pages would never be reached here anyway): only the
    // worker copies the rows into the database file while the store is open.
    const deadline = Date.now() + 30_000;
    while (fs.statSync(file).size < before + 300 * 4096) {
      if (Date.now() > deadline) throw new Error('the WAL was never checkpointed');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await store.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });
});

describe('a process whose only work left is closing its store', () => {
  it('stays alive until close() has ended the thread', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'support', 'closeStoreChild.ts'), file],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect({ code, output }).toEqual({ code: 0, output: 'closed\n' });
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });
});

describe('a process killed during checkpoints', () => {
  it('loses no acknowledged commit', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(import.meta.dirname, 'support', 'checkpointCrashChild.ts'),
        file,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let acked = 0;
    let checkpoints = 0;
    let buffered = '';
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('acked ')) acked = Number(line.slice(6));
        else if (line.startsWith('checkpoint')) checkpoints++;
      }
      // Killed while it commits and the worker copies (every 5 ms, 8 KiB a row), after a
      // TRUNCATE or two have had the chance to run (2,000 pages).
      if (checkpoints >= 20 && acked >= 1000) child.kill('SIGKILL');
    });
    expect(await exited).toBe('SIGKILL');
    expect(checkpoints).toBeGreaterThanOrEqual(20);

    const sqlite = new SqliteDatabase(file);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const { n, top } = sqlite.prepare('select count(*) as n, max(id) as top from rows').get() as {
      n: number;
      top: number;
    };
    expect(top).toBeGreaterThanOrEqual(acked);
    // No gap either: every row up to the last is there.
    expect(n).toBe(top);
    sqlite.close();
  });
});
