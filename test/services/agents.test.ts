// Agents against a real database: status and statistics, presence and the away sweep,
// quick responses.
import { expect, it } from 'vitest';
import { updateAccount } from '../../src/services/accounts/accounts.js';
import { agentStats, startOfDay } from '../../src/services/agents/agentStats.js';
import { getOwnAgentState, updateOwnAgentState } from '../../src/services/agents/agentStatus.js';
import { PresenceTracker, sweepAwayAgents } from '../../src/services/agents/presence.js';
import { runHousekeeping } from '../../src/services/jobs/housekeeping.js';
import { sendMessage } from '../../src/services/messages/messageSender.js';
import {
  createQuickResponse,
  deleteQuickResponse,
  listQuickResponses,
  updateQuickResponse,
} from '../../src/services/quickResponses/quickResponses.js';
import { assignSession } from '../../src/services/sessions/chatAssigner.js';
import { transferSession } from '../../src/services/transfers/agentTransfer.js';
import { endSession } from '../../src/services/sessions/sessionEnder.js';
import { registerNode } from '../../src/storage/repositories/cluster.js';
import { describeEachDatabase } from '../support/databases.js';
import { makeWorld } from '../support/world.js';

describeEachDatabase('agents', (db) => {
  it('starts agents offline with defaults and keeps their changes', async () => {
    const world = makeWorld(db());
    const boss = await world.superAdmin();
    const initial = await getOwnAgentState(world.ctx, boss);
    expect(initial.status).toMatchObject({
      status: 'offline',
      max_concurrent_chats: 5,
      auto_assign: 1,
    });
    const updated = await updateOwnAgentState(world.ctx, boss, {
      status: 'busy',
      maxConcurrentChats: 8,
      autoAssign: false,
    });
    expect(updated.status).toMatchObject({
      status: 'busy',
      max_concurrent_chats: 8,
      auto_assign: 0,
    });
    const customer = await world.customer();
    await expect(getOwnAgentState(world.ctx, customer)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('reports today’s and all-time stats for the agent', async () => {
    const world = makeWorld(db());
    const ama = await world.agent('Ama');
    const yaw = await world.customer();
    const yesterday = await world.startChat(yaw);
    await world.routing.idle();
    world.clock.advance(30_000);
    await sendMessage(world.ctx, { viewer: ama, sessionId: yesterday, text: 'Hi' });
    await endSession(world.ctx, { viewer: yaw, sessionId: yesterday, rating: 2 });
    world.clock.advance(86_400_000);
    const today = await world.startChat(yaw);
    await world.routing.idle();
    world.clock.advance(10_000);
    await sendMessage(world.ctx, { viewer: ama, sessionId: today, text: 'Hi' });
    await endSession(world.ctx, { viewer: yaw, sessionId: today, rating: 5 });
    await world.startChat(yaw);
    await world.routing.idle();

    const stats = await agentStats(world.ctx, ama, 0);
    expect(stats.today).toEqual({
      chatsHandled: 1,
      averageFirstResponseSeconds: 10,
      averageRating: 5,
      ratedChats: 1,
    });
    expect(stats.allTime).toEqual({
      chatsHandled: 2,
      averageFirstResponseSeconds: 20,
      averageRating: 3.5,
      ratedChats: 2,
    });
    expect(stats.activeNow).toBe(1);
    expect(stats.waitingNow).toBe(0);
  });

  it('measures first response per assignment, so a transfer or requeue starts the clock afresh', async () => {
    const world = makeWorld(db());
    const boss = await world.superAdmin();
    const ama = await world.agent('Ama');
    const kofi = await world.agent('Kofi', { autoAssign: false, connected: true });
    const yaw = await world.customer();
    // Ama answers after 5 s, then hands the chat to Kofi, who answers 20 s after he got it.
    const transferred = await world.startChat(yaw);
    await world.routing.idle();
    world.clock.advance(5_000);
    await sendMessage(world.ctx, { viewer: ama, sessionId: transferred, text: 'Hi' });
    world.clock.advance(60_000);
    // The node holding Kofi's socket is still alive a minute on: he may be handed the chat.
    await registerNode(db().db, world.ctx.nodeId, world.clock.now());
    await transferSession(world.ctx, { viewer: ama, sessionId: transferred, agentId: kofi.id });
    world.clock.advance(20_000);
    await sendMessage(world.ctx, { viewer: kofi, sessionId: transferred, text: 'Kofi here' });
    await endSession(world.ctx, { viewer: yaw, sessionId: transferred });
    expect((await agentStats(world.ctx, kofi, 0)).allTime).toMatchObject({
      chatsHandled: 1,
      averageFirstResponseSeconds: 20,
    });

    // Ama answers a chat that then goes back to the queue (she stops being an agent) and comes
    // to Kofi, who never answers it: his first response is unknown, never Ama's or negative.
    const requeued = await world.startChat(yaw);
    await world.routing.idle();
    world.clock.advance(3_000);
    await sendMessage(world.ctx, { viewer: ama, sessionId: requeued, text: 'Hello' });
    world.clock.advance(60_000);
    await updateAccount(world.ctx, boss, ama.id, { role: 'user' });
    world.clock.advance(60_000);
    await assignSession(world.ctx, { viewer: kofi, sessionId: requeued });
    await endSession(world.ctx, { viewer: yaw, sessionId: requeued });
    expect((await agentStats(world.ctx, kofi, 0)).allTime).toMatchObject({
      chatsHandled: 2,
      averageFirstResponseSeconds: 20,
    });
  });

  it('sets an agent away once their last socket has been gone for the grace period', async () => {
    const world = makeWorld(db(), { agentAwayGraceMs: 60_000 });
    await registerNode(db().db, world.ctx.nodeId, world.clock.now());
    const ama = await world.agent('Ama');
    const presence = new PresenceTracker(world.ctx);
    await presence.connected(ama);
    await presence.connected(ama);
    await presence.disconnected(ama);
    world.clock.advance(120_000);
    await registerNode(db().db, world.ctx.nodeId, world.clock.now());
    expect(await sweepAwayAgents(world.ctx)).toEqual([]);

    await presence.disconnected(ama);
    world.clock.advance(59_000);
    expect(await sweepAwayAgents(world.ctx)).toEqual([]);
    world.clock.advance(2_000);
    expect(await sweepAwayAgents(world.ctx)).toEqual([ama.id]);
    expect((await getOwnAgentState(world.ctx, ama)).status.status).toBe('away');
    await presence.stop();
  });

  it('counts agents on a dead node as disconnected, and one node does the chores', async () => {
    const world = makeWorld(db(), { agentAwayGraceMs: 60_000, nodeStaleMs: 30_000 });
    const ama = await world.agent('Ama');
    const other = { ...world.ctx, nodeId: 'crashed-node' };
    await registerNode(db().db, 'crashed-node', world.clock.now());
    await new PresenceTracker(other).connected(ama);
    expect(await runHousekeeping(world.ctx, 10_000)).toBe(true);
    expect(await runHousekeeping({ ...world.ctx, nodeId: 'second-node' }, 10_000)).toBe(false);
    world.clock.advance(31_000);
    await runHousekeeping(world.ctx, 10_000);
    world.clock.advance(60_001);
    await runHousekeeping(world.ctx, 10_000);
    expect((await getOwnAgentState(world.ctx, ama)).status.status).toBe('away');
  });

  it('keeps shared quick responses for super admins and personal ones for their agent', async () => {
    const world = makeWorld(db());
    const boss = await world.superAdmin();
    const ama = await world.agent('Ama');
    const kofi = await world.agent('Kofi');
    await createQuickResponse(world.ctx, boss, {
      title: 'Greeting',
      content: 'Hello!',
      shared: true,
    });
    const mine = await createQuickResponse(world.ctx, ama, {
      title: 'Library',
      content: 'Open 8-22',
      shared: false,
    });
    await expect(
      createQuickResponse(world.ctx, ama, { title: 'Sneaky', content: 'x', shared: true }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await listQuickResponses(world.ctx, ama)).map((q) => q.row.title)).toEqual([
      'Greeting',
      'Library',
    ]);
    expect((await listQuickResponses(world.ctx, kofi)).map((q) => q.row.title)).toEqual([
      'Greeting',
    ]);
    await expect(
      updateQuickResponse(world.ctx, kofi, mine.row.id, { title: 'Mine now' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      (await updateQuickResponse(world.ctx, ama, mine.row.id, { content: 'Open 8-20' })).row
        .content,
    ).toBe('Open 8-20');
    await deleteQuickResponse(world.ctx, ama, mine.row.id);
    expect((await listQuickResponses(world.ctx, ama)).map((q) => q.row.title)).toEqual([
      'Greeting',
    ]);
  });
});

it('computes the start of the caller’s day from their UTC offset', () => {
  const noonUtc = Date.UTC(2026, 0, 5, 12);
  expect(startOfDay(noonUtc, 0)).toBe(Date.UTC(2026, 0, 5));
  expect(startOfDay(noonUtc, 13 * 60)).toBe(Date.UTC(2026, 0, 5, 11)); // 01:00 on the 6th there
  expect(startOfDay(Date.UTC(2026, 0, 5, 2), -5 * 60)).toBe(Date.UTC(2026, 0, 4, 5));
});
