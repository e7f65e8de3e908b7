// Grouped transactions (group commit on SQLite): concurrent writes share a commit, a failing
// one is rolled back alone, and nobody hears "done" before the commit.
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.js';

describeEachDatabase('grouped transactions', (db) => {
  const insertKey = (key: string, count = 1) =>
    db().db.insertInto('rate_limits').values({ key, count, reset_at: 0 }).execute();

  it('commits every piece that succeeds and rolls back only the one that fails', async () => {
    const store = db();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        store.groupedTransaction(async (trx) => {
          await trx
            .insertInto('rate_limits')
            .values({ key: `k${i}`, count: i, reset_at: 0 })
            .execute();
          if (i === 7) throw new Error('piece 7 fails after writing');
          return i;
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(results[7]).toMatchObject({
      status: 'rejected',
      reason: new Error('piece 7 fails after writing'),
    });
    const keys = await store.db
      .selectFrom('rate_limits')
      .select('key')
      .where('key', 'like', 'k%')
      .execute();
    expect(keys).toHaveLength(19);
    expect(keys.map((k) => k.key)).not.toContain('k7');
  });

  it('resolves only once the rows are visible to others', async () => {
    const store = db();
    await store.groupedTransaction((trx) =>
      trx.insertInto('rate_limits').values({ key: 'seen', count: 1, reset_at: 0 }).execute(),
    );
    const row = await store.db
      .selectFrom('rate_limits')
      .select('count')
      .where('key', '=', 'seen')
      .executeTakeFirst();
    expect(row).toEqual({ count: 1 });
  });

  it('runs pieces with the same key in the order they were submitted', async () => {
    const store = db();
    await insertKey('order', 0);
    const seen: number[] = [];
    await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        store.groupedTransaction(async (trx) => {
          const row = await trx
            .selectFrom('rate_limits')
            .select('count')
            .where('key', '=', 'order')
            .executeTakeFirstOrThrow();
          seen.push(row.count);
          await trx
            .updateTable('rate_limits')
            .set({ count: n })
            .where('key', '=', 'order')
            .execute();
        }),
      ),
    );
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });
});
