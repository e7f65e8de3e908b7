// Visitors of the chat widget: a guest account and its bearer token, used from another site's
// page without any cookie, over REST and the WebSocket; identification by the host site's
// signed token, which keeps the chat; contact details; and the limit on guests per address.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerFrame } from '../../src/shared/protocol.js';
import { describeEachDatabase } from '../support/databases.js';
import {
  Client,
  SocketClient,
  startTestNode,
  TEST_SSO_SECRET,
  type Reply,
  type TestNode,
} from '../support/testNode.js';

/** The page the widget is embedded in: another site altogether. */
const HOST_SITE = 'http://portal.example';

/** A client of the widget: its token in the Authorization header, no cookie, another origin. */
class VisitorClient extends Client {
  constructor(
    baseUrl: string,
    readonly token: string,
  ) {
    super(baseUrl);
  }

  override request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    return super.request<T>(method, path, body, {
      origin: HOST_SITE,
      authorization: `Bearer ${this.token}`,
      ...headers,
    });
  }

  override socket(): Promise<SocketClient> {
    // The token first: the answer must still name `switchboard`, never echo the token.
    return SocketClient.connect(this.baseUrl, null, HOST_SITE, {}, [
      `bearer.${this.token}`,
      'switchboard',
    ]);
  }
}

