// A waiting customer's place in the queue against a real database: who counts as on duty and
// what the estimate is based on.
import { expect, it } from 'vitest';
import { queuePositionFor } from '../../src/services/sessions/queueEstimator.js';
import { describeEachDatabase } from '../support/databases.js';
import { makeWorld } from '../support/world.js';

describeEachDatabase('queue position', (db) => {
  it('counts agents who take chats by hand as online, without basing the estimate on them', async () => {
    const world = makeWorld(db());
    await world.agent('Ama', { autoAssign: false });
    await world.agent('Kofi', { status: 'away' });
    const yaw = await world.customer();
    const sessionId = await world.startChat(yaw);
    await world.routing.idle();

    expect(await queuePositionFor(world.ctx, yaw, sessionId)).toEqual({
      sessionId,
      position: 1,
      estimatedWaitSeconds: null,
      agentsAvailable: 0,
      agentsOnline: 1,
    });
  });

  it('says nobody is online when every agent is away or offline', async () => {
    const world = makeWorld(db());
    await world.agent('Ama', { status: 'away', autoAssign: false });
    await world.agent('Kofi', { status: 'offline' });
    const yaw = await world.customer();
    const sessionId = await world.startChat(yaw);

    expect(await queuePositionFor(world.ctx, yaw, sessionId)).toMatchObject({
      agentsAvailable: 0,
      agentsOnline: 0,
    });
  });

  it('bases the estimate on auto-assign agents only', async () => {
    const world = makeWorld(db());
    await world.agent('Ama', { max: 1 });
    await world.agent('Esi', { autoAssign: false, max: 10 });
    const yaw = await world.customer();
    await world.startChat(yaw);
    await world.routing.idle();
    const waiting = await world.startChat(yaw);
    await world.routing.idle();

    // Esi's ten free slots would make the wait "now"; with only Ama's full slot and no history
    // yet there is nothing to estimate from.
    expect(await queuePositionFor(world.ctx, yaw, waiting)).toMatchObject({
      position: 1,
      estimatedWaitSeconds: null,
      agentsAvailable: 1,
      agentsOnline: 2,
    });
  });
});
