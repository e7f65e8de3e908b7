// What a customer learns over REST about the agents who help them: a name (and the initials the
// app draws from it), never an email address, unless SHOW_AGENT_EMAIL_TO_CUSTOMERS says so.
// Agents and super admins still see every email. On every available database.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.js';
import { startTestNode, type Client, type Reply, type TestNode } from '../support/testNode.js';

async function emailOf(client: Client): Promise<string> {
  const email = (await client.get('/api/v1/auth/me')).body.user.email as string;
  expect(email).toContain('@');
  return email;
}

/** Records every body the customer receives, so a test can search all of them at once. */
function recording(customer: Client) {
  const bodies: unknown[] = [];
  const call = async (method: string, path: string, body?: unknown): Promise<Reply<any>> => {
    const reply = await customer.request(method, `/api/v1${path}`, body);
    bodies.push(reply.body);
    return reply;
  };
  return { bodies, call };
}

/**
 * A whole chat: Ama takes it, both write and read, Ama transfers it to Kofi, who writes and
 * ends it, and the customer rates it; the customer reads everything REST offers on the way.
 */
async function chatWithTwoAgents(server: TestNode) {
  const ama = await server.signUp('Ama', 'admin');
  const kofi = await server.agentOnDuty('Kofi');
  const yaw = await server.signUp('Yaw');
  const customer = recording(yaw);
  const { body: started } = await customer.call('POST', '/sessions', {
    subject: 'Refund',
    message: 'Hello',
  });
  const id = started.id as string;
  expect((await ama.post(`/api/v1/sessions/${id}/take`)).status).toBe(200);
  const hello = await ama.post(`/api/v1/sessions/${id}/messages`, { text: 'Hello Yaw' });
  expect(hello.status).toBe(201);
  await customer.call('POST', `/sessions/${id}/messages`, { text: 'Hi Ama', clientId: 'y-1' });
  await customer.call('POST', `/sessions/${id}/messages`, { text: 'Hi Ama', clientId: 'y-1' });
  await ama.post(`/api/v1/sessions/${id}/read`, { upToSeq: 100 });
  await customer.call('POST', `/sessions/${id}/read`, { upToSeq: hello.body.seq });
  const transfer = await ama.post(`/api/v1/sessions/${id}/transfer`, { agentId: kofi.user!.id });
  expect(transfer.status).toBe(200);
  await kofi.post(`/api/v1/sessions/${id}/messages`, { text: 'Kofi here' });
  for (const path of [
    `/sessions/${id}`,
    `/sessions/${id}/messages`,
    `/sessions/${id}/queue`,
    '/sessions',
    '/sessions?view=active',
    '/sessions/counts',
  ]) {
    await customer.call('GET', path);
  }
  await kofi.put(`/api/v1/sessions/${id}/tags`, { tags: ['refund'] });
  await customer.call('POST', `/sessions/${id}/end`, {});
  await customer.call('POST', `/sessions/${id}/rating`, { rating: 5 });
  for (const path of [`/sessions/${id}`, `/sessions/${id}/messages`, '/sessions?view=history']) {
    await customer.call('GET', path);
  }
  return { id, ama, kofi, yaw, customerBodies: customer.bodies };
}

describeEachDatabase('agent emails over REST', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db());
  });
  afterAll(async () => {
    await server.stop();
  });

  it('shows a customer their agents by name and never by email, in everything they receive', async () => {
    const { id, ama, kofi, yaw, customerBodies } = await chatWithTwoAgents(server);
    const received = JSON.stringify(customerBodies);
    expect(received).not.toContain(await emailOf(ama));
    expect(received).not.toContain(await emailOf(kofi));

    const session = (await yaw.get(`/api/v1/sessions/${id}`)).body;
    expect(session.agent).toEqual({ id: kofi.user!.id, name: 'Kofi', email: null, role: 'admin' });
    expect(session.customer.email).toBe(await emailOf(yaw));
    const senders = (await yaw.get(`/api/v1/sessions/${id}/messages`)).body.items
      .map((m: { sender: { name: string; email: string | null } | null }) => m.sender)
      .filter(Boolean);
    expect(new Set(senders.map((s: { name: string }) => s.name))).toEqual(
      new Set(['Yaw', 'Ama', 'Kofi']),
    );
  });

  it('still shows agents and super admins every email', async () => {
    const { id, ama, kofi, yaw } = await chatWithTwoAgents(server);
    const [amaEmail, kofiEmail, yawEmail] = await Promise.all([ama, kofi, yaw].map(emailOf));
    const boss = await server.signUp('Boss', 'super_admin');
    for (const viewer of [kofi, boss]) {
      const session = (await viewer.get(`/api/v1/sessions/${id}`)).body;
      expect(session.agent.email).toBe(kofiEmail);
      expect(session.customer.email).toBe(yawEmail);
    }
    // Ama handed the chat over and keeps its transcript, with every sender's email.
    const messages = (await ama.get(`/api/v1/sessions/${id}/messages`)).body.items;
    const emails = messages.map((m: { sender: { email: string } | null }) => m.sender?.email);
    expect(emails).toEqual(expect.arrayContaining([amaEmail, kofiEmail, yawEmail]));
    const agents = (await kofi.get('/api/v1/agents')).body.items;
    expect(agents.map((a: { agent: { email: string } }) => a.agent.email)).toEqual(
      expect.arrayContaining([amaEmail, kofiEmail]),
    );
  });
});

describeEachDatabase('agent emails over REST, SHOW_AGENT_EMAIL_TO_CUSTOMERS=true', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db(), { SHOW_AGENT_EMAIL_TO_CUSTOMERS: 'true' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('shows a customer their agents’ emails when the deployment says so', async () => {
    const { id, ama, kofi, yaw } = await chatWithTwoAgents(server);
    const session = (await yaw.get(`/api/v1/sessions/${id}`)).body;
    expect(session.agent.email).toBe(await emailOf(kofi));
    const messages = JSON.stringify((await yaw.get(`/api/v1/sessions/${id}/messages`)).body);
    expect(messages).toContain(await emailOf(ama));
  });
});
