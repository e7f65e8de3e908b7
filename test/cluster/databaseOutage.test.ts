// PostgreSQL becomes unreachable, through a proxy between the nodes and the database that the
// test cuts (connections reset and refused) or stalls (nothing answers, nothing is refused, as
// in a network partition): requests fail fast with 503 and a clear error, sockets stay up, no
// node crashes, and once the database is back the deployment recovers by itself, without
// mistaking its own live nodes for dead ones.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ServerFrame } from '../../src/shared/protocol.js';
import { useCluster } from './support/clusterSuite.js';
import { isMessage, type Message } from './support/frames.js';
import { TcpProxy } from './support/tcpProxy.js';

const postgresUrl = inject('postgresUrl');
const redisUrl = inject('redisUrl');

/** Longer than three missed heartbeats (1.5 s) and the away grace (1 s) together. */
const OUTAGE_MS = 4000;
/** PG_QUERY_TIMEOUT_SECONDS of these nodes, in milliseconds. */
const QUERY_DEADLINE_MS = 1000;

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe.skipIf(!postgresUrl || !redisUrl)('PostgreSQL unreachable', () => {
  let proxy: TcpProxy;
  // Registered before the cluster's hooks: the proxy starts before it and is cut after it closes.
  beforeAll(async () => {
    const target = new URL(postgresUrl!);
    proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
  });
  afterEach(() => proxy.restore());
  afterAll(async () => {
    await proxy?.cut();
  });
  const cluster = useCluster(() => {
    const viaProxy = new URL(postgresUrl!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    return {
      postgresUrl: postgresUrl!,
      redisUrl: redisUrl!,
      nodeDatabaseUrl: viaProxy.toString(),
      nodes: ['a', 'b'],
      env: {
        HOUSEKEEPING_SECONDS: '0.5',
        AGENT_AWAY_GRACE_SECONDS: '1',
        PG_QUERY_TIMEOUT_SECONDS: String(QUERY_DEADLINE_MS / 1000),
      },
    };
  });

  it('answers 503 fast, keeps sockets up, and recovers by itself', async () => {
    const ama = await cluster.signIn('b', 'Ama', 'admin');
    const kofi = await cluster.signIn('a', 'Kofi', 'admin');
    const efua = await cluster.signIn('a', 'Efua', 'admin');
    const yaw = await cluster.signIn('a', 'Yaw');
    const amaApi = ama.on(cluster.url('b'));
    const yawApi = yaw.on(cluster.url('a'));
    // Connected before going online, so the away sweep (1 s grace here) leaves her online however
    // slow the run.
    const amaSocket = await cluster.connect(ama, 'b');
    await amaApi.patch('/api/v1/agents/me', { status: 'online' });
    await kofi
      .on(cluster.url('a'))
      .patch('/api/v1/agents/me', { status: 'online', autoAssign: false });
    await efua
      .on(cluster.url('a'))
      .patch('/api/v1/agents/me', { status: 'online', autoAssign: false });
    const kofiSocket = await cluster.connect(kofi, 'a');
    // An agent stays connected on each node, whichever node sweeps first after the outage.
    await cluster.connect(efua, 'a');
    const started = await yawApi.post('/api/v1/sessions', { subject: 'Order', message: 'Hi' });
    const sessionId: string = started.body.id;
    await expect
      .poll(async () => (await yawApi.get(`/api/v1/sessions/${sessionId}`)).body.status)
      .toBe('active');
    const yawSocket = await cluster.connect(yaw, 'a');
    await amaSocket.call({ type: 'subscribe', sessionId, afterSeq: 0 });
    await yawSocket.call({ type: 'subscribe', sessionId, afterSeq: 0 });

    await proxy.cut();
    const cutAt = performance.now();

    // HTTP: a clear 503 at once, on every node, for reads and writes alike.
    const read = await timed(() => yawApi.get(`/api/v1/sessions/${sessionId}`));
    expect(read.value.status).toBe(503);
    expect(read.value.body).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE' } });
    const write = await timed(() =>
      amaApi.post(`/api/v1/sessions/${sessionId}/messages`, { text: 'lost?' }),
    );
    expect(write.value.status).toBe(503);
    expect(write.value.body.error.message).toMatch(/database/i);
    expect((await fetch(`${cluster.url('a')}/readyz`)).status).toBe(503);

    // The socket stays open: a send is refused with the same error, pings still answer.
    const refused = await timed(() =>
      yawSocket.call({ type: 'message.send', sessionId, clientId: 'y-1', text: 'Still there?' }),
    );
    expect(refused.value).toMatchObject({
      type: 'error',
      clientId: 'y-1',
      error: { code: 'SERVICE_UNAVAILABLE' },
    });
    console.log(
      `database cut: 503 on a read after ${read.ms.toFixed(0)} ms, on a write after ${write.ms.toFixed(0)} ms, ` +
        `socket send refused after ${refused.ms.toFixed(0)} ms`,
    );
    expect(Math.max(read.ms, write.ms, refused.ms)).toBeLessThan(1000);

    // Kofi leaves while node a cannot record it.
    kofiSocket.close();
    // Longer than it takes to presume a silent node dead: nobody's heartbeat gets through.
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS - (performance.now() - cutAt)));
    expect(await yawSocket.call({ type: 'ping' })).toMatchObject({ type: 'pong' });
    expect(amaSocket.closeCode).toBeNull();
    expect(yawSocket.closeCode).toBeNull();

    await proxy.restore();
    const restoredAt = performance.now();
    await expect.poll(async () => (await fetch(`${cluster.url('a')}/readyz`)).status).toBe(200);
    await expect.poll(async () => (await fetch(`${cluster.url('b')}/readyz`)).status).toBe(200);
    const recoveredMs = performance.now() - restoredAt;
    console.log(`database back: both nodes ready ${recoveredMs.toFixed(0)} ms later`);

    // The same sockets carry the retried message across nodes.
    const retried = (await yawSocket.call({
      type: 'message.send',
      sessionId,
      clientId: 'y-1',
      text: 'Still there?',
    })) as { type: string; message: Message };
    expect(retried.type).toBe('ack');
    await amaSocket.waitFor(isMessage(sessionId, retried.message.id));

    // Both nodes lived through it: neither may forget the other's sockets. Ama (on b) and Efua
    // (on a) are still connected after the grace period, so still online; Kofi's departure,
    // which a could not write down during the outage, is caught up: he is away.
    const stateOf = async (agentId: string) =>
      (
        (await amaApi.get('/api/v1/agents')).body.items as Array<{
          agent: { id: string };
          status: string;
          connected: boolean;
        }>
      ).find((s) => s.agent.id === agentId);
    await expect
      .poll(() => stateOf(kofi.id), { timeout: 5000 })
      .toMatchObject({ status: 'away', connected: false });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await stateOf(ama.id)).toMatchObject({ status: 'online', connected: true });
    expect(await stateOf(efua.id)).toMatchObject({ status: 'online', connected: true });
    expect(
      amaSocket.frames.filter(
        (f: ServerFrame) =>
          f.type === 'agent.status' &&
          [ama.id, efua.id].includes(f.state.agent.id) &&
          f.state.status === 'away',
      ),
    ).toEqual([]);
    expect(await cluster.store.db.selectFrom('nodes').select('id').orderBy('id').execute()).toEqual(
      [{ id: 'a' }, { id: 'b' }],
    );
  });

  it('survives losing the database in the middle of a query', async () => {
    const ama = await cluster.signIn('b', 'Ama', 'admin');
    const yaw = await cluster.signIn('a', 'Yaw');
    const started = await yaw
      .on(cluster.url('a'))
      .post('/api/v1/sessions', { subject: 'Card', message: 'Declined' });
    const sessionId: string = started.body.id;
    const amaSocket = await cluster.connect(ama, 'b');
    // The harness holds the chat's row, so Ama's take on b is mid-query when the link goes.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked = () => {};
    const rowLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = cluster.store.transaction(async (trx) => {
      await trx
        .selectFrom('chat_sessions')
        .select('id')
        .where('id', '=', sessionId)
        .forUpdate()
        .execute();
      locked();
      await held;
    });
    // Only once the row is held: on a loaded machine the take could otherwise get there first.
    await rowLocked;
    const take = ama.on(cluster.url('b')).post(`/api/v1/sessions/${sessionId}/take`);
    const answer = await (async () => {
      try {
        await new Promise((resolve) => setTimeout(resolve, QUERY_DEADLINE_MS / 3));
        await proxy.cut();
        return await take;
      } finally {
        release();
        await holding;
      }
    })();
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE' } });
    // Node b is still there, with its socket.
    expect(await amaSocket.call({ type: 'ping' })).toMatchObject({ type: 'pong' });
    expect(cluster.nodes.has('b')).toBe(true);

    await proxy.restore();
    expect((await yaw.on(cluster.url('b')).get(`/api/v1/sessions/${sessionId}`)).status).toBe(200);
    await yaw.on(cluster.url('a')).post(`/api/v1/sessions/${sessionId}/end`);
  });

  it('fails fast when the database stops answering without closing anything', async () => {
    const yaw = await cluster.signIn('a', 'Yaw');
    const yawApi = yaw.on(cluster.url('a'));
    const started = await yawApi.post('/api/v1/sessions', { subject: 'Late', message: 'Hi' });
    const sessionId: string = started.body.id;
    const yawSocket = await cluster.connect(yaw, 'a');

    proxy.stall();
    // Requests on pooled connections wait for the query deadline, new connections for the
    // connect timeout (3 s); nothing waits for TCP to give up.
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => timed(() => yawApi.get(`/api/v1/sessions/${sessionId}`))),
    );
    console.log(`database stalled: 503 after ${answers.map((a) => a.ms.toFixed(0)).join(', ')} ms`);
    for (const { value, ms } of answers) {
      expect(value.status).toBe(503);
      expect(ms).toBeLessThan(4000);
    }
    expect(await yawSocket.call({ type: 'ping' })).toMatchObject({ type: 'pong' });

    // The stuck connections were dropped, so service is back as soon as the database is.
    await proxy.restore();
    const back = await timed(() => yawApi.get(`/api/v1/sessions/${sessionId}`));
    expect(back.value.status).toBe(200);
    expect(back.ms).toBeLessThan(1000);
    await yawApi.post(`/api/v1/sessions/${sessionId}/end`);
  });
});
