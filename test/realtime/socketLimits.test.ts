// The abuse limits as a WebSocket client meets them: a sign-in holds so many sockets and the
// next is turned away (RATE_LIMITED, then close 4029) having handled nothing, and a send beyond
// the chat's budget is refused with the frame's ids and how long to wait.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../src/shared/protocol.js';
import { registerNode } from '../../src/storage/repositories/cluster.js';
import { describeEachDatabase } from '../support/databases.js';
import { Client, TEST_PASSWORD, startTestNode, type TestNode } from '../support/testNode.js';

describeEachDatabase('abuse limits on the socket', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db(), {
      SOCKET_LIMIT_PER_SIGNIN: '2',
      MESSAGE_LIMIT_BURST: '2',
      MESSAGE_LIMIT_PER_SECOND: '0.1',
    });
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(async () => {
    await registerNode(db().db, server.node.ctx.nodeId, Date.now());
  });

  it('turns away a sign-in’s socket beyond the limit, and admits one again once another closes', async () => {
    const yaw = await server.signUp('Yaw');
    const sockets = await Promise.all([1, 2, 3, 4].map(() => yaw.socket()));
    const outcomes = await Promise.all(
      sockets.map((socket) =>
        socket.waitFor((f) => f.type === 'hello' || f.type === 'error').then((f) => f.type),
      ),
    );
    expect([...outcomes].sort()).toEqual(['error', 'error', 'hello', 'hello']);
    const refused = sockets.filter((_, i) => outcomes[i] === 'error');
    for (const socket of refused) {
      expect(await socket.waitForClose()).toBe(CLOSE_CODES.TOO_MANY_SOCKETS);
      expect(socket.frames).toEqual([
        {
          type: 'error',
          error: {
            code: 'RATE_LIMITED',
            message: 'This sign-in already has 2 connections open; close a tab or window',
            retryAfterSeconds: 30,
          },
        },
      ]);
    }

    // Another sign-in of the same person (another browser) has places of its own.
    const { email } = (await yaw.get('/api/v1/auth/me')).body.user;
    const elsewhere = new Client(server.url);
    await elsewhere.signIn(email, TEST_PASSWORD);
    const other = await elsewhere.socket();
    await other.waitFor((f) => f.type === 'hello');

    sockets.find((_, i) => outcomes[i] === 'hello')!.close();
    await expect
      .poll(async () => {
        const socket = await yaw.socket();
        const first = await socket.waitFor((f) => f.type === 'hello' || f.type === 'error');
        socket.close();
        return first.type;
      })
      .toBe('hello');
    for (const socket of [...sockets, other]) socket.close();
  });

  it('handles nothing a turned-away socket sent before it was refused', async () => {
    const yaw = await server.signUp('Yaw');
    const sessionId = await yaw.startChat();
    const held = await Promise.all([yaw.socket(), yaw.socket()]);
    await Promise.all(held.map((s) => s.waitFor((f) => f.type === 'hello')));
    const third = await yaw.socket();
    third.send({ type: 'message.send', sessionId, clientId: 'sneaky', text: 'let me in' });
    expect(await third.waitForClose()).toBe(CLOSE_CODES.TOO_MANY_SOCKETS);
    const { body } = await yaw.get(`/api/v1/sessions/${sessionId}/messages`);
    expect(body.items.map((m: { text: string }) => m.text)).toEqual(['Hi']);
    for (const socket of held) socket.close();
  });

  it('refuses a send beyond the chat’s budget with its ids and how long to wait', async () => {
    const yaw = await server.signUp('Yaw');
    const sessionId = await yaw.startChat();
    const socket = await yaw.socket();
    await socket.waitFor((f) => f.type === 'hello');
    const send = (clientId: string) =>
      socket.call({ type: 'message.send', sessionId, clientId, text: clientId });
    expect(await send('c-1')).toMatchObject({ type: 'ack', clientId: 'c-1' });
    expect(await send('c-2')).toMatchObject({ type: 'ack', clientId: 'c-2' });
    expect(await send('c-3')).toMatchObject({
      type: 'error',
      clientId: 'c-3',
      error: { code: 'RATE_LIMITED', retryAfterSeconds: 10 },
    });
    socket.close();
  });
});
