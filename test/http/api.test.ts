// The REST API through real HTTP: authentication, CSRF, validation, errors and the whole chat
// flow, on every available database.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { describeEachDatabase } from '../support/databases.js';
import { Client, startTestNode, TEST_SSO_SECRET, type TestNode } from '../support/testNode.js';

/** A fresh SSO token (each works once) for the host application's user `sub`. */
function ssoToken(sub: string): Promise<string> {
  return new SignJWT({ sub, name: 'Efua' })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience('switchboard')
    .setJti(randomUUID())
    .setExpirationTime(Math.floor(Date.now() / 1000) + 60)
    .sign(new TextEncoder().encode(TEST_SSO_SECRET));
}

describeEachDatabase('REST API', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db());
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers health and readiness', async () => {
    const anonymous = new Client(server.url);
    expect((await anonymous.get('/healthz')).status).toBe(200);
    expect((await anonymous.get('/readyz')).body).toEqual({ status: 'ready' });
  });

  it('requires sign-in and says so as JSON', async () => {
    const anonymous = new Client(server.url);
    const reply = await anonymous.get('/api/v1/sessions');
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'Sign in first' } });
  });

  it('signs in, tells who is signed in, and signs out', async () => {
    const yaw = await server.signUp('Yaw');
    const me = await yaw.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ name: 'Yaw', role: 'user' });
    expect(yaw.cookie).toMatch(/^sb_session=/);
    expect((await yaw.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await yaw.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('tells a page who is signed in, with no error when nobody is; /me stays a 401', async () => {
    const anonymous = new Client(server.url);
    expect(await anonymous.get('/api/v1/auth/session')).toMatchObject({
      status: 200,
      body: { user: null, expiresAt: null },
    });
    expect((await anonymous.get('/api/v1/auth/me')).status).toBe(401);

    const yaw = await server.signUp('Yaw');
    const signedIn = await yaw.get('/api/v1/auth/session');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ id: yaw.user!.id, name: 'Yaw', role: 'user' });
    expect(signedIn.body.user.email).toContain('@');
    expect(Date.parse(signedIn.body.expiresAt)).toBeGreaterThan(Date.now());

    // A cookie whose sign-in has ended is nobody too.
    const ended = yaw.cookie;
    await yaw.post('/api/v1/auth/logout');
    yaw.cookie = ended;
    expect((await yaw.get('/api/v1/auth/session')).body).toEqual({ user: null, expiresAt: null });
    // A bearer token is a claim to be someone: one that is not valid is refused.
    const badToken = await fetch(`${server.url}/api/v1/auth/session`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(badToken.status).toBe(401);
  });

  it('sets the cookie HttpOnly and SameSite', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    const created = await boss.post('/api/v1/accounts', {
      email: 'cookie.check@example.com',
      name: 'Cookie',
      password: 'long enough pw',
    });
    expect(created.status).toBe(201);
    const response = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: 'cookie.check@example.com', password: 'long enough pw' }),
    });
    expect(response.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax/);
  });

  it('keeps the cookie for the longest a sign-in can last, leaving idle expiry to the server', async () => {
    const yaw = new Client(server.url);
    const before = Date.now();
    await (
      await server.signUp('Boss', 'super_admin')
    ).post('/api/v1/accounts', {
      email: 'cookie.life@example.com',
      name: 'Yaw',
      password: 'long enough pw',
    });
    const signedIn = await yaw.signIn('cookie.life@example.com', 'long enough pw');
    const expires = /Expires=([^;]+)/.exec(signedIn.headers.get('set-cookie') ?? '')?.[1];
    // Whole seconds in the header: allow for the rounding.
    expect(Date.parse(expires!)).toBeGreaterThanOrEqual(
      before + server.config.authSessionMaxMs - 1000,
    );
    // Using the sign-in slides it forward on the server without a new cookie each time.
    const me = await yaw.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.headers.get('set-cookie')).toBeNull();
  });

  it('rejects cookie-authenticated writes from another site', async () => {
    const yaw = await server.signUp('Yaw');
    const forged = await yaw.request(
      'POST',
      '/api/v1/sessions',
      { subject: 'x', message: 'y' },
      { origin: 'https://evil.example' },
    );
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('CSRF_REJECTED');
    const noOrigin = await fetch(`${server.url}/api/v1/sessions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: yaw.cookie!,
        'sec-fetch-site': 'cross-site',
      },
      body: JSON.stringify({ subject: 'x', message: 'y' }),
    });
    expect(noOrigin.status).toBe(403);
  });

  it('serves non-browser clients with a bearer token', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    await boss.post('/api/v1/accounts', {
      email: 'bot@example.com',
      name: 'Bot',
      password: 'long enough pw',
      role: 'admin',
    });
    const anonymous = new Client(server.url);
    const issued = await anonymous.post('/api/v1/auth/tokens', {
      email: 'bot@example.com',
      password: 'long enough pw',
    });
    expect(issued.status).toBe(201);
    const response = await fetch(`${server.url}/api/v1/agents/me`, {
      headers: { authorization: `Bearer ${issued.body.token}` },
    });
    expect(response.status).toBe(200);
    const bad = await fetch(`${server.url}/api/v1/agents/me`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(bad.status).toBe(401);
  });

  it('reports validation failures with the field at fault', async () => {
    const yaw = await server.signUp('Yaw');
    const cases: Array<[unknown, string]> = [
      [{ subject: '', message: 'hi' }, 'subject'],
      [{ subject: 'x'.repeat(201), message: 'hi' }, 'subject'],
      [{ subject: 'Help', message: 'hi', priority: 'critical' }, 'priority'],
      [{ subject: 'Help', message: 'a\u0000b' }, 'message'],
      [{ subject: 'Help' }, 'message'],
    ];
    for (const [body, field] of cases) {
      const reply = await yaw.post('/api/v1/sessions', body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
  });

  it('answers malformed JSON with 400, oversized bodies with 413, never a stack trace', async () => {
    const yaw = await server.signUp('Yaw');
    const malformed = await yaw.request('POST', '/api/v1/sessions', '{"subject":', {
      'content-type': 'application/json',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('INVALID_JSON');
    const huge = await yaw.post('/api/v1/sessions', {
      subject: 'Big',
      message: 'x'.repeat(100_000),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(JSON.stringify(huge.body)).not.toMatch(/at .*\.(js|ts):\d+/);
    const wrongType = await yaw.request('POST', '/api/v1/sessions', 'subject=x', {
      'content-type': 'text/plain',
    });
    expect(wrongType.status).toBe(415);
    const badCursor = await yaw.get('/api/v1/sessions?cursor=%%%');
    expect(badCursor.status).toBe(400);
    const bigPage = await yaw.get('/api/v1/sessions?limit=1000');
    expect(bigPage.status).toBe(400);
    expect(bigPage.body.error.field).toBe('limit');
  });

  it('runs the whole chat over HTTP: start, route, talk, read, end, rate, history', async () => {
    const ama = await server.signUp('Ama', 'admin');
    expect(
      (await ama.patch('/api/v1/agents/me', { status: 'online', maxConcurrentChats: 3 })).body
        .status,
    ).toBe('online');
    const yaw = await server.signUp('Yaw');
    const started = await yaw.post('/api/v1/sessions', {
      subject: 'Login',
      priority: 'high',
      message: '<img src=x onerror=alert(1)>',
    });
    expect(started.status).toBe(201);
    const id = started.body.id;
    await server.node.routing.idle();
    const session = await ama.get(`/api/v1/sessions/${id}`);
    expect(session.body).toMatchObject({
      status: 'active',
      agent: { name: 'Ama' },
      unreadCount: 1,
      queuePosition: null,
    });

    const sent = await ama.post(`/api/v1/sessions/${id}/messages`, {
      text: 'Hello Yaw',
      clientId: 'a-1',
    });
    expect(sent.status).toBe(201);
    const retried = await ama.post(`/api/v1/sessions/${id}/messages`, {
      text: 'Hello Yaw',
      clientId: 'a-1',
    });
    expect(retried.status).toBe(200);
    expect(retried.body.id).toBe(sent.body.id);

    const messages = await yaw.get(`/api/v1/sessions/${id}/messages`);
    expect(messages.body.items.map((m: { text: string }) => m.text)).toEqual([
      '<img src=x onerror=alert(1)>',
      'Ama joined the chat',
      'Hello Yaw',
    ]);
    expect(
      (await yaw.post(`/api/v1/sessions/${id}/read`, { upToSeq: sent.body.seq })).body.lastReadSeq,
    ).toBe(sent.body.seq);
    const afterRead = await ama.get(
      `/api/v1/sessions/${id}/messages?afterSeq=${sent.body.seq - 1}`,
    );
    expect(afterRead.body.items[0]).toMatchObject({ id: sent.body.id, isRead: true });

    const ended = await yaw.post(`/api/v1/sessions/${id}/end`, {});
    expect(ended.body).toMatchObject({ status: 'ended', endedBy: 'user' });
    const rated = await yaw.post(`/api/v1/sessions/${id}/rating`, { rating: 5, feedback: 'Great' });
    expect(rated.body).toMatchObject({ rating: 5, feedback: 'Great' });
    const again = await yaw.post(`/api/v1/sessions/${id}/rating`, { rating: 1 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_RATED');

    const history = await ama.get('/api/v1/sessions?view=history');
    expect(history.body.items.map((s: { id: string }) => s.id)).toContain(id);
    const stats = await ama.get('/api/v1/agents/me/stats?tzOffsetMinutes=60');
    expect(stats.body.allTime).toMatchObject({ chatsHandled: 1, averageRating: 5 });
  });

  it('hides other people’s sessions as not found', async () => {
    const yaw = await server.signUp('Yaw');
    const abena = await server.signUp('Abena');
    const { body } = await yaw.post('/api/v1/sessions', { subject: 'Mine', message: 'private' });
    for (const path of [`/api/v1/sessions/${body.id}`, `/api/v1/sessions/${body.id}/messages`]) {
      const reply = await abena.get(path);
      expect(reply.status).toBe(404);
      expect(reply.body.error.code).toBe('NOT_FOUND');
    }
    expect((await abena.post(`/api/v1/sessions/${body.id}/end`, {})).status).toBe(404);
    expect(
      (await abena.get('/api/v1/sessions')).body.items.map((s: { id: string }) => s.id),
    ).not.toContain(body.id);
    expect((await yaw.get('/api/v1/accounts')).status).toBe(403);
    expect((await yaw.get('/api/v1/agents')).status).toBe(403);
  });

  it('counts the sessions of each console tab', async () => {
    const agent = await server.signUp('Counter', 'admin');
    const customer = await server.signUp('Kwesi');
    const before = (await agent.get('/api/v1/sessions/counts')).body;
    await customer.post('/api/v1/sessions', { subject: 'One', message: 'm' });
    const { body } = await customer.post('/api/v1/sessions', { subject: 'Two', message: 'm' });
    await customer.post(`/api/v1/sessions/${body.id}/end`, {});
    expect((await agent.get('/api/v1/sessions/counts')).body).toEqual({
      active: 0,
      waiting: before.waiting + 1,
      history: 0,
    });
    expect((await customer.get('/api/v1/sessions/counts')).body).toEqual({
      active: 1,
      waiting: 1,
      history: 1,
    });
  });

  it('pages session lists with a cursor', async () => {
    const kojo = await server.signUp('Kojo');
    const ids: string[] = [];
    // Ended as they go: a customer has only so many chats open at once.
    for (let i = 0; i < 5; i++) {
      ids.push((await kojo.post('/api/v1/sessions', { subject: `S${i}`, message: 'm' })).body.id);
      await kojo.post(`/api/v1/sessions/${ids.at(-1)}/end`);
    }
    const first = await kojo.get('/api/v1/sessions?limit=2');
    const second = await kojo.get(`/api/v1/sessions?limit=2&cursor=${first.body.nextCursor}`);
    const third = await kojo.get(`/api/v1/sessions?limit=2&cursor=${second.body.nextCursor}`);
    const seen = [...first.body.items, ...second.body.items, ...third.body.items].map(
      (s: { id: string }) => s.id,
    );
    expect(seen).toEqual([...ids].reverse());
    expect(third.body.nextCursor).toBeNull();
  });

  it('lands an SSO user signed in and redirects only within the site', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ sub: 'portal-7', name: 'Efua', email: 'efua@portal.example' })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience('switchboard')
      .setExpirationTime(now + 60)
      .sign(new TextEncoder().encode(TEST_SSO_SECRET));
    const browser = new Client(server.url);
    const landing = await browser.get(`/api/v1/auth/sso?token=${token}&next=//evil.example/x`);
    expect(landing.status).toBe(303);
    expect(landing.headers.get('location')).toBe('/');
    expect((await browser.get('/api/v1/auth/me')).body.user).toMatchObject({
      name: 'Efua',
      role: 'user',
    });
    const failed = await new Client(server.url).get('/api/v1/auth/sso?token=garbage');
    expect(failed.headers.get('location')).toBe('/login?error=INVALID_SSO_TOKEN');
    const missing = await new Client(server.url).get('/api/v1/auth/sso');
    expect(missing.status).toBe(303);
    expect(missing.headers.get('location')).toBe('/login?error=VALIDATION_FAILED');
    const replayed = await new Client(server.url).get(`/api/v1/auth/sso?token=${token}`);
    expect(replayed.headers.get('location')).toBe('/login?error=INVALID_SSO_TOKEN');
  });

  it('redirects after an SSO landing to the path as a browser resolves it, never off the site', async () => {
    const landWith = async (next: string) => {
      const landing = await new Client(server.url).get(
        `/api/v1/auth/sso?token=${await ssoToken('portal-8')}&next=${encodeURIComponent(next)}`,
      );
      expect(landing.status, next).toBe(303);
      return landing.headers.get('location');
    };
    expect(await landWith('/history/a b?view=all#top')).toBe('/history/a%20b?view=all#top');
    expect(await landWith('/chat/../history')).toBe('/history');
    expect(await landWith(`${server.url}/history`)).toBe('/history');
    // "/./" keeps the browser on this site, but a Location of "//evil.example" would not.
    expect(await landWith('/.//evil.example')).toBe('/');
    expect(await landWith('/\\evil.example')).toBe('/');
    expect(await landWith('https:evil.example')).toBe('/');
  });

  it('refuses an SSO landing whose next has control characters, before spending the token', async () => {
    const token = await ssoToken('portal-9');
    for (const next of [
      '/\t/evil.example',
      '/chat\r\nSet-Cookie: x=1',
      '/chat\u0000',
      '/\u007f',
      `/${'a'.repeat(500)}`,
    ]) {
      const refused = await new Client(server.url).get(
        `/api/v1/auth/sso?token=${token}&next=${encodeURIComponent(next)}`,
      );
      expect(refused.status, JSON.stringify(next)).toBe(400);
      expect(refused.body).toEqual({
        error: { code: 'VALIDATION_FAILED', message: expect.any(String), field: 'next' },
      });
      expect(refused.headers.get('set-cookie')).toBeNull();
    }
    const landing = await new Client(server.url).get(
      `/api/v1/auth/sso?token=${token}&next=/history`,
    );
    expect(landing.status).toBe(303);
    expect(landing.headers.get('location')).toBe('/history');
  });

  it('publishes an OpenAPI document covering the routes', async () => {
    const doc = await new Client(server.url).get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/sessions',
      '/api/v1/sessions/{id}/messages',
      '/api/v1/sessions/{id}/take',
      '/api/v1/agents/me',
      '/api/v1/agents/me/stats',
      '/api/v1/quick-responses',
      '/api/v1/accounts',
      '/api/v1/auth/login',
      '/api/v1/auth/session',
    ]) {
      expect(doc.body.paths, path).toHaveProperty([path]);
    }
    expect((await new Client(server.url).get('/api/docs/')).status).toBe(200);
  });

  it('sends a strict Content-Security-Policy and a request id', async () => {
    const reply = await new Client(server.url).get('/healthz');
    expect(reply.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(reply.headers.get('x-request-id')).toMatch(/[0-9a-f-]{36}/);
  });
});
