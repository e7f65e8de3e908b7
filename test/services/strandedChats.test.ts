// Customers are never stranded, against a real database with a clock the test moves: an agent
// gone for the grace period is set away (also one who never connected), their chats go back to
// the queue in their place after the further delay, with a line for the customer and an alert
// for super admins, and signing out of the last sign-in sets an agent away at once.
import { expect, it } from 'vitest';
import { topics } from '../../src/bus/bus.js';
import { issueAuthSession } from '../../src/services/accounts/authSessions.js';
import { signOut } from '../../src/services/accounts/signOut.js';
import { getOwnAgentState } from '../../src/services/agents/agentStatus.js';
import { PresenceTracker, sweepAwayAgents } from '../../src/services/agents/presence.js';
import { runHousekeeping } from '../../src/services/jobs/housekeeping.js';
import { requeueStrandedChats } from '../../src/services/sessions/strandedChatRequeuer.js';
import { registerNode } from '../../src/storage/repositories/cluster.js';
import { findUserById } from '../../src/storage/repositories/users.js';
import type { Store } from '../../src/storage/store.js';
import { describeEachDatabase } from '../support/databases.js';
import { makeWorld, type Person, type World } from '../support/world.js';

const GRACE = 60_000;
const DELAY = 120_000;
const client = { ip: null, userAgent: null };

