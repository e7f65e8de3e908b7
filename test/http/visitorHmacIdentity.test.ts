// Identifying a widget visitor by the host's user id and its HMAC (docs/widget.md, Identity), and
// the widget setting requireVerifiedIdentity, which refuses an identity nobody signed.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_WIDGET_SETTINGS } from '../../src/shared/widgetSettingsApi.js';
import { describeEachDatabase } from '../support/databases.js';
import { Client, startTestNode, TEST_SSO_SECRET, type TestNode } from '../support/testNode.js';

const hmacOf = (userId: string, secret = TEST_SSO_SECRET) =>
  createHmac('sha256', secret).update(userId).digest('hex');

describeEachDatabase('identifying a visitor with an HMAC', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db());
  });
  afterAll(async () => {
    await server.stop();
  });

  async function visitor() {
    const reply = await new Client(server.url).post('/api/v1/visitors', {});
    const bearer = { authorization: `Bearer ${reply.body.token as string}` };
    const identify = (body: object) =>
      new Client(server.url).request('POST', '/api/v1/visitors/identify', body, bearer);
    return { id: reply.body.user.id as string, token: reply.body.token as string, identify };
  }

  async function requireVerified(boss: Client, on: boolean) {
    const saved = await boss.put('/api/v1/widget-settings', {
      ...DEFAULT_WIDGET_SETTINGS,
      requireVerifiedIdentity: on,
    });
    expect(saved.status).toBe(200);
  }

  it('links the visitor to the host user with a valid hmac; the address stays a contact', async () => {
    const guest = await visitor();
    const started = await new Client(server.url).request(
      'POST',
      '/api/v1/sessions',
      { subject: 'Fees', message: 'Hello' },
      { authorization: `Bearer ${guest.token}` },
    );
    expect(started.status).toBe(201);
    const reply = await guest.identify({
      userId: 'host-7',
      hmac: hmacOf('host-7'),
      name: 'Efua Owusu',
      email: 'efua@example.com',
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      user: { id: guest.id, name: 'Efua Owusu', email: null },
      contactEmail: 'efua@example.com',
      token: expect.any(String),
    });
    expect(reply.body.token).not.toBe(guest.token);
    // A second visitor with the same user id joins the same account, chats and all.
    const again = await (await visitor()).identify({ userId: 'host-7', hmac: hmacOf('host-7') });
    expect(again.body.user.id).toBe(guest.id);
  });

  it('refuses a wrong hmac with 401 INVALID_IDENTITY_HMAC', async () => {
    const guest = await visitor();
    for (const hmac of [hmacOf('host-8'), hmacOf('host-7', 'another-secret-long-enough-1234')]) {
      const reply = await guest.identify({ userId: 'host-7', hmac });
      expect(reply.status).toBe(401);
      expect(reply.body.error.code).toBe('INVALID_IDENTITY_HMAC');
    }
  });

  it('takes an unsigned identity as a name only, unless verified identities are required', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    const guest = await visitor();
    const named = await guest.identify({ userId: 'host-9', name: 'Kwame', email: 'k@example.com' });
    expect(named.status).toBe(200);
    expect(named.body).toMatchObject({
      user: { id: guest.id, name: 'Kwame' },
      contactEmail: 'k@example.com',
      token: guest.token,
    });
    const linked = await (await visitor()).identify({ userId: 'host-9', hmac: hmacOf('host-9') });
    expect(linked.body.user.id).not.toBe(guest.id);

    await requireVerified(boss, true);
    const refused = await (await visitor()).identify({ userId: 'host-9', name: 'Kwame' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('IDENTITY_NOT_VERIFIED');
    const signed = await (await visitor()).identify({ userId: 'host-9', hmac: hmacOf('host-9') });
    expect(signed.status).toBe(200);
    await requireVerified(boss, false);
  });
});
