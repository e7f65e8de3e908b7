// Group commit for SQLite. Every commit there waits for the disk (synchronous = FULL), and one
// connection serializes them, so under load most of a message's cost is its own fsync. Work
// submitted while a transaction is running is gathered into the next one: each piece runs in
// its own savepoint (a failing piece is rolled back alone), one COMMIT makes them all durable,
// and only then does each caller get its result. Nothing is reported done before it is on disk.
import { sql } from 'kysely';
import type { Db } from './store.js';

/** Large enough to amortize the fsync, small enough to keep the first caller's wait short. */
const MAX_BATCH = 256;

interface Pending {
  work: (trx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export class GroupCommit {
  private readonly queue: Pending[] = [];
  private running = false;

  constructor(private readonly db: Db) {}

  run<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.running) {
        this.running = true;
        // Let the requests that arrived in the same tick join the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      const outcomes: Outcome[] = [];
      try {
        await this.db.transaction().execute(async (trx) => {
          for (const pending of batch) outcomes.push(await runInSavepoint(trx, pending.work));
        });
      } catch (error) {
        // The commit itself failed: nothing of this batch is durable.
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

async function runInSavepoint(trx: Db, work: (trx: Db) => Promise<unknown>): Promise<Outcome> {
  await sql`savepoint batch_item`.execute(trx);
  try {
    const value = await work(trx);
    await sql`release savepoint batch_item`.execute(trx);
    return { ok: true, value };
  } catch (error) {
    await sql`rollback to savepoint batch_item`.execute(trx);
    await sql`release savepoint batch_item`.execute(trx);
    return { ok: false, error };
  }
}
