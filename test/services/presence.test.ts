// Presence against a real database: agents' connections are announced live as they appear and
// vanish across nodes, and a node restarted under the same NODE_ID after a crash clears what its
// earlier run left behind.
import { expect, it } from 'vitest';
import { topics } from '../../src/bus/bus.js';
import { getOwnAgentState } from '../../src/services/agents/agentStatus.js';
import { PresenceTracker, sweepAwayAgents } from '../../src/services/agents/presence.js';
import { joinDeployment, runHousekeeping } from '../../src/services/jobs/housekeeping.js';
import { registerNode } from '../../src/storage/repositories/cluster.js';
import { describeEachDatabase } from '../support/databases.js';
import { makeWorld, type World } from '../support/world.js';

/** The `connected` flags announced for `agentId` since frame `from`, in order. */
const announced = (world: World, agentId: string, from = 0) =>
  world.published
    .slice(from)
    .flatMap(({ topic, frame }) =>
      topic === topics.agents && frame.type === 'agent.status' && frame.state.agent.id === agentId
        ? [frame.state.connected]
        : [],
    );

const refreshes = (world: World) =>
  world.published.filter(
    ({ topic, frame }) => topic === topics.deployment && frame.type === 'refresh',
  );

describeEachDatabase('presence', (db) => {
  it('announces an agent connected on a first socket and disconnected once gone from every node', async () => {
    const world = makeWorld(db());
    const ama = await world.agent('Ama');
    const onA = new PresenceTracker(world.ctx);
    const onB = new PresenceTracker({ ...world.ctx, nodeId: 'node-b' });
    await registerNode(db().db, world.ctx.nodeId, world.clock.now());
    await registerNode(db().db, 'node-b', world.clock.now());
    const mark = world.published.length;

    await onA.connected(ama);
    await onA.connected(ama);
    expect(announced(world, ama.id, mark)).toEqual([true]);
    await onB.connected(ama);
    await onA.disconnected(ama);
    await onA.disconnected(ama);
    // b still holds a socket: nothing announces her gone.
    expect(announced(world, ama.id, mark)).not.toContain(false);
    await onB.disconnected(ama);
    expect(announced(world, ama.id, mark).at(-1)).toBe(false);
    expect(announced(world, ama.id, mark).filter((c) => !c)).toHaveLength(1);
    await Promise.all([onA.stop(), onB.stop()]);
  });

  it('announces nothing for customers', async () => {
    const world = makeWorld(db());
    const yaw = await world.customer('Yaw');
    await registerNode(db().db, world.ctx.nodeId, world.clock.now());
    const presence = new PresenceTracker(world.ctx);
    const mark = world.published.length;
    await presence.connected(yaw);
    await presence.disconnected(yaw);
    expect(world.published.slice(mark)).toEqual([]);
    await presence.stop();
  });

  it('announces agents connected only through a dead node as disconnected', async () => {
    const world = makeWorld(db(), { nodeStaleMs: 30_000, agentAwayGraceMs: 600_000 });
    const ama = await world.agent('Ama');
    await registerNode(db().db, 'crashed-node', world.clock.now());
    await new PresenceTracker({ ...world.ctx, nodeId: 'crashed-node' }).connected(ama);
    // Peers are judged against this node's own previous beat: two more beats, 31 s apart.
    await runHousekeeping(world.ctx, 10_000);
    world.clock.advance(31_000);
    await runHousekeeping(world.ctx, 10_000);
    world.clock.advance(31_000);
    const mark = world.published.length;
    await runHousekeeping(world.ctx, 10_000);
    expect(announced(world, ama.id, mark)).toEqual([false]);
  });

  it('clears what a crashed earlier run under the same NODE_ID left, at restart', async () => {
    const world = makeWorld(db(), { agentAwayGraceMs: 60_000 });
    const kofi = await world.agent('Kofi');
    // The earlier run: registered, Kofi connected through it, then killed without a goodbye.
    expect(await joinDeployment(world.ctx)).toBe(false);
    expect(refreshes(world)).toEqual([]);
    await new PresenceTracker(world.ctx).connected(kofi);
    const diedAt = world.clock.now();
    world.clock.advance(5_000);

    // The restart, long before peers would presume the node dead.
    const mark = world.published.length;
    expect(await joinDeployment(world.ctx)).toBe(true);
    const rows = await db().db.selectFrom('presence').selectAll().execute();
    expect(rows).toEqual([]);
    expect(announced(world, kofi.id, mark)).toEqual([false]);
    expect(refreshes(world)).toHaveLength(1);
    const status = await db()
      .db.selectFrom('chat_agent_status')
      .select('last_disconnected_at')
      .where('agent_id', '=', kofi.id)
      .executeTakeFirstOrThrow();
    expect(Number(status.last_disconnected_at)).toBe(diedAt);
    // The away sweep now picks him up once the grace period since the crash is over.
    world.clock.advance(56_000);
    expect(await sweepAwayAgents(world.ctx)).toEqual([kofi.id]);
    expect((await getOwnAgentState(world.ctx, kofi)).status.status).toBe('away');
  });
});
