// A waiting customer's place in the queue against a real database: who counts as on duty and
// what the estimate is based on.
import { expect, it } from 'vitest';
import { assignSession } from '../../src/services/sessions/chatAssigner.js';
import { queuePositionFor } from '../../src/services/sessions/queueEstimator.js';
import { endSession } from '../../src/services/sessions/sessionEnder.js';
import { describeEachDatabase } from '../support/databases.js';
import { makeWorld, testSettings } from '../support/world.js';

/** Tests that queue many chats for one customer: past the abuse limits, not their subject. */
const manyChats = {
  abuseLimits: { ...testSettings.abuseLimits, openChatsPerCustomer: 100, chatsPerHour: 100 },
};

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

  it('estimates from capacity and handle time, counting down while the customer waits', async () => {
    const world = makeWorld(db(), manyChats);
    const ama = await world.agent('Ama', { max: 1 });
    const yaw = await world.customer('Yaw');
    // One chat of 10 minutes makes the handle time; Ama is then busy with a second one.
    const first = await world.startChat(yaw);
    await world.routing.idle();
    world.clock.advance(10 * 60_000);
    await endSession(world.ctx, { viewer: ama, sessionId: first });
    await world.startChat(yaw);
    await world.routing.idle();
    const esi = await world.customer('Esi');
    const waiting = await world.startChat(esi);
    await world.routing.idle();

    const estimate = async () =>
      (await queuePositionFor(world.ctx, esi, waiting)).estimatedWaitSeconds;
    // Ama's one slot frees once per 10 minutes, counted from when the queue last moved (the
    // second chat's assignment, a second before Esi started).
    expect(await estimate()).toBe(599);
    world.clock.advance(4 * 60_000);
    expect(await estimate()).toBe(359);
    // Long overdue: not "now", not frozen at 10 minutes either.
    world.clock.advance(30 * 60_000);
    expect(await estimate()).toBe(150);
  });

  it('goes by the pace measured while the queue stayed backed up, takes by hand included', async () => {
    const world = makeWorld(db(), manyChats);
    const kofi = await world.agent('Kofi', { autoAssign: false, max: 20 });
    const yaw = await world.customer('Yaw');
    const queue: string[] = [];
    for (let i = 0; i < 8; i++) queue.push(await world.startChat(yaw));
    const esi = await world.customer('Esi');
    const last = await world.startChat(esi);
    // Kofi takes one chat a minute by hand, oldest first, for four minutes.
    for (const sessionId of queue.slice(0, 4)) {
      world.clock.advance(60_000);
      await assignSession(world.ctx, { viewer: kofi, sessionId });
    }
    const position = await queuePositionFor(world.ctx, esi, last);
    expect(position.position).toBe(5);
    // 4 taken in the 245 s since the oldest chat still waiting (the fifth) started: one per 61 s,
    // and Esi needs five more.
    expect(position.estimatedWaitSeconds).toBe(Math.round(5 / (4 / 245)));
  });
});