function identity(claims: Record<string, unknown>, secret = TEST_SSO_SECRET, expiresIn = 60) {
  return new SignJWT({ name: 'Efua Owusu', ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience('switchboard')
    .setJti(randomUUID())
    .setExpirationTime(Math.floor(Date.now() / 1000) + expiresIn)
    .sign(new TextEncoder().encode(secret));
}

const isMessage = (text: string) => (f: ServerFrame) =>
  f.type === 'session.event' && f.event.kind === 'message.created' && f.event.message.text === text;

describeEachDatabase('visitors', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db());
  });
  afterAll(async () => {
    await server.stop();
  });

  async function newVisitor(body: object = {}): Promise<VisitorClient> {
    const reply = await new Client(server.url).post('/api/v1/visitors', body);
    expect(reply.status).toBe(201);
    return new VisitorClient(server.url, reply.body.token);
  }

  it('makes a guest customer with a token and no cookie', async () => {
    const reply = await new Client(server.url).post('/api/v1/visitors', {});
    expect(reply.status).toBe(201);
    expect(reply.headers.get('set-cookie')).toBeNull();
    expect(reply.body).toMatchObject({
      user: { name: expect.stringMatching(/^Visitor \d{4}$/), role: 'user', email: null },
      contactEmail: null,
      token: expect.any(String),
    });
    const boss = await server.signUp('Boss', 'super_admin');
    const account = await boss.get(`/api/v1/accounts/${reply.body.user.id}`);
    expect(account.body).toMatchObject({ isGuest: true, role: 'user' });
    const named = await new Client(server.url).post('/api/v1/visitors', { name: 'Abena' });
    expect(named.body.user.name).toBe('Abena');
  });

  it('chats over REST with its token from another site, and hears the agent on the WebSocket', async () => {
    const visitor = await newVisitor();
    const started = await visitor.post('/api/v1/sessions', { subject: 'Fees', message: 'Hello' });
    expect(started.status).toBe(201);
    const sessionId = started.body.id as string;
    const agent = await server.agentOnDuty('Kofi');
    expect((await agent.post(`/api/v1/sessions/${sessionId}/take`)).status).toBe(200);

    const socket = await visitor.socket();
    expect(socket.ws.protocol).toBe('switchboard');
    const hello = await socket.waitFor((f) => f.type === 'hello');
    expect(hello).toMatchObject({ user: { id: started.body.customer.id } });
    expect(await socket.call({ type: 'subscribe', sessionId, afterSeq: 0 })).toMatchObject({
      type: 'subscribed',
    });
    await agent.post(`/api/v1/sessions/${sessionId}/messages`, { text: 'How can I help?' });
    await socket.waitFor(isMessage('How can I help?'));
    socket.close();
  });

  it('refuses a signed-out or unknown token with 401, on REST and the WebSocket', async () => {
    const visitor = await newVisitor();
    expect((await visitor.get('/api/v1/auth/me')).status).toBe(200);
    expect((await visitor.post('/api/v1/auth/logout')).status).toBe(204);
    const after = await visitor.get('/api/v1/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
    const socket = await visitor.socket();
    await expect(socket.waitFor((f) => f.type === 'hello')).rejects.toThrow(/closed \(4001\)/);
    expect(socket.frames[0]).toMatchObject({ type: 'error', error: { code: 'UNAUTHENTICATED' } });
    const forged = new VisitorClient(server.url, 'not-a-token');
    expect((await forged.post('/api/v1/sessions', { subject: 'x', message: 'y' })).status).toBe(
      401,
    );
  });

  it("keeps a visitor out of another visitor's chat, over REST and the WebSocket", async () => {
    const ama = await newVisitor();
    const yaw = await newVisitor();
    const { body } = await ama.post('/api/v1/sessions', { subject: 'Mine', message: 'Private' });
    expect((await yaw.get(`/api/v1/sessions/${body.id}`)).status).toBe(404);
    expect((await yaw.get(`/api/v1/sessions/${body.id}/messages`)).status).toBe(404);
    const list = await yaw.get('/api/v1/sessions');
    expect(list.body.items).toEqual([]);
    const socket = await yaw.socket();
    expect(await socket.call({ type: 'subscribe', sessionId: body.id, afterSeq: 0 })).toMatchObject(
      { type: 'error', error: { code: 'NOT_FOUND' } },
    );
    socket.close();
  });

  it('leaves a name and an address to be reached at, which never becomes the sign-in email', async () => {
    const visitor = await newVisitor();
    const changed = await visitor.patch('/api/v1/visitors/me', {
      name: 'Abena Boateng',
      email: 'Abena@Example.com',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({
      user: expect.objectContaining({ name: 'Abena Boateng', email: null }),
      contactEmail: 'abena@example.com',
    });
    const bad = await visitor.patch('/api/v1/visitors/me', { email: 'not an address' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('email');
    expect((await visitor.patch('/api/v1/visitors/me', {})).status).toBe(400);
    const forgot = await visitor.patch('/api/v1/visitors/me', { email: null });
    expect(forgot.body.contactEmail).toBeNull();
    const customer = await server.signUp('Yaw');
    expect((await customer.patch('/api/v1/visitors/me', { name: 'Yaw' })).status).toBe(403);
  });

  describe('identified by the host site', () => {
    it('becomes the host’s user, keeping the chat, with a new token', async () => {
      const visitor = await newVisitor();
      const chat = await visitor.startChat();
      const reply = await visitor.post('/api/v1/visitors/identify', {
        token: await identity({ sub: 'portal-41', email: 'efua@portal.example' }),
      });
      expect(reply.status).toBe(200);
      expect(reply.body.user).toMatchObject({ name: 'Efua Owusu', email: 'efua@portal.example' });
      expect((await visitor.get('/api/v1/auth/me')).status).toBe(401);
      const identified = new VisitorClient(server.url, reply.body.token);
      expect((await identified.get(`/api/v1/sessions/${chat}`)).status).toBe(200);
      const boss = await server.signUp('Boss', 'super_admin');
      const account = await boss.get(`/api/v1/accounts/${reply.body.user.id}`);
      expect(account.body).toMatchObject({ isGuest: false, externalId: 'portal-41' });
    });

    it('moves the chat to the customer the host’s user already is', async () => {
      const known = new Client(server.url);
      const signedIn = await known.post('/api/v1/auth/sso', {
        token: await identity({ sub: 'portal-42' }),
      });
      expect(signedIn.status).toBe(200);
      const visitor = await newVisitor();
      const chat = await visitor.startChat();
      const reply = await visitor.post('/api/v1/visitors/identify', {
        token: await identity({ sub: 'portal-42' }),
      });
      expect(reply.status).toBe(200);
      expect(reply.body.user.id).toBe(signedIn.body.user.id);
      const seen = await known.get(`/api/v1/sessions/${chat}`);
      expect(seen.status).toBe(200);
      expect(seen.body.customer.id).toBe(signedIn.body.user.id);
      const messages = await known.get(`/api/v1/sessions/${chat}/messages`);
      expect(messages.body.items.at(-1).sender.id).toBe(signedIn.body.user.id);
    });

    it('refuses a wrongly signed, expired or agent identity, and stays a guest', async () => {
      const visitor = await newVisitor();
      const refusals = [
        await identity({ sub: 'p-1' }, 'another-secret-that-is-long-enough-99'),
        await identity({ sub: 'p-2' }, TEST_SSO_SECRET, -120),
        'not-a-token',
      ];
      for (const token of refusals) {
        const reply = await visitor.post('/api/v1/visitors/identify', { token });
        expect(reply.status).toBe(401);
        expect(reply.body.error.code).toBe('INVALID_SSO_TOKEN');
      }
      const agent = await visitor.post('/api/v1/visitors/identify', {
        token: await identity({ sub: 'p-3', role: 'admin' }),
      });
      expect(agent.status).toBe(403);
      const me = await visitor.get('/api/v1/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.user.name).toMatch(/^Visitor/);
    });
  });
});

describeEachDatabase('visitors per address', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db(), { VISITOR_LIMIT_PER_ADDRESS: '2' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('makes at most VISITOR_LIMIT_PER_ADDRESS visitors an hour from one address', async () => {
    const anyone = new Client(server.url);
    expect((await anyone.post('/api/v1/visitors', {})).status).toBe(201);
    expect((await anyone.post('/api/v1/visitors', {})).status).toBe(201);
    const refused = await anyone.post('/api/v1/visitors', {});
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describeEachDatabase('guest chats per address', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db(), { GUEST_CHAT_LIMIT_PER_ADDRESS: '2' });
  });
  afterAll(async () => {
    await server.stop();
  });

  const start = (client: Client) =>
    client.post('/api/v1/sessions', { subject: 'Fees', message: 'Hello' });

  it('starts at most GUEST_CHAT_LIMIT_PER_ADDRESS guests’ chats an hour from one address', async () => {
    const guests: VisitorClient[] = [];
    for (let i = 0; i < 3; i++) {
      const made = await new Client(server.url).post('/api/v1/visitors', {});
      guests.push(new VisitorClient(server.url, made.body.token));
    }
    expect((await start(guests[0]!)).status).toBe(201);
    expect((await start(guests[1]!)).status).toBe(201);
    // A fresh visitor per chat does not get around it.
    const refused = await start(guests[2]!);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Signed-in customers behind the same address are not counted by it.
    const student = await server.signUp('Abena');
    expect((await start(student)).status).toBe(201);
  });
});
