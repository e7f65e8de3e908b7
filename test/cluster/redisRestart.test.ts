// Redis dies and comes back under a running deployment (a throw-away redis-server, never the
// shared one): writes keep working meanwhile, nodes re-subscribe on their own, and clients
// catch up from the database with every event once, in order.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ServerFrame } from '../../src/shared/protocol.js';
import { useCluster } from './support/clusterSuite.js';
import { eventsOf, expectContiguous, isMessage, type Message } from './support/frames.js';
import { RedisServer } from './support/redisServer.js';
import { requireProgram } from './support/tools.js';

const postgresUrl = inject('postgresUrl');
const canRun = postgresUrl !== null && requireProgram('redis-server', ['--version']);

const readiness = async (url: string) => (await fetch(`${url}/readyz`)).status;

describe.skipIf(!canRun)('Redis restarting', () => {
  let redis: RedisServer;
  // Registered before the cluster's hooks: Redis starts before it and is killed after it closes.
  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(async () => {
    await redis?.kill();
  });
  const cluster = useCluster(() => ({
    postgresUrl: postgresUrl!,
    redisUrl: redis.url,
    nodes: ['a', 'b'],
  }));

  it('keeps serving, re-subscribes by itself and lets clients catch up', async () => {
    const ama = await cluster.signIn('b', 'Ama', 'admin');
    const yaw = await cluster.signIn('a', 'Yaw');
    const amaApi = ama.on(cluster.url('b'));
    await amaApi.patch('/api/v1/agents/me', { status: 'online' });
    const started = await yaw
      .on(cluster.url('a'))
      .post('/api/v1/sessions', { subject: 'Billing', message: 'Charged twice' });
    const sessionId: string = started.body.id;
    await expect
      .poll(async () => (await amaApi.get(`/api/v1/sessions/${sessionId}`)).body.status)
      .toBe('active');
    const amaSocket = await cluster.connect(ama, 'b');
    const yawSocket = await cluster.connect(yaw, 'a');
    await amaSocket.call({ type: 'subscribe', sessionId, afterSeq: 0 });
    await yawSocket.call({ type: 'subscribe', sessionId, afterSeq: 0 });
    const send = async (clientId: string) =>
      (
        (await yawSocket.call({ type: 'message.send', sessionId, clientId, text: clientId })) as {
          message: Message;
        }
      ).message;
    const before = await send('before');
    await amaSocket.waitFor(isMessage(sessionId, before.id));

    await redis.kill();
    await expect.poll(() => readiness(cluster.url('a'))).toBe(503);
    await expect.poll(() => readiness(cluster.url('b'))).toBe(503);

    // Without Redis, writes still succeed on every node: they only need the database.
    const during = [await send('during-1'), await send('during-2')];
    const reply = await amaApi.post(`/api/v1/sessions/${sessionId}/messages`, { text: 'on b' });
    expect(reply.status).toBe(201);
    const other = await cluster.signIn('a', 'Esi');
    const second = await other
      .on(cluster.url('a'))
      .post('/api/v1/sessions', { subject: 'Password', message: 'Reset please' });
    expect(second.status).toBe(201);

    const restartedAt = performance.now();
    await redis.restart();
    await expect.poll(() => readiness(cluster.url('a'))).toBe(200);
    await expect.poll(() => readiness(cluster.url('b'))).toBe(200);
    const readyMs = performance.now() - restartedAt;

    // Both sides are told to refetch their lists, and their feeds catch up from the database.
    const refresh = (f: ServerFrame) => f.type === 'refresh';
    await amaSocket.waitFor(refresh);
    await yawSocket.waitFor(refresh);
    const lastSeq = (await amaApi.get(`/api/v1/sessions/${sessionId}`)).body.lastSeq as number;
    await expect.poll(() => eventsOf(amaSocket, sessionId).at(-1)?.seq).toBe(lastSeq);
    await expect.poll(() => eventsOf(yawSocket, sessionId).at(-1)?.seq).toBe(lastSeq);
    const caughtUpMs = performance.now() - restartedAt;
    expectContiguous(eventsOf(amaSocket, sessionId), 1);
    expectContiguous(eventsOf(yawSocket, sessionId), 1);
    for (const message of during) await amaSocket.waitFor(isMessage(sessionId, message.id));
    console.log(
      `Redis restart: nodes ready ${readyMs.toFixed(0)} ms after Redis, clients caught up after ${caughtUpMs.toFixed(0)} ms`,
    );

    // Live again across nodes: typing is never replayed, so it proves the new subscription.
    yawSocket.send({ type: 'typing', sessionId, typing: true });
    await amaSocket.waitFor(
      (f) => f.type === 'typing' && f.sessionId === sessionId && f.user.id === yaw.id,
    );
    const after = await send('after');
    await amaSocket.waitFor(isMessage(sessionId, after.id));
    expectContiguous(eventsOf(amaSocket, sessionId), 1);
  });
});
