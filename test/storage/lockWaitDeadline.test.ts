// PG_QUERY_TIMEOUT_SECONDS tells a lost connection from a slow answer: a query that waits for a
// lock longer than the deadline (a routing pass behind other nodes' passes on a loaded machine)
// keeps its connection and succeeds once the lock is free, while a query that goes unanswered
// for any other reason still has its connection destroyed at the deadline (503).
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { isDatabaseUnavailable, openStore, type Store } from '../../src/storage/store.js';

const postgresUrl = inject('postgresUrl');

const DEADLINE_MS = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!postgresUrl)('PostgreSQL query deadline and lock waits', () => {
  const stores: Store[] = [];
  const open = (queryTimeoutMs: number) => {
    const store = openStore({
      databaseUrl: postgresUrl!,
      pgPoolSize: 2,
      pgQueryTimeoutMs: queryTimeoutMs,
    });
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  it('lets a transaction wait for a named lock past the deadline', async () => {
    const key = `lock-wait-${randomBytes(6).toString('hex')}`;
    const holder = open(0);
    const waiter = open(DEADLINE_MS);
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = () => {};
    const holding = new Promise<void>((resolve) => (held = resolve));
    const holderDone = holder.transaction(async (trx) => {
      await holder.lockForTransaction(trx, key);
      held();
      await released;
    });
    await holding;
    const waited = waiter.transaction(async (trx) => {
      await waiter.lockForTransaction(trx, key);
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(trx);
      return rows[0]!.one;
    });
    const outcome = waited.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    // The waiter is in the lock wait, then stays in it for several deadlines.
    await expect
      .poll(
        async () =>
          (
            await sql<{ n: number }>`
              select count(*)::int as n from pg_stat_activity
              where wait_event = 'advisory' and query like '%pg_advisory_xact_lock%'`.execute(
              holder.db,
            )
          ).rows[0]!.n,
      )
      .toBeGreaterThan(0);
    await sleep(DEADLINE_MS * 4);
    release();
    await holderDone;
    expect(await outcome).toEqual({ value: 1 });
    // The waiter's pool is whole: its connection was never taken for lost.
    await expect(sql`select 1`.execute(waiter.db)).resolves.toBeDefined();
  });

  it('still takes a query unanswered past the deadline for a lost connection', async () => {
    const store = open(DEADLINE_MS);
    // pg_sleep waits on a timer, not a lock: to the deadline, an answer that never comes.
    const failure = await sql`select pg_sleep(${(DEADLINE_MS * 8) / 1000})`.execute(store.db).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isDatabaseUnavailable(failure)).toBe(true);
    await expect(sql`select 1`.execute(store.db)).resolves.toBeDefined();
  });
});
