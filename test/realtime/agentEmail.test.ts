// What a customer's socket learns about the agents who help them: a name, never an email
// address, in live frames and replayed ones alike (a session's frames go to the customer and the
// agents at once), unless SHOW_AGENT_EMAIL_TO_CUSTOMERS says so. Agents' sockets still carry
// every email. On every available database.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServerFrame } from '../../src/shared/protocol.js';
import { describeEachDatabase } from '../support/databases.js';
import {
  startTestNode,
  type Client,
  type SocketClient,
  type TestNode,
} from '../support/testNode.js';

type EventFrame = Extract<ServerFrame, { type: 'session.event' }>;
const isUpdate = (change: string) => (f: ServerFrame) =>
  f.type === 'session.event' && f.event.kind === 'session.updated' && f.event.change === change;
const isMessage = (text: string) => (f: ServerFrame) =>
  f.type === 'session.event' && f.event.kind === 'message.created' && f.event.message.text === text;

const emailOf = async (client: Client): Promise<string> =>
  (await client.get('/api/v1/auth/me')).body.user.email as string;

async function subscribed(client: Client, sessionId: string): Promise<SocketClient> {
  const socket = await client.socket();
  expect(await socket.call({ type: 'subscribe', sessionId, afterSeq: 0 })).toMatchObject({
    type: 'subscribed',
  });
  return socket;
}

/**
 * A whole chat on the socket, with the customer subscribed from the start: Ama takes it, types,
 * writes and reads; she transfers it to Kofi, who types, writes, tags and ends it; the customer
 * rates it. Then the customer replays the whole session on a fresh socket.
 */
async function chatOnTheSocket(server: TestNode) {
  const ama = await server.signUp('Ama', 'admin');
  const kofi = await server.agentOnDuty('Kofi');
  const yaw = await server.signUp('Yaw');
  const sessionId = await yaw.startChat();
  const customer = await subscribed(yaw, sessionId);
  const amaSocket = await subscribed(ama, sessionId);

  expect((await ama.post(`/api/v1/sessions/${sessionId}/take`)).status).toBe(200);
  await customer.waitFor(isUpdate('assigned'));
  await amaSocket.waitFor(isUpdate('assigned'));
  amaSocket.send({ type: 'typing', sessionId, typing: true });
  await customer.waitFor((f) => f.type === 'typing' && f.user.name === 'Ama');
  await amaSocket.call({ type: 'message.send', sessionId, clientId: 'a-1', text: 'Hello Yaw' });
  await customer.waitFor(isMessage('Hello Yaw'));
  await customer.call({ type: 'message.send', sessionId, clientId: 'y-1', text: 'Hi Ama' });
  await amaSocket.waitFor(isMessage('Hi Ama'));
  await amaSocket.call({ type: 'read', sessionId, upToSeq: 100 });
  await customer.waitFor(
    (f) =>
      f.type === 'session.event' &&
      f.event.kind === 'messages.read' &&
      f.event.reader.name === 'Ama',
  );

  await ama.post(`/api/v1/sessions/${sessionId}/transfer`, { agentId: kofi.user!.id });
  await customer.waitFor(isUpdate('transferred'));
  const kofiSocket = await subscribed(kofi, sessionId);
  kofiSocket.send({ type: 'typing', sessionId, typing: true });
  await customer.waitFor((f) => f.type === 'typing' && f.user.name === 'Kofi');
  await kofiSocket.call({ type: 'message.send', sessionId, clientId: 'k-1', text: 'Kofi here' });
  await customer.waitFor(isMessage('Kofi here'));
  await kofi.put(`/api/v1/sessions/${sessionId}/tags`, { tags: ['refund'] });
  await kofi.post(`/api/v1/sessions/${sessionId}/end`, {});
  await customer.waitFor(isUpdate('ended'));
  await yaw.post(`/api/v1/sessions/${sessionId}/rating`, { rating: 4 });
  await customer.waitFor(isUpdate('rated'));

  // Replaying reads the stored events back: they must be shaped for the customer too.
  const replay = await subscribed(yaw, sessionId);
  const customerFrames = [...customer.frames, ...replay.frames];
  const agentFrames = { ama: amaSocket.frames, kofi: kofiSocket.frames };
  for (const socket of [customer, replay, amaSocket, kofiSocket]) socket.close();
  return { sessionId, ama, kofi, yaw, customerFrames, agentFrames };
}

describeEachDatabase('agent emails on the socket', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db());
  });
  afterAll(async () => {
    await server.stop();
  });

  it('never sends a customer’s socket an agent’s email, live or replayed', async () => {
    const { ama, kofi, yaw, customerFrames } = await chatOnTheSocket(server);
    const received = JSON.stringify(customerFrames);
    expect(received).not.toContain(await emailOf(ama));
    expect(received).not.toContain(await emailOf(kofi));
    // The customer's own email is theirs to see (hello, the session's customer).
    expect(received).toContain(await emailOf(yaw));
    const ended = customerFrames.find(isUpdate('ended')) as EventFrame;
    expect(ended.event).toMatchObject({
      session: { agent: { id: kofi.user!.id, name: 'Kofi', email: null } },
    });
  });

  it('still gives agents’ sockets every email', async () => {
    const { ama, kofi, yaw, agentFrames } = await chatOnTheSocket(server);
    const [amaEmail, kofiEmail, yawEmail] = await Promise.all([ama, kofi, yaw].map(emailOf));
    const assigned = agentFrames.ama.find(isUpdate('assigned')) as EventFrame;
    expect(assigned.event).toMatchObject({
      session: { agent: { email: amaEmail }, customer: { email: yawEmail } },
    });
    // Kofi subscribed after the transfer: Ama's message and read receipt come from the replay.
    const kofiSaw = JSON.stringify(agentFrames.kofi);
    expect(kofiSaw).toContain(amaEmail);
    expect(kofiSaw).toContain(kofiEmail);
  });
});

describeEachDatabase('agent emails on the socket, SHOW_AGENT_EMAIL_TO_CUSTOMERS=true', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db(), { SHOW_AGENT_EMAIL_TO_CUSTOMERS: 'true' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('sends a customer’s socket their agents’ emails when the deployment says so', async () => {
    const { ama, kofi, customerFrames } = await chatOnTheSocket(server);
    const received = JSON.stringify(customerFrames);
    expect(received).toContain(await emailOf(ama));
    expect(received).toContain(await emailOf(kofi));
  });
});
