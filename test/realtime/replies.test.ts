// What the server answers to frames it refuses, as docs/protocol.md promises: every refusal
// carries the frame's ref (and a send's clientId) so the client knows which frame it concerns.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServerFrame } from '../../src/shared/protocol.js';
import { describeEachDatabase } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/testNode.js';

describeEachDatabase('replies to refused frames', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db());
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers typing in a session one does not follow with an error carrying its ref', async () => {
    const yaw = await server.signUp('Yaw');
    const { body } = await yaw.post('/api/v1/sessions', { subject: 'Help', message: 'Hi' });
    const socket = await yaw.socket();
    expect(await socket.call({ type: 'typing', sessionId: body.id, typing: true })).toMatchObject({
      type: 'error',
      error: { code: 'VALIDATION_FAILED' },
    });
    // Once subscribed, typing gets no reply at all.
    await socket.call({ type: 'subscribe', sessionId: body.id, afterSeq: 0 });
    const before = socket.frames.length;
    socket.send({ type: 'typing', sessionId: body.id, typing: true, ref: 't-1' });
    await socket.call({ type: 'ping' });
    expect(socket.frames.slice(before).map((f) => f.type)).toEqual(['pong']);
    socket.close();
  });

  it('says which frames the rate limit dropped', async () => {
    const yaw = await server.signUp('Yaw');
    const socket = await yaw.socket();
    await socket.waitFor((f) => f.type === 'hello');
    // Far more than the burst allows, faster than the budget refills.
    for (let i = 0; i < 300; i++) socket.send({ type: 'ping', ref: `p-${i}` });
    socket.send({ type: 'message.send', ref: 'late', sessionId: 'x', clientId: 'c-9', text: 'hi' });
    const dropped = await socket.waitFor<Extract<ServerFrame, { type: 'error' }>>(
      (f) => f.type === 'error' && f.ref === 'late',
    );
    expect(dropped).toEqual({
      type: 'error',
      ref: 'late',
      clientId: 'c-9',
      error: { code: 'RATE_LIMITED', message: expect.any(String) },
    });
    const limited = socket.frames.filter(
      (f) => f.type === 'error' && f.error.code === 'RATE_LIMITED',
    );
    expect(limited.length).toBeGreaterThan(1);
    expect(limited.every((f) => 'ref' in f && f.ref)).toBe(true);
    socket.close();
  });

  it('refuses a message holding half of a surrogate pair, and stores nothing', async () => {
    const yaw = await server.signUp('Yaw');
    const sessionId = await yaw.startChat();
    const socket = await yaw.socket();
    const reply = await socket.call({
      type: 'message.send',
      sessionId,
      clientId: 'c-1',
      text: 'smile \ud83d',
    });
    expect(reply).toMatchObject({
      type: 'error',
      clientId: 'c-1',
      error: { code: 'VALIDATION_FAILED' },
    });
    const whole = await socket.call({
      type: 'message.send',
      sessionId,
      clientId: 'c-2',
      text: '\ud83d\ude00',
    });
    expect(whole).toMatchObject({ type: 'ack', message: { text: '\ud83d\ude00' } });
    const stored = await yaw.get(`/api/v1/sessions/${sessionId}/messages`);
    expect(stored.body.items.map((m: { text: string }) => m.text)).toEqual(['Hi', '\ud83d\ude00']);
    socket.close();
  });
});
