// The abuse limits as a WebSocket client meets them: a send beyond the chat's budget is refused
// with the frame's ids and how long to wait.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { registerNode } from '../../src/storage/repositories/cluster.js';
import { describeEachDatabase } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/testNode.js';

describeEachDatabase('abuse limits on the socket', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db(), {
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
