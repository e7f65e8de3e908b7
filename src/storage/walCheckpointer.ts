// WAL checkpoints off the committing path. SQLite's own auto-checkpoint runs inside the commit
// that pushes the WAL past 1,000 pages: that commit copies the WAL back into the database file
// and fsyncs it, on the event loop, while every other caller waits. Here a worker thread with a
// connection of its own to the same file runs `PRAGMA wal_checkpoint(PASSIVE)` every few hundred
// milliseconds instead (the main connection turns auto-checkpoints off): a passive checkpoint
// takes no writer lock, so commits carry on while it copies and syncs. A WAL that is fully copied
// back is reused from its start by the next writer; under unbroken load it may not be, so once
// it holds `truncatePages` frames the worker pauses and the main connection (the only writer)
// runs a TRUNCATE checkpoint between its transactions, which copies what came since and empties
// it. Crash safety is SQLite's: a checkpoint only ever copies committed frames and the WAL is
// not reused before the database file is synced, so a kill -9 at any point of it loses nothing.
//
// The worker's code is a small CommonJS string (`eval`): it needs only the driver, and a string
// runs the same from the sources (tests, tsx) and from dist/.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';

export interface WalCheckpointerOptions {
  /** The database file (never ':memory:'). */
  file: string;
  /** How often the worker checkpoints. */
  intervalMs?: number;
  /** WAL frames (pages) past which a checkpoint also truncates the WAL file. */
  truncatePages?: number;
  /**
   * The main connection, the only writer: it truncates the WAL itself, between transactions.
   * Another connection must not: a TRUNCATE rewrites the WAL's header, and a transaction of this
   * one that had read before it would fail on its first write (SQLITE_BUSY_SNAPSHOT).
   */
  connection: SqliteDatabase.Database;
}

/** One checkpoint, as `PRAGMA wal_checkpoint` reports it. */
export interface CheckpointReport {
  mode: 'PASSIVE' | 'TRUNCATE';
  /** 1 when the checkpoint could not finish (a writer or reader was in its way). */
  busy: number;
  /** Frames in the WAL. */
  log: number;
  /** Frames of them copied back into the database file. */
  checkpointed: number;
}

export type WorkerMessage =
  { type: 'checkpoint'; report: CheckpointReport } | { type: 'error'; message: string };

const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
// A checkpoint syncs the database file before the WAL may be reused: with FULL on this
// connection too, a power cut during one loses nothing.
db.pragma('synchronous = FULL');
// No busy handler: a checkpoint that meets a lock reports busy at once, so stop() never waits
// for a call in progress.
db.pragma('busy_timeout = 0');
let truncating = false;
const tick = () => {
  if (truncating) return;
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ type: 'checkpoint', report: { mode: 'PASSIVE', ...row } });
    if (row.busy === 0 && row.log >= workerData.truncatePages) {
      // Paused until the main connection has truncated the WAL.
      truncating = true;
      parentPort.postMessage({ type: 'truncate' });
    }
  } catch (error) {
    parentPort.postMessage({ type: 'error', message: String(error && error.message) });
  }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'now') return tick();
  if (message === 'truncated') return void (truncating = false);
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private readonly listeners = new Set<(message: WorkerMessage) => void>();
  private stopped = false;

  constructor(options: WalCheckpointerOptions) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        file: options.file,
        intervalMs: options.intervalMs ?? 200,
        // 16 MiB of 4 KiB pages.
        truncatePages: options.truncatePages ?? 4096,
      },
    });
    // Never what keeps a process alive; stop() still waits for it.
    this.worker.unref();
    this.worker.on('message', (message: WorkerMessage | { type: 'truncate' }) => {
      if (message.type === 'truncate') this.truncate(options.connection);
      else this.emit(message);
    });
    this.exited = new Promise((resolve) => {
      // A worker that failed (the file gone) only stops checkpointing: SQLite then checkpoints
      // when the last connection closes, and a commit is no less durable.
      this.worker.on('error', () => {});
      this.worker.on('exit', () => resolve());
    });
  }

  private emit(message: WorkerMessage): void {
    for (const listener of this.listeners) listener(message);
  }

  /**
   * On the event loop, once no transaction is open: the worker's PASSIVE run just before copied
   * nearly everything, so this copies only what came since, then empties the WAL file.
   */
  private truncate(connection: SqliteDatabase.Database): void {
    if (this.stopped || !connection.open) return;
    if (connection.inTransaction) {
      setImmediate(() => this.truncate(connection));
      return;
    }
    try {
      const [row] = connection.pragma('wal_checkpoint(TRUNCATE)') as [
        Omit<CheckpointReport, 'mode'>,
      ];
      this.emit({ type: 'checkpoint', report: { mode: 'TRUNCATE', ...row } });
    } catch (error) {
      this.emit({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
    this.worker.postMessage('truncated');
  }

  /** Calls `listener` after every checkpoint (and with every error) until the return is called. */
  onReport(listener: (message: WorkerMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs a checkpoint now, without waiting for the timer; resolves with its (first) report. */
  checkpointNow(): Promise<WorkerMessage> {
    return new Promise((resolve) => {
      const off = this.onReport((message) => {
        off();
        resolve(message);
      });
      this.worker.postMessage('now');
    });
  }

  /** Stops the timer and closes the worker's connection; resolves once the thread has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    // Held while it winds down: awaiting the exit of an unreferenced thread alone would let the
    // process end first, with the caller's close() never finishing.
    this.worker.ref();
    this.worker.postMessage('stop');
    await this.exited;
  }
}
