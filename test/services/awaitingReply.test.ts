// A chat waiting for the agent's reply, against a real database: it waits from the customer's
// oldest message not answered yet, the agent's reply ends the wait, and system lines change
// nothing.
import { expect, it } from 'vitest';
import { topics } from '../../src/bus/bus.js';
import { sendMessage } from '../../src/services/messages/messageSender.js';
import { presentSession, FAN_OUT } from '../../src/services/presenters.js';
import { getSession } from '../../src/services/sessions/sessionReader.js';
import { describeEachDatabase } from '../support/databases.js';
import { makeWorld } from '../support/world.js';

describeEachDatabase('awaiting the agent', (db) => {
  it('waits from the oldest unanswered customer message until the agent replies', async () => {
    const world = makeWorld(db());
    const agent = await world.agent('Ama');
    const customer = await world.customer('Yaw');
    const startedAt = world.clock.now();
    const sessionId = await world.startChat(customer, { message: 'Hello?' });
    await world.routing.idle();
    const awaiting = async () =>
      presentSession(await getSession(world.ctx, agent, sessionId), FAN_OUT).awaitingAgentSince;

    // The opening message waits, and so does the chat after "Ama joined".
    expect(await awaiting()).toBe(new Date(startedAt).toISOString());
    world.clock.advance(30_000);
    await sendMessage(world.ctx, { viewer: customer, sessionId, text: 'Anyone there?' });
    expect(await awaiting()).toBe(new Date(startedAt).toISOString());

    await sendMessage(world.ctx, { viewer: agent, sessionId, text: 'Here, sorry' });
    expect(await awaiting()).toBeNull();

    world.clock.advance(10_000);
    const askedAt = world.clock.now();
    await sendMessage(world.ctx, { viewer: customer, sessionId, text: 'And the invoice?' });
    expect(await awaiting()).toBe(new Date(askedAt).toISOString());
  });

  it('tells the monitor when a chat starts or stops waiting for the agent, not on every message', async () => {
    const world = makeWorld(db());
    const agent = await world.agent('Ama');
    const customer = await world.customer('Yaw');
    const sessionId = await world.startChat(customer);
    await world.routing.idle();
    const mark = world.published.length;
    const flips = () =>
      world.published
        .slice(mark)
        .filter(
          ({ topic, frame }) =>
            topic === topics.monitor &&
            frame.type === 'sessions.changed' &&
            frame.change === 'awaiting',
        ).length;

    await sendMessage(world.ctx, { viewer: customer, sessionId, text: 'Anyone there?' });
    expect(flips()).toBe(0);
    await sendMessage(world.ctx, { viewer: agent, sessionId, text: 'Here' });
    await sendMessage(world.ctx, { viewer: agent, sessionId, text: 'How can I help?' });
    expect(flips()).toBe(1);
    await sendMessage(world.ctx, { viewer: customer, sessionId, text: 'My invoice' });
    expect(flips()).toBe(2);
  });
});
