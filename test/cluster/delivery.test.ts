// Three real nodes on one PostgreSQL schema and Redis: people connected to different nodes see
// every kind of event from each other live (messages, typing, read receipts, assignments,
// transfers, the queue, agent status, queue positions, presence).
import { describe, expect, inject, it } from 'vitest';
import type { ServerFrame } from '../../src/shared/protocol.js';
import { useCluster } from './support/clusterSuite.js';
import {
  describeEvent,
  eventsOf,
  expectContiguous,
  isEvent,
  isMessage,
  isReadBy,
  isUpdate,
  type EventFrame,
  type Message,
} from './support/frames.js';

const postgresUrl = inject('postgresUrl');
const redisUrl = inject('redisUrl');

const agentStatus = (agentId: string, status?: string) => (frame: ServerFrame) =>
  frame.type === 'agent.status' &&
  frame.state.agent.id === agentId &&
  (status === undefined || frame.state.status === status);

/**
 * An agent.status frame saying whether `agentId`, still online, is connected through any node
 * (so not the frame of the away sweep that follows a disconnection).
 */
const presenceOf = (agentId: string, connected: boolean) => (frame: ServerFrame) =>
  agentStatus(agentId, 'online')(frame) &&
  frame.type === 'agent.status' &&
  frame.state.connected === connected;

