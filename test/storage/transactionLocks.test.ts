// A transaction's named lock (the router's, the customers' open-chat count…) is one deployment's:
// on PostgreSQL, whose advisory locks belong to the whole database, two deployments (or test
// runs) in schemas of the same database never wait for each other's, while within one
// deployment the lock is exclusive.
import { expect, it } from 'vitest';
import { createSchemaBeside, describeEachDatabase } from '../support/databases.js';

describeEachDatabase('transaction locks', (db, dialect) => {
  it('are taken inside a transaction', async () => {
    // SQLite has one writer: its named locks are nothing more than the transaction itself.
    await expect(
      db().transaction((trx) => db().lockForTransaction(trx, 'routing')),
    ).resolves.toBeUndefined();
  });

  if (dialect !== 'postgres') return;

  /** Holds `key` in a transaction of `store` until the returned release() is called. */
  async function hold(store: ReturnType<typeof db>, key: string) {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = () => {};
    const holding = new Promise<void>((resolve) => (held = resolve));
    const done = store.transaction(async (trx) => {
      await store.lockForTransaction(trx, key);
      held();
      await released;
    });
    await holding;
    return async () => {
      release();
      await done;
    };
  }

  it('lets another deployment take the same lock while one holds it', async () => {
    const other = await createSchemaBeside(db());
    try {
      const release = await hold(db(), 'routing');
      // Would wait forever (the test's timeout) if the lock were the database's.
      const releaseOther = await hold(other.store, 'routing');
      await releaseOther();
      await release();
    } finally {
      await other.drop();
    }
  });

  it('makes a second transaction of the same deployment wait for the first', async () => {
    const release = await hold(db(), 'routing');
    const order: string[] = [];
    const second = hold(db(), 'routing').then(async (releaseSecond) => {
      order.push('second took it');
      await releaseSecond();
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    order.push('first released');
    await release();
    await second;
    expect(order).toEqual(['first released', 'second took it']);
  });
});
