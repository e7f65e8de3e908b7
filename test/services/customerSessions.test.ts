// A customer's chats as an agent may see them (the details panel's previous chats), on both
// databases: every ended chat of the desk, the waiting ones, and those the agent is in.
import { expect, it } from 'vitest';
import { DEFAULT_ABUSE_LIMITS } from '../../src/domain/abuseLimits.js';
import { assignSession } from '../../src/services/sessions/chatAssigner.js';
import { listCustomerSessions } from '../../src/services/sessions/customerSessions.js';
import { endSession } from '../../src/services/sessions/sessionEnder.js';
import { countSessions, listSessions } from '../../src/services/sessions/sessionReader.js';
import type { Viewer } from '../../src/domain/policies.js';
import { describeEachDatabase } from '../support/databases.js';
import { makeWorld } from '../support/world.js';

describeEachDatabase("a customer's chats", (db) => {
  async function desk() {
    // One customer with several chats open at once.
    const world = makeWorld(db(), {
      abuseLimits: { ...DEFAULT_ABUSE_LIMITS, openChatsPerCustomer: 10 },
    });
    const ama = await world.agent('Ama', { autoAssign: false });
    const kofi = await world.agent('Kofi', { autoAssign: false });
    const yaw = await world.customer('Yaw');
    const chat = async (subject: string, agent: Viewer | null, ended: boolean) => {
      const id = await world.startChat(yaw, { subject });
      if (agent) await assignSession(world.ctx, { viewer: agent, sessionId: id });
      if (ended) await endSession(world.ctx, { viewer: yaw, sessionId: id, rating: 4 });
      return id;
    };
    const withAma = await chat('Fees', ama, true);
    const withKofi = await chat('Wi-Fi', kofi, true);
    const kofisOpen = await chat('Transcript', kofi, false);
    const waiting = await chat('Library card', null, false);
    return { world, ama, kofi, yaw, withAma, withKofi, kofisOpen, waiting };
  }

  const ids = (page: { items: Array<{ row: { id: string } }> }) =>
    page.items.map((item) => item.row.id);

  it("shows an agent the customer's ended and waiting chats, newest first, not a colleague's open one", async () => {
    const { world, ama, kofi, yaw, withAma, withKofi, kofisOpen, waiting } = await desk();
    const query = { limit: 10 };
    const forAma = await listCustomerSessions(world.ctx, {
      viewer: ama,
      customerId: yaw.id,
      query,
    });
    expect(ids(forAma)).toEqual([waiting, withKofi, withAma]);
    expect(forAma.items[1]).toMatchObject({
      row: { subject: 'Wi-Fi', rating: 4, status: 'ended' },
      agent: { name: 'Kofi' },
    });
    const forKofi = await listCustomerSessions(world.ctx, {
      viewer: kofi,
      customerId: yaw.id,
      query,
    });
    expect(ids(forKofi)).toEqual([waiting, kofisOpen, withKofi, withAma]);
  });

  it('pages through them', async () => {
    const { world, kofi, yaw, withAma, withKofi, kofisOpen, waiting } = await desk();
    const first = await listCustomerSessions(world.ctx, {
      viewer: kofi,
      customerId: yaw.id,
      query: { limit: 3 },
    });
    expect(ids(first)).toEqual([waiting, kofisOpen, withKofi]);
    const rest = await listCustomerSessions(world.ctx, {
      viewer: kofi,
      customerId: yaw.id,
      query: { limit: 3, cursor: first.nextCursor! },
    });
    expect(ids(rest)).toEqual([withAma]);
    expect(rest.nextCursor).toBeNull();
  });

  it('is for agents, about an account that exists', async () => {
    const { world, ama, yaw } = await desk();
    const query = { limit: 10 };
    await expect(
      listCustomerSessions(world.ctx, { viewer: yaw, customerId: yaw.id, query }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      listCustomerSessions(world.ctx, { viewer: ama, customerId: world.ctx.ids.next(), query }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("keeps an agent's History to the chats they had, though they read every ended one", async () => {
    const { world, ama, withAma } = await desk();
    const history = await listSessions(world.ctx, ama, { view: 'history', limit: 20 });
    expect(ids(history)).toEqual([withAma]);
    expect((await countSessions(world.ctx, ama)).history).toBe(1);
  });
});
