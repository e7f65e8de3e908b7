// Account changes over HTTP, whoever makes them: a super admin through /accounts, or the host
// application through an SSO sign-in. Both obey the same rules, on every available database.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.js';
import { Client, startTestNode, TEST_SSO_SECRET, type TestNode } from '../support/testNode.js';

interface HostUser {
  sub: string;
  name: string;
  email?: string;
  role?: string;
}

function ssoToken(user: HostUser): Promise<string> {
  return new SignJWT({ ...user, jti: randomUUID() })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience('switchboard')
    .setExpirationTime(Math.floor(Date.now() / 1000) + 60)
    .sign(new TextEncoder().encode(TEST_SSO_SECRET));
}

describeEachDatabase('account changes over HTTP', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db());
  });
  afterAll(async () => {
    await server.stop();
  });

  /** Signs in a fresh browser as the host application's `user`. */
  async function ssoSignIn(user: HostUser) {
    const browser = new Client(server.url);
    const reply = await browser.post('/api/v1/auth/sso', { token: await ssoToken(user) });
    return { browser, reply };
  }

  const agentStatusOf = (agentId: string) =>
    db()
      .db.selectFrom('chat_agent_status')
      .select(['status', 'current_chat_count'])
      .where('agent_id', '=', agentId)
      .executeTakeFirstOrThrow();

  it('puts an agent’s chats back in the queue when the host signs them in as a customer', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    const host = { sub: 'portal-ama', name: 'Ama', email: 'ama@portal.example' };
    const { browser: ama, reply } = await ssoSignIn({ ...host, role: 'admin' });
    expect(reply.status).toBe(200);
    const amaId: string = reply.body.user.id;
    await ama.patch('/api/v1/agents/me', { status: 'online' });
    const yaw = await server.signUp('Yaw');
    const { body } = await yaw.post('/api/v1/sessions', { subject: 'Help', message: 'hi' });
    await server.node.routing.idle();
    expect((await boss.get(`/api/v1/sessions/${body.id}`)).body.agent?.id).toBe(amaId);

    const demoted = await ssoSignIn({ ...host, role: 'user' });
    expect(demoted.reply.status).toBe(200);
    expect(demoted.reply.body.user).toMatchObject({ id: amaId, role: 'user' });
    await server.node.routing.idle();
    expect((await boss.get(`/api/v1/sessions/${body.id}`)).body).toMatchObject({
      status: 'waiting',
      agent: null,
    });
    expect(await agentStatusOf(amaId)).toEqual({ status: 'offline', current_chat_count: 0 });
  });

  it('refuses to let the host demote the last super admin, keeping the account as it was', async () => {
    const host = { sub: 'portal-boss', name: 'Boss', email: 'boss@portal.example' };
    const { browser: boss, reply } = await ssoSignIn({ ...host, role: 'super_admin' });
    expect(reply.status).toBe(200);
    const refused = await ssoSignIn({ ...host, name: 'Renamed', role: 'admin' });
    expect(refused.reply.status).toBe(409);
    expect(refused.reply.body.error.code).toBe('LAST_SUPER_ADMIN');
    expect(refused.browser.cookie).toBeNull();
    expect((await boss.get('/api/v1/auth/me')).body.user).toMatchObject({
      name: 'Boss',
      role: 'super_admin',
    });
    const landing = await new Client(server.url).get(
      `/api/v1/auth/sso?token=${await ssoToken({ ...host, role: 'user' })}`,
    );
    expect(landing.headers.get('location')).toBe('/login?error=LAST_SUPER_ADMIN');
  });

  it('refuses an SSO sign-in that would take another account’s email, changing nothing', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    const taken = await boss.post('/api/v1/accounts', {
      email: 'taken@example.com',
      name: 'Owner',
      password: 'long enough pw',
    });
    expect(taken.status).toBe(201);
    const host = { sub: 'portal-efua', name: 'Efua', email: 'efua@portal.example' };
    const { browser: efua } = await ssoSignIn(host);
    const refused = await ssoSignIn({ ...host, name: 'Efua M.', email: 'taken@example.com' });
    expect(refused.reply.status).toBe(409);
    expect(refused.reply.body.error).toMatchObject({ code: 'EMAIL_TAKEN', field: 'email' });
    expect((await efua.get('/api/v1/auth/me')).body.user).toMatchObject({
      name: 'Efua',
      email: 'efua@portal.example',
    });
  });

  it('closes the sockets of someone whose role changes, so they reconnect with the new role', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    const deputy = await server.signUp('Deputy', 'super_admin');
    const socket = await deputy.socket();
    try {
      await socket.waitFor((frame) => frame.type === 'hello');
      const changed = await boss.patch(`/api/v1/accounts/${deputy.user!.id}`, { role: 'admin' });
      expect(changed.status).toBe(200);
      expect(await socket.waitFor((frame) => frame.type === 'bye')).toMatchObject({
        reason: 'role_changed',
        retryMs: 0,
      });
      await socket.waitForClose();
      // Still signed in over HTTP, now as an agent.
      expect((await deputy.get('/api/v1/auth/me')).body.user.role).toBe('admin');
      expect((await deputy.get('/api/v1/accounts')).status).toBe(403);
    } finally {
      socket.close();
    }
  });
});
