// The queue reads the same everywhere: the agents' Waiting list, each customer's place and the
// order routing serves chats in are one order (priority, then age), page after page.
import { expect, it } from 'vitest';
import { updateOwnAgentState } from '../../src/services/agents/agentStatus.js';
import { queuePositionFor } from '../../src/services/sessions/queueEstimator.js';
import { listSessions } from '../../src/services/sessions/sessionReader.js';
import type { Priority } from '../../src/shared/vocabulary.js';
import { describeEachDatabase } from '../support/databases.js';
import { makeWorld, testSettings } from '../support/world.js';

describeEachDatabase('queue order', (db) => {
  it('lists the waiting chats in the order routing serves them, with each one’s place', async () => {
    // One customer with seven chats waiting: past the abuse limits, which are not the subject.
    const world = makeWorld(db(), {
      abuseLimits: { ...testSettings.abuseLimits, openChatsPerCustomer: 100, chatsPerHour: 100 },
    });
    const ama = await world.agent('Ama', { status: 'away' });
    const yaw = await world.customer('Yaw');
    // Started one second apart, in this order.
    const priorities: Priority[] = ['low', 'medium', 'urgent', 'medium', 'high', 'urgent', 'low'];
    const chats: Array<{ id: string; priority: Priority }> = [];
    for (const priority of priorities) {
      chats.push({ id: await world.startChat(yaw, { priority }), priority });
    }
    const rank: Record<Priority, number> = { urgent: 0, high: 1, medium: 2, low: 3 };
    // Stable sort: within a priority, the one started first stays first.
    const expected = [...chats]
      .sort((a, b) => rank[a.priority] - rank[b.priority])
      .map((c) => c.id);

    // One page, and two-at-a-time pages through the cursor, read the same.
    const all = await listSessions(world.ctx, ama, { view: 'waiting', limit: 50 });
    expect(all.items.map((s) => s.row.id)).toEqual(expected);
    expect(all.items.map((s) => s.queuePosition)).toEqual(expected.map((_, i) => i + 1));
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listSessions(world.ctx, ama, { view: 'waiting', limit: 2, cursor });
      paged.push(...page.items.map((s) => s.row.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(expected);

    // The customer is told the same place.
    for (const [i, id] of expected.entries()) {
      expect((await queuePositionFor(world.ctx, yaw, id)).position).toBe(i + 1);
    }

    // Routing serves the head of that list first.
    await updateOwnAgentState(world.ctx, ama, {
      status: 'online',
      maxConcurrentChats: 3,
      autoAssign: true,
    });
    await world.routing.idle();
    const active = await listSessions(world.ctx, ama, { view: 'active', limit: 50 });
    expect(active.items.map((s) => s.row.id).sort()).toEqual(expected.slice(0, 3).sort());
    const left = await listSessions(world.ctx, ama, { view: 'waiting', limit: 50 });
    expect(left.items.map((s) => s.row.id)).toEqual(expected.slice(3));
    expect(left.items.map((s) => s.queuePosition)).toEqual([1, 2, 3, 4]);
  });
});
