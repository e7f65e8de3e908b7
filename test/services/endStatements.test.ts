// What an end costs the database: the drain of a routing backlog is bound by ends (each waits
// for a chat to end), so their statements are counted here, and a change that adds one shows.
import type { KyselyPlugin, PluginTransformResultArgs, QueryResult, UnknownRow } from 'kysely';
import { expect, it } from 'vitest';
import { endSession } from '../../src/services/sessions/sessionEnder.js';
import type { Db, Store } from '../../src/storage/store.js';
import { describeEachDatabase } from '../support/databases.js';
import { makeWorld } from '../support/world.js';

/** The store, counting the statements its transactions run. */
function countingStatements(store: Store): { store: Store; count: () => number } {
  let count = 0;
  const counter: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async ({
      result,
    }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => {
      count += 1;
      return result;
    },
  };
  const counted = (trx: Db) => trx.withPlugin(counter);
  return {
    store: {
      ...store,
      transaction: (work) => store.transaction((trx) => work(counted(trx))),
      groupedTransaction: (work, key) => store.groupedTransaction((trx) => work(counted(trx)), key),
    },
    count: () => count,
  };
}

describeEachDatabase('an end', (db) => {
  it('ends an agent’s chat in a fixed handful of statements', async () => {
    const counting = countingStatements(db());
    const world = makeWorld(db());
    const ama = await world.agent('Ama');
    const sessionId = await world.startChat(await world.customer('Yaw'));
    await world.routing.idle();
    const before = counting.count();
    await endSession({ ...world.ctx, store: counting.store }, { viewer: ama, sessionId });
    // The locked read, the end with its two sequence numbers, the report mark, the agent's load,
    // the participant, the offer check, the system line, the record read again (with its tags
    // and references), the session event and the past agents: 15 before the end reserved its
    // sequence numbers itself and named its actor from the record.
    expect(counting.count() - before).toBeLessThanOrEqual(12);
  });
});
