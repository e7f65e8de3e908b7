// Group commit. Each commit waits for the disk (SQLite synchronous = FULL, PostgreSQL's WAL
// flush), so under load most of a small write's cost is its own commit. Work submitted while a
// batch is running is gathered into the next one: each piece runs in its own savepoint (a
// failing piece is rolled back alone), one COMMIT makes them all durable, and only then does
// each caller get its result. Nothing is reported done before it is on disk.
//
// Pieces are spread over `lanes` by key (the chat session): a session's writes always share a
// lane, so they keep their order and two lanes never wait on each other's row locks.
import { CompiledQuery } from 'kysely';
import type { Db } from './store.js';

/** Large enough to amortize the commit, small enough to keep the first caller's wait short. */
const MAX_BATCH = 256;

interface Pending {
  work: (trx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

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
          for (const pending of batch) outcomes.push(await runInSavepoint(trx, pending.work));
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

  run<T>(work: (trx: Db) => Promise<T>, key = ''): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.lanes[laneOf(key, this.lanes.length)]!.submit({
        work,
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
