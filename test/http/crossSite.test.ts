// Cross-site request forgery: which credential a write to the REST API signs in with, and from
// which pages. The same table as the WebSocket handshake's (test/realtime/crossSite.test.ts):
// one rule decides both. Reads are not guarded (SameSite cookies and CORS keep their answers
// from other sites, and they change nothing).
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CROSS_SITE_CASES,
  headersOf,
  LISTED_ORIGIN,
  ownerOutcome,
  signInBoth,
  type Credentials,
  type Outcome,
} from '../support/crossSiteCases.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../support/testNode.js';

/** Starts a chat with exactly `headers` and tells whom the server took the request for. */
async function startChat(baseUrl: string, headers: Record<string, string>): Promise<Outcome> {
  const response = await fetch(`${baseUrl}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ subject: 'Help', message: 'Hi' }),
  });
  const body = (await response.json()) as {
    customer?: { name: string };
    error?: { code: string };
  };
  if (response.status === 201) return ownerOutcome(body.customer!.name);
  if (response.status === 403 && body.error?.code === 'CSRF_REJECTED')
    return 'refused as cross-site';
  if (response.status === 401 && body.error?.code === 'UNAUTHENTICATED') return 'unauthenticated';
  throw new Error(`HTTP ${response.status} ${JSON.stringify(body)}`);
}

/** Sends `head` and `body` as they are over a new connection and returns the status line. */
function rawRequest(baseUrl: string, head: string[], body: string): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = net.connect(Number(port), hostname, () => {
      const headers = [...head, `content-length: ${Buffer.byteLength(body)}`, 'connection: close'];
      socket.write(`${headers.join('\r\n')}\r\n\r\n${body}`);
    });
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer.split('\r\n')[0]!));
    socket.on('error', reject);
  });
}

// The rule reads headers only, before any query: one database is enough, and one sign-in each.
describe('REST API writes from other sites', () => {
  let database: TestDatabase;
  let server: TestNode;
  let credentials: Credentials;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    server = await startTestNode(database.store, {
      ALLOWED_ORIGINS: LISTED_ORIGIN,
      // Every accepted case starts a chat for the same customer.
      OPEN_CHAT_LIMIT_PER_CUSTOMER: '1000',
      CHAT_LIMIT_PER_HOUR: '1000',
    });
    credentials = await signInBoth(server);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it.each(CROSS_SITE_CASES)('$name: $expected', async (c) => {
    expect(await startChat(server.url, headersOf(c, credentials))).toBe(c.expected);
  });

  it('lets another site read with the cookie, which changes nothing', async () => {
    const me = await fetch(`${server.url}/api/v1/auth/me`, {
      headers: { origin: 'https://evil.example', cookie: credentials.cookie },
    });
    expect(me.status).toBe(200);
  });

  // The request line may name the whole URL (absolute-form); the route is the same, and so is
  // the rule: a sign-in sent from another site is refused (it was let through when the check
  // keyed on the URL starting with /api/).
  it('holds a request whose target is an absolute URL to the same rule', async () => {
    const me = await fetch(`${server.url}/api/v1/auth/me`, {
      headers: { cookie: credentials.cookie },
    });
    const { user } = (await me.json()) as { user: { email: string } };
    const status = await rawRequest(
      server.url,
      [
        `POST ${server.url}/api/v1/auth/login HTTP/1.1`,
        `host: ${new URL(server.url).host}`,
        'origin: https://evil.example',
        'content-type: application/json',
      ],
      JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
    );
    expect(status).toBe('HTTP/1.1 403 Forbidden');
  });
});
