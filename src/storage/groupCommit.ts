// Group commit. Each commit waits for the disk (SQLite synchronous = FULL, PostgreSQL's WAL
// flush), so under load most of a small write's cost is its own commit. Work submitted while a
// batch is running is gathered into the next one: each piece runs in its own savepoint (a
// failing piece is rolled back alone), one COMMIT makes them all durable, and only then does
// each caller get its result. Nothing is reported done before it is on disk.
//
// Pieces are spread over `lanes` by key (the chat session): a session's writes always share a
// lane, so they keep their order and two lanes never wait on each other's row locks.
//
// A piece may also be batchable (a BatchRunner with its item): a run of consecutive pieces with
// the same runner is handed to it at once, in one savepoint, so many callers' writes take a few
// statements instead of a few each (one round trip carrying many rows on PostgreSQL). The
// runner answers each item on its own; if it fails as a whole, its savepoint is rolled back and
// each piece runs alone, as any other piece.
import { CompiledQuery } from 'kysely';
import type { Db } from './store.js';

/** Large enough to amortize the commit, small enough to keep the first caller's wait short. */
const MAX_BATCH = 256;

/** Runs many pieces' items together; its outcomes are the items', in their order. */
export interface BatchRunner<I, T> {
  run(trx: Db, items: readonly I[]): Promise<Array<Outcome<T>>>;
}

/** A piece that a runner can do together with its neighbours in the batch. */
export interface Batchable<I, T> {
  runner: BatchRunner<I, T>;
  item: I;
}

interface Pending {
  work: (trx: Db) => Promise<unknown>;
  batch?: Batchable<unknown, unknown> | undefined;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export type Outcome<T = unknown> = { ok: true; value: T } | { ok: false; error: unknown };

export interface GroupCommitOptions {
  lanes: number;
  /** Runs one batch as a transaction (with the store's retry policy). */
  transaction: <T>(work: (trx: Db) => Promise<T>) => Promise<T>;
}

class Lane {
  private readonly queue: Pending[] = [];
  private running = false;

  constructor(private readonly transaction: GroupCommitOptions['transaction']) {}

  submit(pending: Pending): void {
    this.queue.push(pending);
    if (this.running) return;
    this.running = true;
    // Let the requests that arrived in the same tick join the first batch.
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      let outcomes: Outcome[] = [];
      try {
        await this.transaction(async (trx) => {
          // A retried batch starts over.
          outcomes = [];
          for (let i = 0; i < batch.length;) {
            const runner = batch[i]!.batch?.runner;
            let end = i + 1;
            while (runner && end < batch.length && batch[end]!.batch?.runner === runner) end++;
            if (runner && end - i > 1)
              outcomes.push(...(await runTogether(trx, batch.slice(i, end))));
            else outcomes.push(await runInSavepoint(trx, batch[i]!.work));
            i = end;
          }
        });
      } catch (error) {
        // The batch could not commit: nothing of it is durable.
        for (const pending of batch) pending.reject(error);
        continue;
      }
      batch.forEach((pending, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) pending.resolve(outcome.value);
        else pending.reject(outcome.error);
      });
    }
    this.running = false;
  }
}

export class GroupCommit {
  private readonly lanes: Lane[];

  constructor(options: GroupCommitOptions) {
    this.lanes = Array.from(
      { length: Math.max(1, options.lanes) },
      () => new Lane(options.transaction),
    );
  }

  /**
   * Runs `work` in the next batch of `key`'s lane. With `batch`, `work` is what the piece does
   * alone; the runner may do it together with its neighbours instead.
   */
  run<T, I = never>(work: (trx: Db) => Promise<T>, key = '', batch?: Batchable<I, T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.lanes[laneOf(key, this.lanes.length)]!.submit({
        work,
        batch: batch as Batchable<unknown, unknown> | undefined,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
    });
  }
}

function laneOf(key: string, lanes: number): number {
  if (lanes === 1) return 0;
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return Math.abs(hash) % lanes;
}

// Fixed statements, compiled once: they run twice for every piece of every batch.
const SAVEPOINT = CompiledQuery.raw('savepoint batch_item');
const RELEASE = CompiledQuery.raw('release savepoint batch_item');
const ROLLBACK_TO = CompiledQuery.raw('rollback to savepoint batch_item');

/** Consecutive pieces of one runner, together; alone each if the runner fails as a whole. */
async function runTogether(trx: Db, pieces: readonly Pending[]): Promise<Outcome[]> {
  const runner = pieces[0]!.batch!.runner;
  const together = await runInSavepoint(trx, (t) =>
    runner.run(
      t,
      pieces.map((piece) => piece.batch!.item),
    ),
  );
  if (together.ok) return together.value as Outcome[];
  const outcomes: Outcome[] = [];
  for (const piece of pieces) outcomes.push(await runInSavepoint(trx, piece.work));
  return outcomes;
}

async function runInSavepoint(trx: Db, work: (trx: Db) => Promise<unknown>): Promise<Outcome> {
  await trx.executeQuery(SAVEPOINT);
  try {
    const value = await work(trx);
    await trx.executeQuery(RELEASE);
    return { ok: true, value };
  } catch (error) {
    await trx.executeQuery(ROLLBACK_TO);
    await trx.executeQuery(RELEASE);
    return { ok: false, error };
  }
}
