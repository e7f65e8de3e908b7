// Prepared queries: built once per dialect, re-run with each call's own arguments.
import { expect, it } from 'vitest';
import { prepared } from '../../src/storage/prepared.js';
import type { Db } from '../../src/storage/store.js';
import { describeEachDatabase } from '../support/databases.js';

const insertWindow = prepared((db: Db, key: string, count: number) =>
  db.insertInto('rate_limits').values({ key, count, reset_at: 42 }),
);
const countOf = prepared((db: Db, key: string) =>
  db.selectFrom('rate_limits').select(['count', 'reset_at']).where('key', '=', key),
);

describeEachDatabase('prepared queries', (db) => {
  it('runs with each call’s arguments and keeps the constants of the query', async () => {
    await insertWindow(db().db, 'a', 1);
    await insertWindow(db().db, 'b', 2);
    expect((await countOf(db().db, 'a')).rows).toEqual([{ count: 1, reset_at: 42 }]);
    expect((await countOf(db().db, 'b')).rows).toEqual([{ count: 2, reset_at: 42 }]);
    expect((await countOf(db().db, 'missing')).rows).toEqual([]);
  });

  it('works inside a transaction', async () => {
    await db().transaction((trx) => insertWindow(trx, 'in-trx', 3));
    expect((await countOf(db().db, 'in-trx')).rows).toEqual([{ count: 3, reset_at: 42 }]);
  });

  it('refuses a query whose shape depends on an argument', async () => {
    const shapeDependent = prepared((store: Db, key: string, limited: boolean) => {
      const query = store.selectFrom('rate_limits').select('key').where('key', '=', key);
      return limited ? query.limit(1) : query;
    });
    await expect(shapeDependent(db().db, 'a', true)).rejects.toThrow(
      /ignores some of its 2 arguments/,
    );
  });
});
