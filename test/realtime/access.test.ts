// A subscription follows the same permission rule as the REST API for as long as it lasts, not
// only when it starts: an agent watching a waiting chat loses it when a colleague takes it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServerFrame } from '../../src/shared/protocol.js';
import { describeEachDatabase } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/testNode.js';

const about = (sessionId: string) => (f: ServerFrame) =>
  'sessionId' in f && f.sessionId === sessionId;
const isMessage = (text: string) => (f: ServerFrame) =>
  f.type === 'session.event' && f.event.kind === 'message.created' && f.event.message.text === text;

describeEachDatabase('subscription access', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db());
  });
  afterAll(async () => {
    await server.stop();
  });

  it('ends an agent’s subscription when a colleague takes the waiting chat', async () => {
    const kofi = await server.signUp('Kofi', 'admin');
    const ama = await server.signUp('Ama', 'admin');
    const yaw = await server.signUp('Yaw');
    const sessionId = await yaw.startChat();
    const kofiSocket = await kofi.socket();
    expect(await kofiSocket.call({ type: 'subscribe', sessionId, afterSeq: 0 })).toMatchObject({
      type: 'subscribed',
    });
    const customerSocket = await yaw.socket();
    await customerSocket.call({ type: 'subscribe', sessionId, afterSeq: 0 });

    expect((await ama.post(`/api/v1/sessions/${sessionId}/take`)).status).toBe(200);
    const gone = await kofiSocket.waitFor((f) => f.type === 'unsubscribed');
    expect(gone).toEqual({ type: 'unsubscribed', sessionId, reason: 'NOT_FOUND' });
    expect((await kofi.get(`/api/v1/sessions/${sessionId}`)).status).toBe(404);
    const afterLoss = kofiSocket.frames.length;

    // The conversation goes on between the customer and Ama, and Kofi hears none of it.
    const amaSocket = await ama.socket();
    await amaSocket.call({ type: 'subscribe', sessionId, afterSeq: 0 });
    customerSocket.send({ type: 'typing', sessionId, typing: true });
    await amaSocket.waitFor((f) => f.type === 'typing' && f.user.name === 'Yaw');
    await yaw.post(`/api/v1/sessions/${sessionId}/messages`, { text: 'Still there?' });
    await amaSocket.waitFor(isMessage('Still there?'));
    await kofiSocket.call({ type: 'ping' });
    expect(kofiSocket.frames.slice(afterLoss).filter(about(sessionId))).toEqual([]);
    // Nor can Kofi type in it any more.
    expect(await kofiSocket.call({ type: 'typing', sessionId, typing: true })).toMatchObject({
      type: 'error',
    });
    for (const socket of [kofiSocket, amaSocket, customerSocket]) socket.close();
  });

  it('ends the subscription even when the take is only learnt while catching up', async () => {
    const kofi = await server.signUp('Kofi', 'admin');
    const ama = await server.signUp('Ama', 'admin');
    const yaw = await server.signUp('Yaw');
    const sessionId = await yaw.startChat();
    const kofiSocket = await kofi.socket();
    // A client claiming to have seen events that do not exist yet gets no pass on the policy.
    expect(await kofiSocket.call({ type: 'subscribe', sessionId, afterSeq: 1_000 })).toMatchObject({
      type: 'subscribed',
      seq: 1,
    });
    await ama.post(`/api/v1/sessions/${sessionId}/take`);
    expect(await kofiSocket.waitFor((f) => f.type === 'unsubscribed')).toMatchObject({
      reason: 'NOT_FOUND',
    });
    kofiSocket.close();
  });

  it('keeps a transferring agent on the transcript, as the API does, but not in the conversation', async () => {
    const kofi = await server.signUp('Kofi', 'admin');
    const ama = await server.agentOnDuty('Ama');
    const yaw = await server.signUp('Yaw');
    const sessionId = await yaw.startChat();
    await kofi.post(`/api/v1/sessions/${sessionId}/take`);
    const kofiSocket = await kofi.socket();
    await kofiSocket.call({ type: 'subscribe', sessionId, afterSeq: 0 });
    const customerSocket = await yaw.socket();
    await customerSocket.call({ type: 'subscribe', sessionId, afterSeq: 0 });

    const moved = await kofi.post(`/api/v1/sessions/${sessionId}/transfer`, {
      agentId: ama.user!.id,
    });
    expect(moved.status).toBe(200);
    // A past agent may still read the chat through the API, so the socket keeps it too.
    expect((await kofi.get(`/api/v1/sessions/${sessionId}`)).status).toBe(200);
    await yaw.post(`/api/v1/sessions/${sessionId}/messages`, { text: 'Thanks Kofi' });
    await kofiSocket.waitFor(isMessage('Thanks Kofi'));
    expect(kofiSocket.frames.some((f) => f.type === 'unsubscribed')).toBe(false);

    // Only the people in the conversation type in it: Kofi's typing no longer reaches Yaw.
    kofiSocket.send({ type: 'typing', sessionId, typing: true });
    await kofiSocket.call({ type: 'ping' });
    const amaSocket = await ama.socket();
    await amaSocket.call({ type: 'subscribe', sessionId, afterSeq: 0 });
    amaSocket.send({ type: 'typing', sessionId, typing: true });
    await customerSocket.waitFor((f) => f.type === 'typing' && f.user.name === 'Ama');
    await customerSocket.call({ type: 'ping' });
    expect(
      customerSocket.frames.filter((f) => f.type === 'typing' && f.user.name === 'Kofi'),
    ).toEqual([]);
    for (const socket of [kofiSocket, amaSocket, customerSocket]) socket.close();
  });
});