const sessionRow = (store: Store, id: string) =>
  store.db.selectFrom('chat_sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const systemLines = async (store: Store, id: string) =>
  (
    await store.db
      .selectFrom('chat_messages')
      .select('message_text')
      .where('session_id', '=', id)
      .where('message_type', '=', 'system')
      .orderBy('seq')
      .execute()
  ).map((row) => row.message_text);

const alerts = (world: World) =>
  world.published.flatMap(({ topic, frame }) =>
    topic === topics.monitor && frame.type === 'chats.requeued' ? [frame] : [],
  );

/**
 * Ama (room for one chat) has Yaw's chat; behind it wait an urgent chat started later and a
 * medium one started later still, so Yaw's chat goes back at number 2.
 */
async function amaWithAChat(world: World): Promise<{ ama: Person; chat: string }> {
  await registerNode(world.ctx.store.db, world.ctx.nodeId, world.clock.now());
  const ama = await world.agent('Ama', { max: 1 });
  const chat = await world.startChat(await world.customer('Yaw'));
  await world.routing.idle();
  await world.startChat(await world.customer('Efua'), { priority: 'urgent' });
  await world.startChat(await world.customer('Kojo'));
  await world.routing.idle();
  expect((await sessionRow(world.ctx.store, chat)).assigned_agent_id).toBe(ama.id);
  return { ama, chat };
}

describeEachDatabase('stranded chats', (db) => {
  it('puts the chats of an agent who stayed disconnected back in the queue, in their place, once', async () => {
    const world = makeWorld(db(), { agentAwayGraceMs: GRACE, requeueAfterAwayMs: DELAY });
    const { ama, chat } = await amaWithAChat(world);
    const before = await sessionRow(db(), chat);
    const presence = new PresenceTracker(world.ctx);
    await presence.connected(ama);
    await presence.disconnected(ama);

    world.clock.advance(GRACE);
    await registerNode(db().db, world.ctx.nodeId, world.clock.now());
    expect(await sweepAwayAgents(world.ctx)).toEqual([ama.id]);
    world.clock.advance(DELAY - 1);
    expect(await requeueStrandedChats(world.ctx)).toEqual([]);
    expect((await sessionRow(db(), chat)).status).toBe('active');

    world.clock.advance(1);
    const moved = await requeueStrandedChats(world.ctx);
    expect(moved).toEqual([
      { agentId: ama.id, reason: 'disconnected', sessions: [{ sessionId: chat, position: 2 }] },
    ]);
    const after = await sessionRow(db(), chat);
    expect(after).toMatchObject({
      status: 'waiting',
      assigned_agent_id: null,
      started_at: before.started_at,
      priority_rank: before.priority_rank,
    });
    expect((await systemLines(db(), chat)).at(-1)).toBe(
      'Ama was disconnected; you are back in the queue, number 2',
    );
    expect(alerts(world)).toEqual([
      {
        type: 'chats.requeued',
        agent: expect.objectContaining({ id: ama.id, name: 'Ama' }),
        reason: 'disconnected',
        sessions: [{ sessionId: chat, position: 2 }],
        at: new Date(world.clock.now()).toISOString(),
      },
    ]);
    expect((await getOwnAgentState(world.ctx, ama)).status.current_chat_count).toBe(0);

    // A second sweep, on this node or another, finds nothing left to move.
    expect(await requeueStrandedChats({ ...world.ctx, nodeId: 'node-b' })).toEqual([]);
    expect(await systemLines(db(), chat)).toHaveLength(2);
    await presence.stop();
  });

  it('keeps the chats of an agent who came back within the delay', async () => {
    const world = makeWorld(db(), { agentAwayGraceMs: GRACE, requeueAfterAwayMs: DELAY });
    const { ama, chat } = await amaWithAChat(world);
    const presence = new PresenceTracker(world.ctx);
    await presence.connected(ama);
    await presence.disconnected(ama);
    world.clock.advance(GRACE);
    await registerNode(db().db, world.ctx.nodeId, world.clock.now());
    expect(await sweepAwayAgents(world.ctx)).toEqual([ama.id]);
    world.clock.advance(DELAY / 2);
    await presence.connected(ama);
    world.clock.advance(DELAY);
    await registerNode(db().db, world.ctx.nodeId, world.clock.now());
    expect(await requeueStrandedChats(world.ctx)).toEqual([]);
    expect((await sessionRow(db(), chat)).assigned_agent_id).toBe(ama.id);

    // Gone again: the delay runs afresh from this disconnection.
    await presence.disconnected(ama);
    world.clock.advance(DELAY - 1);
    await registerNode(db().db, world.ctx.nodeId, world.clock.now());
    expect(await requeueStrandedChats(world.ctx)).toEqual([]);
    world.clock.advance(1);
    expect(await requeueStrandedChats(world.ctx)).toHaveLength(1);
    await presence.stop();
  });

  it('treats an agent who went online but never connected as disconnected', async () => {
    const world = makeWorld(db(), { agentAwayGraceMs: GRACE, requeueAfterAwayMs: DELAY });
    const { ama, chat } = await amaWithAChat(world);
    world.clock.advance(GRACE);
    // The housekeeping sweep sets her away, and the following one past the delay returns her chat.
    expect(await runHousekeeping(world.ctx, 10_000)).toBe(true);
    const state = await getOwnAgentState(world.ctx, ama);
    expect(state.status).toMatchObject({ status: 'away', away_reason: 'disconnected' });
    world.clock.advance(DELAY);
    await runHousekeeping(world.ctx, 10_000);
    expect((await sessionRow(db(), chat)).status).toBe('waiting');
    expect(alerts(world)).toHaveLength(1);
  });

  it('leaves the chats with their agent when the deployment turned the requeue off', async () => {
    const world = makeWorld(db(), { agentAwayGraceMs: GRACE, requeueAfterAwayMs: 0 });
    const { chat } = await amaWithAChat(world);
    world.clock.advance(GRACE);
    expect(await sweepAwayAgents(world.ctx)).toHaveLength(1);
    world.clock.advance(100 * DELAY);
    expect(await requeueStrandedChats(world.ctx)).toEqual([]);
    expect((await sessionRow(db(), chat)).status).toBe('active');
  });

  it('sets an agent away as soon as they sign out of their last sign-in', async () => {
    const world = makeWorld(db(), { agentAwayGraceMs: GRACE, requeueAfterAwayMs: DELAY });
    const { ama, chat } = await amaWithAChat(world);
    const user = (await findUserById(db().db, ama.id))!;
    const laptop = await issueAuthSession(world.ctx, user, 'cookie', client);
    const phone = await issueAuthSession(world.ctx, user, 'cookie', client);

    await signOut(world.ctx, laptop.secret, ama);
    expect((await getOwnAgentState(world.ctx, ama)).status.status).toBe('online');
    const mark = world.published.length;
    await signOut(world.ctx, phone.secret, ama);
    expect((await getOwnAgentState(world.ctx, ama)).status).toMatchObject({
      status: 'away',
      away_reason: 'signed_out',
    });
    const announced = world.published
      .slice(mark)
      .flatMap(({ topic, frame }) =>
        topic === topics.agents && frame.type === 'agent.status' ? [frame.state.status] : [],
      );
    expect(announced).toEqual(['away']);

    // A chat started now goes to nobody; hers go back once the delay is over.
    const later = await world.startChat(await world.customer('Abena'));
    await world.routing.idle();
    expect((await sessionRow(db(), later)).status).toBe('waiting');
    world.clock.advance(DELAY);
    const [moved] = await requeueStrandedChats(world.ctx);
    expect(moved?.reason).toBe('signed_out');
    expect((await systemLines(db(), chat)).at(-1)).toBe(
      'Ama signed out; you are back in the queue, number 2',
    );
  });

  it('keeps the chats of an agent who chose to be away', async () => {
    const world = makeWorld(db(), { agentAwayGraceMs: GRACE, requeueAfterAwayMs: DELAY });
    const { chat } = await amaWithAChat(world);
    const agentId = (await sessionRow(db(), chat)).assigned_agent_id!;
    await db()
      .db.updateTable('chat_agent_status')
      .set({ status: 'away', status_changed_at: world.clock.now() })
      .where('agent_id', '=', agentId)
      .execute();
    world.clock.advance(100 * DELAY);
    expect(await requeueStrandedChats(world.ctx)).toEqual([]);
  });
});
