// What the log keeps of a request: enough to follow it, never a secret that would let a reader
// sign in (an SSO token in a landing's URL, a password, a bearer token), at the chattiest level.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.js';
import {
  Client,
  startTestNode,
  TEST_PASSWORD,
  TEST_SSO_SECRET,
  type TestNode,
} from '../support/testNode.js';

const ssoToken = (sub: string) =>
  new SignJWT({ sub, name: 'Efua' })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience('switchboard')
    .setJti(randomUUID())
    .setExpirationTime(Math.floor(Date.now() / 1000) + 60)
    .sign(new TextEncoder().encode(TEST_SSO_SECRET));

describeEachDatabase('the log', (db) => {
  let server: TestNode;
  let log = '';
  beforeAll(async () => {
    server = await startTestNode(
      db(),
      { LOG_LEVEL: 'trace' },
      { logStream: { write: (line: string) => void (log += line) } },
    );
  });
  afterAll(async () => {
    await server.stop();
  });

  it('follows every request without writing down a token or password', async () => {
    const secrets: string[] = [];
    const anonymous = new Client(server.url);
    for (const query of [
      (token: string) => `token=${token}&next=/chat`,
      (token: string) => `next=/&%74oken=${token}`,
      (token: string) => `token=${token}&next=%0A`,
      (token: string) => `token=${token.slice(0, -2)}`,
    ]) {
      const token = await ssoToken('portal-log');
      secrets.push(token);
      await anonymous.get(`/api/v1/auth/sso?${query(token)}`);
    }
    const posted = await ssoToken('portal-log');
    secrets.push(posted);
    expect((await anonymous.post('/api/v1/auth/sso', { token: posted })).status).toBe(200);

    const boss = await server.signUp('Boss', 'super_admin');
    await boss.post('/api/v1/accounts', {
      email: 'bot.log@example.com',
      name: 'Bot',
      password: 'a password to keep',
      role: 'admin',
    });
    const issued = await anonymous.post('/api/v1/auth/tokens', {
      email: 'bot.log@example.com',
      password: 'a password to keep',
    });
    const bearer: string = issued.body.token;
    await fetch(`${server.url}/api/v1/agents/me`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    secrets.push('a password to keep', TEST_PASSWORD, bearer);

    // The requests are there, with their URLs...
    expect(log).toContain('/api/v1/auth/sso?token=[redacted]&next=/chat');
    expect(log).toContain('/api/v1/auth/sso?next=/&%74oken=[redacted]');
    // ...and no secret is, whole or as its signature.
    for (const secret of secrets) {
      expect(log).not.toContain(secret);
      expect(log).not.toContain(secret.slice(-20));
    }
  });
});
