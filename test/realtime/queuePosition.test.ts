// A customer following their chat hears its place in the queue whenever the chat is waiting,
// including after it went back to the queue, again every QUEUE_REFRESH_SECONDS while nothing
// changes, and stops hearing it once they unsubscribe.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServerFrame } from '../../src/shared/protocol.js';
import { describeEachDatabase } from '../support/databases.js';
import { createAccount } from '../../src/services/accounts/accounts.js';
import { Client, startTestNode, TEST_PASSWORD, type TestNode } from '../support/testNode.js';

const positionOf = (sessionId: string) => (f: ServerFrame) =>
  f.type === 'queue.position' && f.sessionId === sessionId;

describeEachDatabase('queue position', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db());
  });
  afterAll(async () => {
    await server.stop();
  });

  it('is told again when the chat goes back to the queue', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    const ama = await server.signUp('Ama', 'admin');
    const yaw = await server.signUp('Yaw');
    const sessionId = await yaw.startChat();
    await ama.post(`/api/v1/sessions/${sessionId}/take`);
    const socket = await yaw.socket();
    await socket.call({ type: 'subscribe', sessionId, afterSeq: 0 });

    // Ama's account is disabled: her chat goes back to the queue.
    await boss.patch(`/api/v1/accounts/${ama.user!.id}`, { isActive: false });
    await socket.waitFor(
      (f) =>
        f.type === 'session.event' &&
        f.event.kind === 'session.updated' &&
        f.event.change === 'requeued',
    );
    expect(await socket.waitFor(positionOf(sessionId))).toMatchObject({ position: 1 });
    socket.close();
  });

  it('stops when the customer unsubscribes', async () => {
    const yaw = await server.signUp('Yaw');
    const esi = await server.signUp('Esi');
    const kwame = await server.signUp('Kwame');
    const yawChat = await yaw.startChat();
    const yawSocket = await yaw.socket();
    await yawSocket.call({ type: 'subscribe', sessionId: yawChat, afterSeq: 0 });
    await yawSocket.waitFor(positionOf(yawChat));
    await yawSocket.call({ type: 'unsubscribe', sessionId: yawChat });
    const unsubscribedAt = yawSocket.frames.length;

    // Esi follows her own chat; the queue then changes, and her place is pushed again.
    const esiChat = await esi.startChat();
    const esiSocket = await esi.socket();
    await esiSocket.call({ type: 'subscribe', sessionId: esiChat, afterSeq: 0 });
    await esiSocket.waitFor(positionOf(esiChat));
    const from = esiSocket.frames.length;
    await kwame.startChat();
    await esiSocket.waitFor(positionOf(esiChat), { from });

    await yawSocket.call({ type: 'ping' });
    expect(yawSocket.frames.slice(unsubscribedAt).filter(positionOf(yawChat))).toEqual([]);
    yawSocket.close();
    esiSocket.close();
  });

  it('is told again while nothing changes, so the estimate never stands still', async () => {
    const often = await startTestNode(db(), { QUEUE_REFRESH_SECONDS: '0.2' });
    try {
      const signIn = async (name: string) => {
        const client = new Client(often.url);
        const email = `${name.toLowerCase()}.refresh@example.com`;
        await createAccount(often.node.ctx, null, {
          email,
          name,
          password: TEST_PASSWORD,
          role: 'user',
        });
        await client.signIn(email, TEST_PASSWORD);
        return client;
      };
      const abena = await signIn('Abena');
      const sessionId = await abena.startChat();
      const socket = await abena.socket();
      await socket.call({ type: 'subscribe', sessionId, afterSeq: 0 });
      const first = socket.frames.length;
      await socket.waitFor(positionOf(sessionId), { from: first });
      const second = socket.frames.length;
      await socket.waitFor(positionOf(sessionId), { from: second });
      const third = socket.frames.length;
      await socket.waitFor(positionOf(sessionId), { from: third });
      socket.close();
    } finally {
      await often.stop();
    }
  });
});
