// The WebSocket gateway through real sockets: authentication, live events for every audience,
// acknowledged sends that never duplicate, resume after a disconnect, typing, read receipts.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { registerNode } from '../../src/storage/repositories/cluster.js';
import type { ServerFrame } from '../../src/shared/protocol.js';
import { describeEachDatabase } from '../support/databases.js';
import { SocketClient, startTestNode, type Client, type TestNode } from '../support/testNode.js';

type EventFrame = Extract<ServerFrame, { type: 'session.event' }>;
const isEvent = (kind: string, sessionId?: string) => (f: ServerFrame) =>
  f.type === 'session.event' && f.event.kind === kind && (!sessionId || f.sessionId === sessionId);

describeEachDatabase('WebSocket gateway', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db(), {
      AGENT_AWAY_GRACE_SECONDS: '0.3',
      HEARTBEAT_SECONDS: '0.2',
    });
  });
  afterAll(async () => {
    await server.stop();
  });
  // Each test starts from empty tables; put this node's heartbeat back so presence counts.
  beforeEach(async () => {
    await registerNode(db().db, server.node.ctx.nodeId, Date.now());
  });

  async function onlineAgent(name: string, max = 5): Promise<Client> {
    const agent = await server.signUp(name, 'admin');
    await agent.patch('/api/v1/agents/me', {
      status: 'online',
      maxConcurrentChats: max,
      autoAssign: true,
    });
    return agent;
  }

  it('closes an unauthenticated socket with 4001 after saying why', async () => {
    const socket = await SocketClient.connect(server.url, null);
    expect(await socket.waitForClose()).toBe(4001);
    expect(socket.frames[0]).toMatchObject({ type: 'error', error: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a cookie-authenticated socket opened by another site', async () => {
    const yaw = await server.signUp('Yaw');
    await expect(
      SocketClient.connect(server.url, yaw.cookie, 'https://evil.example'),
    ).rejects.toThrow(/403/);
  });

  it('greets with the protocol version and the signed-in person', async () => {
    const yaw = await server.signUp('Yaw');
    const socket = await yaw.socket();
    expect(await socket.waitFor((f) => f.type === 'hello')).toMatchObject({
      protocol: 1,
      user: { name: 'Yaw', role: 'user' },
    });
    socket.close();
  });

  it("sends a console that asked for batches the queue's changes and agents' states as console.changes", async () => {
    const watcher = await server.signUp('Batch watcher', 'admin');
    const batched = await watcher.socket('consoleBatch=1');
    await batched.waitFor((f) => f.type === 'hello');
    const ama = await onlineAgent('Ama Batched');
    const yaw = await server.signUp('Yaw');
    const { body } = await yaw.post('/api/v1/sessions', { subject: 'Help', message: 'Hi' });
    const queued = (f: ServerFrame) =>
      f.type === 'console.changes' && f.queue.some((q) => q.sessionId === body.id);
    await batched.waitFor(queued);
    const amaTook = (f: ServerFrame) =>
      f.type === 'console.changes' &&
      f.agents.some((a) => a.agent.id === ama.user!.id && a.openChats === 1);
    await batched.waitFor(amaTook);
    expect(
      batched.frames.some((f) => f.type === 'queue.changed' || f.type === 'agent.status'),
    ).toBe(false);
    for (const frame of batched.frames) {
      if (frame.type !== 'console.changes') continue;
      const ids = frame.agents.map((a) => a.agent.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    batched.close();
  });

  it('tells agents about a new chat in the queue and the customer about its place', async () => {
    const watcher = await server.signUp('Watcher', 'admin');
    const agentSocket = await watcher.socket();
    await agentSocket.waitFor((f) => f.type === 'hello');
    const yaw = await server.signUp('Yaw');
    const { body } = await yaw.post('/api/v1/sessions', { subject: 'Help', message: 'Hi' });
    await agentSocket.waitFor((f) => f.type === 'queue.changed' && f.sessionId === body.id);

    const customerSocket = await yaw.socket();
    expect(
      await customerSocket.call({ type: 'subscribe', sessionId: body.id, afterSeq: 0 }),
    ).toMatchObject({
      type: 'subscribed',
      seq: 1,
    });
    const position = await customerSocket.waitFor((f) => f.type === 'queue.position');
    expect(position).toMatchObject({ sessionId: body.id, position: 1 });

    // An agent coming online takes it: the customer sees the assignment live.
    const ama = await onlineAgent('Ama');
    const assigned = await customerSocket.waitFor<EventFrame>(isEvent('session.updated', body.id));
    expect(assigned.event).toMatchObject({
      change: 'assigned',
      session: { agent: { name: 'Ama' } },
    });
    const joined = await customerSocket.waitFor<EventFrame>(
      (f) => f.type === 'session.event' && f.seq === 2,
    );
    expect(joined.event).toMatchObject({
      message: { type: 'system', text: 'Ama joined the chat' },
    });
    await ama.post(`/api/v1/sessions/${body.id}/end`, {});
    agentSocket.close();
    customerSocket.close();
  });

  it('acknowledges a send after it is stored and never stores a retry twice', async () => {
    const ama = await onlineAgent('Ama');
    const yaw = await server.signUp('Yaw');
    const { body } = await yaw.post('/api/v1/sessions', { subject: 'Help', message: 'Hi' });
    await server.node.routing.idle();
    const agentSocket = await ama.socket();
    await agentSocket.call({ type: 'subscribe', sessionId: body.id, afterSeq: 3 });
    const customerSocket = await yaw.socket();
    await customerSocket.call({ type: 'subscribe', sessionId: body.id, afterSeq: 3 });

    const ack = await customerSocket.call({
      type: 'message.send',
      sessionId: body.id,
      clientId: 'c-1',
      text: 'Are you there?',
    });
    expect(ack).toMatchObject({
      type: 'ack',
      clientId: 'c-1',
      message: { text: 'Are you there?', seq: 4 },
    });
    const stored = await ama.get(`/api/v1/sessions/${body.id}/messages?afterSeq=3`);
    expect(stored.body.items).toHaveLength(1);

    const retry = await customerSocket.call({
      type: 'message.send',
      sessionId: body.id,
      clientId: 'c-1',
      text: 'Are you there?',
    });
    expect(retry).toMatchObject({
      type: 'ack',
      message: { id: (ack as { message: { id: string } }).message.id },
    });
    await agentSocket.waitFor(isEvent('message.created', body.id));
    // Give a duplicate event time to arrive if one were sent.
    await customerSocket.call({ type: 'ping' });
    await agentSocket.call({ type: 'ping' });
    expect(agentSocket.frames.filter(isEvent('message.created', body.id))).toHaveLength(1);
    expect(
      (await ama.get(`/api/v1/sessions/${body.id}/messages?afterSeq=3`)).body.items,
    ).toHaveLength(1);
    agentSocket.close();
    customerSocket.close();
  });

  it('resumes a reconnecting client from its last seq: everything missed, in order, once', async () => {
    const ama = await onlineAgent('Ama');
    const yaw = await server.signUp('Yaw');
    const { body } = await yaw.post('/api/v1/sessions', { subject: 'Help', message: 'Hi' });
    await server.node.routing.idle();
    const first = await yaw.socket();
    const subscribed = await first.call({ type: 'subscribe', sessionId: body.id, afterSeq: 0 });
    const lastSeen = (subscribed as { seq: number }).seq;
    first.close();
    for (let i = 1; i <= 5; i++)
      await ama.post(`/api/v1/sessions/${body.id}/messages`, { text: `missed ${i}` });

    const second = await yaw.socket();
    const done = await second.call({ type: 'subscribe', sessionId: body.id, afterSeq: lastSeen });
    const replayed = second.frames.filter((f): f is EventFrame => f.type === 'session.event');
    expect(replayed.map((f) => f.seq)).toEqual([
      lastSeen + 1,
      lastSeen + 2,
      lastSeen + 3,
      lastSeen + 4,
      lastSeen + 5,
    ]);
    expect(replayed.map((f) => f.event.kind === 'message.created' && f.event.message.text)).toEqual(
      ['missed 1', 'missed 2', 'missed 3', 'missed 4', 'missed 5'],
    );
    expect(done).toMatchObject({ type: 'subscribed', seq: lastSeen + 5 });
    await ama.post(`/api/v1/sessions/${body.id}/messages`, { text: 'live' });
    const live = await second.waitFor<EventFrame>(
      (f) => f.type === 'session.event' && f.seq === lastSeen + 6,
    );
    expect(live.event).toMatchObject({ message: { text: 'live' } });
    second.close();
  });

  it('forwards typing to the other side and read receipts to the sender', async () => {
    const ama = await onlineAgent('Ama');
    const yaw = await server.signUp('Yaw');
    const { body } = await yaw.post('/api/v1/sessions', { subject: 'Help', message: 'Hi' });
    await server.node.routing.idle();
    const agentSocket = await ama.socket();
    await agentSocket.call({ type: 'subscribe', sessionId: body.id, afterSeq: 0 });
    const customerSocket = await yaw.socket();
    await customerSocket.call({ type: 'subscribe', sessionId: body.id, afterSeq: 0 });

    agentSocket.send({ type: 'typing', sessionId: body.id, typing: true });
    expect(await customerSocket.waitFor((f) => f.type === 'typing')).toMatchObject({
      typing: true,
      user: { name: 'Ama' },
    });
    await agentSocket.call({ type: 'ping' });
    expect(agentSocket.frames.filter((f) => f.type === 'typing')).toEqual([]);
    const sent = await agentSocket.call({
      type: 'message.send',
      sessionId: body.id,
      clientId: 'a-1',
      text: 'Hello',
    });
    const seq = (sent as { message: { seq: number } }).message.seq;
    expect(
      await customerSocket.call({ type: 'read', sessionId: body.id, upToSeq: seq }),
    ).toMatchObject({
      type: 'ack',
      lastReadSeq: seq,
    });
    const receipt = await agentSocket.waitFor<EventFrame>(isEvent('messages.read', body.id));
    expect(receipt.event).toMatchObject({ upToSeq: seq, reader: { name: 'Yaw' } });
    agentSocket.close();
    customerSocket.close();
  });

  it('answers bad frames with errors and keeps the connection', async () => {
    const yaw = await server.signUp('Yaw');
    const abena = await server.signUp('Abena');
    const { body } = await abena.post('/api/v1/sessions', {
      subject: 'Private',
      message: 'secret',
    });
    const socket = await yaw.socket();
    socket.ws.send('not json');
    expect(await socket.waitFor((f) => f.type === 'error')).toMatchObject({
      error: { code: 'INVALID_JSON' },
    });
    expect(await socket.call({ type: 'subscribe', sessionId: body.id, afterSeq: 0 })).toMatchObject(
      {
        type: 'error',
        error: { code: 'NOT_FOUND' },
      },
    );
    expect(await socket.call({ type: 'warp', sessionId: body.id })).toMatchObject({
      type: 'error',
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(
      await socket.call({ type: 'message.send', sessionId: body.id, clientId: 'x', text: 'hi' }),
    ).toMatchObject({
      type: 'error',
      clientId: 'x',
      error: { code: 'NOT_FOUND' },
    });
    expect(socket.frames.filter((f) => f.type === 'session.event')).toEqual([]);
    expect(await socket.call({ type: 'ping' })).toMatchObject({ type: 'pong' });
    socket.close();
  });

  it('signs a disabled account out of its open sockets', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    const kojo = await server.signUp('Kojo');
    const socket = await kojo.socket();
    await socket.waitFor((f) => f.type === 'hello');
    await boss.patch(`/api/v1/accounts/${kojo.user!.id}`, { isActive: false });
    expect(await socket.waitForClose()).toBe(4001);
    expect(socket.frames.some((f) => f.type === 'bye')).toBe(true);
  });

  it('sets an agent away when their last socket has been gone for the grace period', async () => {
    const esi = await onlineAgent('Esi');
    const socket = await esi.socket();
    await socket.waitFor((f) => f.type === 'hello');
    const state = (await esi.get('/api/v1/agents/me')).body;
    expect(state, JSON.stringify(state)).toMatchObject({ status: 'online', connected: true });
    socket.close();
    await expect
      .poll(async () => (await esi.get('/api/v1/agents/me')).body.status, { timeout: 3000 })
      .toBe('away');
  });

  it('drops a client that stops answering heartbeats', async () => {
    const yaw = await server.signUp('Yaw');
    const socket = await yaw.socket();
    await socket.waitFor((f) => f.type === 'hello');
    const before = server.node.gateway.size;
    // Stop reading: the client can no longer answer pings.
    (socket.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    await expect.poll(() => server.node.gateway.size, { timeout: 3000 }).toBe(before - 1);
  });
});
