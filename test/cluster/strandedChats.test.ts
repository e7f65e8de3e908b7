// Two nodes, one agent gone: an agent whose sockets on both nodes close is set away after the
// grace period and, after the requeue delay, her chat goes back to the queue exactly once, with
// one line for the customer and one alert for the super admin, although both nodes sweep.
import { describe, expect, inject, it } from 'vitest';
import { useCluster } from './support/clusterSuite.js';

const postgresUrl = inject('postgresUrl');
const redisUrl = inject('redisUrl');

describe.skipIf(!postgresUrl || !redisUrl)('an agent gone from every node', () => {
  const cluster = useCluster(() => ({
    postgresUrl: postgresUrl!,
    redisUrl: redisUrl!,
    nodes: ['a', 'b'],
    env: {
      HOUSEKEEPING_SECONDS: '0.5',
      AGENT_AWAY_GRACE_SECONDS: '1',
      REQUEUE_AFTER_AWAY_SECONDS: '1',
    },
  }));

  it('has her chat put back in the queue once, with one alert to super admins', async () => {
    const ama = await cluster.signIn('a', 'Ama', 'admin');
    const ada = await cluster.signIn('b', 'Ada', 'super_admin');
    const yaw = await cluster.signIn('b', 'Yaw');
    await ama.on(cluster.url('a')).patch('/api/v1/agents/me', { status: 'online' });
    // A socket on each node: each node sees her last socket there close and sweeps on a timer.
    const onA = await cluster.connect(ama, 'a');
    const onB = await cluster.connect(ama, 'b');
    const monitor = await cluster.connect(ada, 'b');
    const started = await yaw
      .on(cluster.url('b'))
      .post('/api/v1/sessions', { subject: 'Parcel', message: 'Where is it?' });
    const sessionId = (started.body as { id: string }).id;
    const assignedTo = () =>
      cluster.store.db
        .selectFrom('chat_sessions')
        .select(['status', 'assigned_agent_id'])
        .where('id', '=', sessionId)
        .executeTakeFirstOrThrow();
    await expect.poll(async () => (await assignedTo()).assigned_agent_id).toBe(ama.id);

    onA.close();
    onB.close();
    await monitor.waitFor((f) => f.type === 'chats.requeued', { timeoutMs: 10_000 });
    expect(await assignedTo()).toEqual({ status: 'waiting', assigned_agent_id: null });
    // Both nodes' timers and housekeeping have had time to run again.
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    const alerts = monitor.frames.filter((f) => f.type === 'chats.requeued');
    expect(alerts).toEqual([
      expect.objectContaining({
        agent: expect.objectContaining({ id: ama.id }),
        reason: 'disconnected',
        sessions: [{ sessionId, position: 1 }],
      }),
    ]);
    const lines = await cluster.store.db
      .selectFrom('chat_messages')
      .select('message_text')
      .where('session_id', '=', sessionId)
      .where('message_type', '=', 'system')
      .where('message_text', 'like', '%disconnected%')
      .execute();
    expect(lines.map((l) => l.message_text)).toEqual([
      'Ama was disconnected; you are back in the queue, number 1',
    ]);
    const load = await cluster.store.db
      .selectFrom('chat_agent_status')
      .select(['status', 'current_chat_count'])
      .where('agent_id', '=', ama.id)
      .executeTakeFirstOrThrow();
    expect(load).toEqual({ status: 'away', current_chat_count: 0 });
  });
});
