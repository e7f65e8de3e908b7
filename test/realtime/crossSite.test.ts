// Cross-site WebSocket hijacking: which credential a handshake signs in with, and from which
// pages, through a raw client that sends exactly the headers a browser could. A page on another
// site must never get a socket in a cookie's name, whatever Authorization header the browser
// attaches by itself (such as Basic, behind an authenticating proxy).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerFrame } from '../../src/shared/protocol.js';
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
import { startTestNode, type TestNode } from '../support/testNode.js';

/** Opens a socket with exactly `headers` and tells whom the server took it for. */
function handshake(baseUrl: string, headers: Record<string, string>): Promise<Outcome> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/v1/ws`, { headers });
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => {
        const code = (JSON.parse(body) as { error: { code: string } }).error.code;
        if (response.statusCode === 403 && code === 'CSRF_REJECTED')
          resolve('refused as cross-site');
        else reject(new Error(`HTTP ${response.statusCode} ${body}`));
      });
    });
    ws.once('message', (data) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      if (frame.type === 'hello') {
        ws.close();
        resolve(ownerOutcome(frame.user.name));
      } else if (frame.type === 'error' && frame.error.code === 'UNAUTHENTICATED') {
        ws.once('close', (code) =>
          code === 4001 ? resolve('unauthenticated') : reject(new Error(`closed ${code}`)),
        );
      } else reject(new Error(`first frame ${JSON.stringify(frame)}`));
    });
    ws.once('error', reject);
  });
}

// The rule reads headers only, before any query: one database is enough, and one sign-in each.
describe('WebSocket handshake from other sites', () => {
  let database: TestDatabase;
  let server: TestNode;
  let credentials: Credentials;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    server = await startTestNode(database.store, { ALLOWED_ORIGINS: LISTED_ORIGIN });
    credentials = await signInBoth(server);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it.each(CROSS_SITE_CASES)('$name: $expected', async (c) => {
    expect(await handshake(server.url, headersOf(c, credentials))).toBe(c.expected);
  });
});
