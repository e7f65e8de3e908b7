// A node killed with -9 and restarted under the same NODE_ID before its peers noticed: the new
// run must not inherit the old one's sockets. Agents who were connected only through the
// crashed run count as disconnected (announced live), go away after the grace period, and every
// feed catches up with what the crashed run may have committed without publishing.
import { describe, expect, inject, it } from 'vitest';
import type { ServerFrame } from '../../src/shared/protocol.js';
import { useCluster } from './support/clusterSuite.js';

const postgresUrl = inject('postgresUrl');
const redisUrl = inject('redisUrl');

const stateOf =
  (agentId: string, match: { status: string; connected: boolean }) => (f: ServerFrame) =>
    f.type === 'agent.status' &&
    f.state.agent.id === agentId &&
    f.state.status === match.status &&
    f.state.connected === match.connected;

describe.skipIf(!postgresUrl || !redisUrl)('a node restarted under the same NODE_ID', () => {
  const cluster = useCluster(() => ({
    postgresUrl: postgresUrl!,
    redisUrl: redisUrl!,
    nodes: ['a', 'b'],
    // Peers presume a node dead after three silent beats (90 s), far beyond this test: only the
    // restarted node itself can clear what its crashed run left.
    env: { HOUSEKEEPING_SECONDS: '30', AGENT_AWAY_GRACE_SECONDS: '1' },
  }));

  it('forgets the crashed run’s sockets, sets its agents away and refreshes every feed', async () => {
    const kofi = await cluster.signIn('a', 'Kofi', 'admin');
    const sam = await cluster.signIn('b', 'Sam', 'super_admin');
    await kofi.on(cluster.url('a')).patch('/api/v1/agents/me', { status: 'online' });
    const samSocket = await cluster.connect(sam, 'b');
    // Kofi's only socket is on a.
    await cluster.connect(kofi, 'a');
    await samSocket.waitFor(stateOf(kofi.id, { status: 'online', connected: true }));

    await cluster.node('a').crash();
    const mark = samSocket.frames.length;
    await cluster.startNode('a');

    await samSocket.waitFor((f) => f.type === 'refresh', { from: mark });
    await samSocket.waitFor(stateOf(kofi.id, { status: 'online', connected: false }), {
      from: mark,
    });
    const rows = await cluster.store.db
      .selectFrom('presence')
      .select('node_id')
      .where('user_id', '=', kofi.id)
      .execute();
    expect(rows).toEqual([]);
    // Gone for the grace period: away, so no more chats route to him.
    await samSocket.waitFor(stateOf(kofi.id, { status: 'away', connected: false }), {
      from: mark,
      timeoutMs: 10_000,
    });
    const agents = await sam.on(cluster.url('a')).get('/api/v1/agents');
    expect(
      (agents.body.items as Array<{ agent: { id: string } }>).find((s) => s.agent.id === kofi.id),
    ).toMatchObject({ status: 'away', connected: false });
  });
});
