// The widget's visitor cookie (docs/widget.md, Storage): where the framed page may keep nothing,
// POST /visitors with `cookie: true` puts the token in a partitioned HttpOnly cookie instead of
// the answer. It signs in only what Switchboard's own pages send: the embedding site's scripts,
// in whose partition it lives, can make the browser attach it but never use it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.js';
import { Client, SocketClient, startTestNode, type TestNode } from '../support/testNode.js';

const HOST_SITE = 'http://portal.example';

describeEachDatabase('the visitor cookie', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db(), { ALLOWED_ORIGINS: HOST_SITE });
  });
  afterAll(async () => {
    await server.stop();
  });

  /** A request with exactly these headers and the page's cookie (no Origin unless given). */
  async function raw(page: Client, method: string, path: string, headers: Record<string, string>) {
    const response = await fetch(server.url + path, {
      method,
      headers: { cookie: page.cookie ?? '', ...headers },
    });
    const body = (await response.json()) as { error?: { code: string } };
    return { status: response.status, code: body.error?.code };
  }

  /** The widget page: our origin, the cookie the server set. */
  async function cookieVisitor(): Promise<Client> {
    const page = new Client(server.url);
    const reply = await page.post('/api/v1/visitors', { cookie: true });
    expect(reply.status).toBe(201);
    expect(reply.body.token).toBeNull();
    const setCookie = reply.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^sb_visitor=[^;]+;/);
    for (const attribute of ['HttpOnly', 'Secure', 'SameSite=None', 'Partitioned', 'Path=/'])
      expect(setCookie).toContain(attribute);
    return page;
  }

  it('signs in the widget page, on REST and on the WebSocket', async () => {
    const page = await cookieVisitor();
    const me = await page.get('/api/v1/auth/session');
    expect(me.body.user).toMatchObject({ role: 'user' });
    const started = await page.post('/api/v1/sessions', { subject: 'Fees', message: 'Hello' });
    expect(started.status).toBe(201);
    // A same-origin GET carries no Origin; Sec-Fetch-Site vouches for the page.
    const read = await raw(page, 'GET', '/api/v1/auth/me', { 'sec-fetch-site': 'same-origin' });
    expect(read.status).toBe(200);
    const socket = await SocketClient.connect(server.url, page.cookie);
    expect(await socket.waitFor((f) => f.type === 'hello')).toMatchObject({
      user: { id: me.body.user.id },
    });
    socket.close();
  });

  it("refuses it from the host site's scripts (even a listed origin) and from nowhere", async () => {
    const page = await cookieVisitor();
    const asHost = { origin: HOST_SITE };
    const write = await page.request('POST', '/api/v1/sessions', { message: 'Hi' }, asHost);
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('CSRF_REJECTED');
    const read = await page.request('GET', '/api/v1/auth/me', undefined, asHost);
    expect(read.body.error.code).toBe('CSRF_REJECTED');
    // No Origin: a write never, a read only when Sec-Fetch-Site says same-origin.
    for (const site of [{}, { 'sec-fetch-site': 'same-origin' }] as Record<string, string>[]) {
      const blind = await raw(page, 'POST', '/api/v1/auth/logout', site);
      expect(blind).toEqual({ status: 403, code: 'CSRF_REJECTED' });
    }
    for (const site of [{}, { 'sec-fetch-site': 'cross-site' }] as Record<string, string>[]) {
      const crossRead = await raw(page, 'GET', '/api/v1/auth/me', site);
      expect(crossRead).toEqual({ status: 403, code: 'CSRF_REJECTED' });
    }
    await expect(SocketClient.connect(server.url, page.cookie, HOST_SITE)).rejects.toThrow(
      'HTTP 403',
    );
  });

  it('forgets it on sign-out', async () => {
    const page = await cookieVisitor();
    const before = page.cookie;
    const out = await page.post('/api/v1/auth/logout');
    expect(out.status).toBe(204);
    expect(page.cookie).not.toBe(before);
    expect((await page.get('/api/v1/auth/session')).body.user).toBeNull();
  });
});