describe.skipIf(!postgresUrl || !redisUrl)('cross-node delivery', () => {
  const cluster = useCluster(() => ({
    postgresUrl: postgresUrl!,
    redisUrl: redisUrl!,
    nodes: ['a', 'b', 'c'],
    env: { AGENT_AWAY_GRACE_SECONDS: '1', HOUSEKEEPING_SECONDS: '1' },
  }));

  it('carries a whole chat between a customer on one node and agents on others', async () => {
    const ama = await cluster.signIn('b', 'Ama', 'admin');
    const kofi = await cluster.signIn('c', 'Kofi', 'admin');
    const sam = await cluster.signIn('c', 'Sam', 'super_admin');
    const yaw = await cluster.signIn('a', 'Yaw');
    const amaSocket = await cluster.connect(ama, 'b');
    const kofiSocket = await cluster.connect(kofi, 'c');
    const samSocket = await cluster.connect(sam, 'c');
    const yawSocket = await cluster.connect(yaw, 'a');

    // Agent status: set on b, seen by a super admin on c.
    const amaApi = ama.on(cluster.url('b'));
    await amaApi.patch('/api/v1/agents/me', { status: 'online', autoAssign: false });
    await samSocket.waitFor(agentStatus(ama.id, 'online'));

    // A chat started on a enters the queue of the agent on b, and the monitor on c.
    const started = await yaw
      .on(cluster.url('a'))
      .post('/api/v1/sessions', { subject: 'Refund', message: 'Hello?' });
    expect(started.status).toBe(201);
    const sessionId: string = started.body.id;
    await amaSocket.waitFor(
      (f) => f.type === 'queue.changed' && f.sessionId === sessionId && f.status === 'waiting',
    );
    await samSocket.waitFor((f) => f.type === 'sessions.changed' && f.sessionId === sessionId);

    // The agent on b takes it: the customer on a sees the assignment and the agent join.
    await yawSocket.call({ type: 'subscribe', sessionId, afterSeq: 0 });
    expect((await amaApi.post(`/api/v1/sessions/${sessionId}/take`)).status).toBe(200);
    const assigned = await yawSocket.waitFor<EventFrame>(isEvent(sessionId, 'session.updated'));
    expect(assigned.event).toMatchObject({
      change: 'assigned',
      session: { agent: { id: ama.id } },
    });
    await yawSocket.waitFor(
      (f) => f.type === 'sessions.changed' && f.sessionId === sessionId && f.change === 'assigned',
    );
    await amaSocket.waitFor(
      (f) => f.type === 'queue.changed' && f.sessionId === sessionId && f.status === 'active',
    );
    // Her load, changed on b, reaches c.
    await samSocket.waitFor(
      (f) => agentStatus(ama.id)(f) && f.type === 'agent.status' && f.state.openChats === 1,
    );

    // Messages both ways, matched by id and seq with the sender's acknowledgement.
    await amaSocket.call({ type: 'subscribe', sessionId, afterSeq: 0 });
    const fromYaw = (await yawSocket.call({
      type: 'message.send',
      sessionId,
      clientId: 'y-1',
      text: 'My order never came',
    })) as { message: Message };
    const atAma = await amaSocket.waitFor<EventFrame>(isMessage(sessionId, fromYaw.message.id));
    expect(atAma.seq).toBe(fromYaw.message.seq);
    const fromAma = (await amaSocket.call({
      type: 'message.send',
      sessionId,
      clientId: 'a-1',
      text: 'Let me look',
    })) as { message: Message };
    const atYaw = await yawSocket.waitFor<EventFrame>(isMessage(sessionId, fromAma.message.id));
    expect(atYaw.seq).toBe(fromAma.message.seq);

    // Typing, both ways.
    const typingOf = (userId: string) => (f: ServerFrame) =>
      f.type === 'typing' && f.sessionId === sessionId && f.user.id === userId;
    amaSocket.send({ type: 'typing', sessionId, typing: true });
    expect(await yawSocket.waitFor(typingOf(ama.id))).toMatchObject({ typing: true });
    yawSocket.send({ type: 'typing', sessionId, typing: false });
    expect(await amaSocket.waitFor(typingOf(yaw.id))).toMatchObject({ typing: false });

    // Read receipts, both ways.
    await amaSocket.call({ type: 'read', sessionId, upToSeq: fromYaw.message.seq });
    expect(await yawSocket.waitFor<EventFrame>(isReadBy(sessionId, ama.id))).toMatchObject({
      event: { upToSeq: fromYaw.message.seq },
    });
    await yawSocket.call({ type: 'read', sessionId, upToSeq: fromAma.message.seq });
    expect(await amaSocket.waitFor<EventFrame>(isReadBy(sessionId, yaw.id))).toMatchObject({
      event: { upToSeq: fromAma.message.seq },
    });

    // A transfer from the agent on b to the agent on c, who is on duty (taking chats by hand).
    const kofiOnDuty = await kofi
      .on(cluster.url('c'))
      .patch('/api/v1/agents/me', { status: 'online', autoAssign: false });
    expect(kofiOnDuty.status).toBe(200);
    expect(
      (await amaApi.post(`/api/v1/sessions/${sessionId}/transfer`, { agentId: kofi.id })).status,
    ).toBe(200);
    await kofiSocket.waitFor(
      (f) =>
        f.type === 'sessions.changed' && f.sessionId === sessionId && f.change === 'transferred',
    );
    await yawSocket.waitFor(isUpdate(sessionId, 'transferred'));

    // The customer ends it on a; the previous agent's feed on b and the new agent on c hear it.
    expect((await yaw.on(cluster.url('a')).post(`/api/v1/sessions/${sessionId}/end`)).status).toBe(
      200,
    );
    await amaSocket.waitFor(isUpdate(sessionId, 'ended'));
    await kofiSocket.waitFor(
      (f) => f.type === 'sessions.changed' && f.sessionId === sessionId && f.change === 'ended',
    );
    await samSocket.waitFor(
      (f) => f.type === 'sessions.changed' && f.sessionId === sessionId && f.change === 'ended',
    );

    // Both sides saw the same events, each once, in order, and so does the database.
    const lastSeq = (await yaw.on(cluster.url('c')).get(`/api/v1/sessions/${sessionId}`)).body
      .lastSeq as number;
    const yawEvents = eventsOf(yawSocket, sessionId);
    const amaEvents = eventsOf(amaSocket, sessionId);
    expectContiguous(yawEvents, 1);
    expectContiguous(amaEvents, 1);
    expect(yawEvents.at(-1)!.seq).toBe(lastSeq);
    expect(amaEvents.map(describeEvent)).toEqual(yawEvents.map(describeEvent));
  });

  it('tells a waiting customer on one node about agents and the queue on others', async () => {
    const kofi = await cluster.signIn('c', 'Kofi', 'admin');
    const abena = await cluster.signIn('b', 'Abena');
    const yaw = await cluster.signIn('a', 'Yaw');
    const kofiApi = kofi.on(cluster.url('c'));
    // Connected, so the away sweep (1 s grace here) leaves him online however slow the run.
    await cluster.connect(kofi, 'c');
    await kofiApi.patch('/api/v1/agents/me', {
      status: 'online',
      autoAssign: true,
      maxConcurrentChats: 1,
    });
    // Kofi's only slot goes to Abena's chat (started on b).
    const first = await abena
      .on(cluster.url('b'))
      .post('/api/v1/sessions', { subject: 'Login', message: 'Locked out' });
    await expect
      .poll(async () => (await kofiApi.get(`/api/v1/sessions/${first.body.id}`)).body.status)
      .toBe('active');

    const second = await yaw
      .on(cluster.url('a'))
      .post('/api/v1/sessions', { subject: 'Invoice', message: 'Wrong amount' });
    const sessionId: string = second.body.id;
    const yawSocket = await cluster.connect(yaw, 'a');
    await yawSocket.call({ type: 'subscribe', sessionId, afterSeq: 0 });
    expect(await yawSocket.waitFor((f) => f.type === 'queue.position')).toMatchObject({
      sessionId,
      position: 1,
      agentsAvailable: 1,
    });

    // Kofi steps away on c: the customer on a hears nobody is available.
    let mark = yawSocket.frames.length;
    await kofiApi.patch('/api/v1/agents/me', { status: 'away' });
    expect(
      await yawSocket.waitFor((f) => f.type === 'queue.position', { from: mark }),
    ).toMatchObject({ agentsAvailable: 0 });
    mark = yawSocket.frames.length;
    await kofiApi.patch('/api/v1/agents/me', { status: 'online' });
    expect(
      await yawSocket.waitFor((f) => f.type === 'queue.position', { from: mark }),
    ).toMatchObject({ agentsAvailable: 1 });

    // Abena's chat ends on b: Kofi's freed slot takes the waiting chat, and the customer on a
    // sees it without reloading.
    await abena.on(cluster.url('b')).post(`/api/v1/sessions/${first.body.id}/end`);
    const assigned = await yawSocket.waitFor<EventFrame>(isEvent(sessionId, 'session.updated'));
    expect(assigned.event).toMatchObject({
      change: 'assigned',
      session: { agent: { id: kofi.id } },
    });
    await kofiApi.post(`/api/v1/sessions/${sessionId}/end`);
  });

  it('counts an agent connected while any node holds one of their sockets', async () => {
    const efua = await cluster.signIn('a', 'Efua', 'admin');
    const sam = await cluster.signIn('c', 'Sam', 'super_admin');
    const samApi = sam.on(cluster.url('c'));
    const samSocket = await cluster.connect(sam, 'c');
    await efua.on(cluster.url('a')).patch('/api/v1/agents/me', { status: 'online' });
    const connected = async () =>
      (
        (await samApi.get('/api/v1/agents')).body.items as Array<{
          agent: { id: string };
          connected: boolean;
          status: string;
        }>
      ).find((s) => s.agent.id === efua.id);

    expect((await connected())?.connected).toBe(false);
    // The admin agents page on c shows Connected / Not connected from these live frames.
    await samSocket.waitFor(agentStatus(efua.id, 'online'));
    const mark = samSocket.frames.length;
    const onA = await cluster.connect(efua, 'a');
    await samSocket.waitFor(presenceOf(efua.id, true), { from: mark });
    const onB = await cluster.connect(efua, 'b');
    await expect.poll(async () => (await connected())?.connected).toBe(true);
    onA.close();
    // The grace period (1 s) passes; b still holds a socket, so Efua stays online.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await connected()).toMatchObject({ connected: true, status: 'online' });
    expect(samSocket.frames.slice(mark).filter(presenceOf(efua.id, false))).toEqual([]);
    onB.close();
    await samSocket.waitFor(presenceOf(efua.id, false), { from: mark });
    await expect.poll(async () => (await connected())?.connected).toBe(false);
    // Gone from every node for the grace period: set to away, once.
    await samSocket.waitFor(agentStatus(efua.id, 'away'), { timeoutMs: 10_000 });
    expect((await connected())?.status).toBe('away');
  });

  it('sets an agent who vanished from every node at once to away exactly once', async () => {
    const esi = await cluster.signIn('a', 'Esi', 'admin');
    const sam = await cluster.signIn('c', 'Sam', 'super_admin');
    const samSocket = await cluster.connect(sam, 'c');
    await esi.on(cluster.url('b')).patch('/api/v1/agents/me', { status: 'online' });
    const own = await Promise.all(['a', 'b', 'c'].map((node) => cluster.connect(esi, node)));
    await expect
      .poll(async () => {
        const rows = await cluster.store.db
          .selectFrom('presence')
          .select('node_id')
          .where('user_id', '=', esi.id)
          .execute();
        return rows.length;
      })
      .toBe(3);
    // Every node starts its own away timer; the database lets exactly one of them act.
    for (const socket of own) socket.close();
    await samSocket.waitFor(agentStatus(esi.id, 'away'), { timeoutMs: 10_000 });
    // Longer than the grace period and several housekeeping sweeps on every node.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(samSocket.frames.filter(agentStatus(esi.id, 'away'))).toHaveLength(1);
  });

  it('routes a chat that a concurrent write held while routing ran, as soon as it is released', async () => {
    // Nobody from the earlier tests may take the chat: Kwame is the only agent who comes online.
    await cluster.store.db.updateTable('chat_agent_status').set({ status: 'offline' }).execute();
    const kwame = await cluster.signIn('b', 'Kwame', 'admin');
    const abla = await cluster.signIn('a', 'Abla');
    const started = await abla
      .on(cluster.url('a'))
      .post('/api/v1/sessions', { subject: 'Card', message: 'Declined' });
    const sessionId: string = started.body.id;
    // The harness holds the waiting chat's row, as a message the customer is sending would,
    // while Kwame comes online: the router must wait for the row, not skip it.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let lockedWith: (status: string) => void = () => {};
    const locked = new Promise<string>((resolve) => (lockedWith = resolve));
    const holding = cluster.store.transaction(async (trx) => {
      const row = await trx
        .selectFrom('chat_sessions')
        .select('status')
        .where('id', '=', sessionId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      lockedWith(row.status);
      await held;
    });
    try {
      expect(await locked).toBe('waiting');
      await kwame.on(cluster.url('b')).patch('/api/v1/agents/me', { status: 'online' });
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      release();
      await holding;
    }
    const releasedAt = performance.now();
    // Well inside the sweep period (HOUSEKEEPING_SECONDS=1): a router that skipped the row would
    // leave the chat waiting for the sweep most of the time.
    await expect
      .poll(
        async () =>
          (await abla.on(cluster.url('c')).get(`/api/v1/sessions/${sessionId}`)).body.status,
        { timeout: 250, interval: 10 },
      )
      .toBe('active');
    console.log(
      `a chat held during routing was routed ${(performance.now() - releasedAt).toFixed(0)} ms after its row was released`,
    );
    const assigned = await abla.on(cluster.url('c')).get(`/api/v1/sessions/${sessionId}`);
    expect(assigned.body.agent.id).toBe(kwame.id);
    await kwame.on(cluster.url('b')).post(`/api/v1/sessions/${sessionId}/end`);
  });
});
