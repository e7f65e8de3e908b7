// A burst that outgrows the PostgreSQL pool waits for a connection instead of failing as an
// outage, and one that waits too long fails as busy (503 BUSY), never as "unreachable".
import { sql } from 'kysely';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { toAppError } from '../../src/http/errorHandler.js';
import {
  isDatabaseUnavailable,
  isPoolBusy,
  openStore,
  type Store,
} from '../../src/storage/store.js';

const postgresUrl = inject('postgresUrl');

/** Holds every connection of a two-connection pool for `ms`. */
const holdPool = (store: Store, ms: number) =>
  Promise.all([1, 2].map(() => sql`select pg_sleep(${ms / 1000})`.execute(store.db)));

describe.skipIf(!postgresUrl)('PostgreSQL pool under a burst', () => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
  });

  it('lets a query wait longer than the connect timeout for a busy pool', async () => {
    store = openStore({
      databaseUrl: postgresUrl!,
      pgPoolSize: 2,
      pgConnectTimeoutMs: 300,
      pgPoolWaitMs: 10_000,
    });
    const held = holdPool(store, 1000);
    // Queued behind the two sleeps for about a second: three times the connect timeout.
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(store.db);
    expect(rows[0]!.one).toBe(1);
    await held;
  });

  it('fails a query that waited past the pool wait as busy, not as unreachable', async () => {
    store = openStore({
      databaseUrl: postgresUrl!,
      pgPoolSize: 2,
      pgConnectTimeoutMs: 5000,
      pgPoolWaitMs: 200,
    });
    const held = holdPool(store, 1500);
    const failure = await sql`select 1`.execute(store.db).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isPoolBusy(failure)).toBe(true);
    expect(isDatabaseUnavailable(failure)).toBe(false);
    expect(toAppError(failure)).toMatchObject({ code: 'BUSY', status: 503, retryAfterSeconds: 1 });
    await held;
    // The pool is whole again once the burst is over.
    await expect(sql`select 1`.execute(store.db)).resolves.toBeDefined();
  });
});
