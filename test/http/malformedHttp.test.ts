// Requests that are not valid HTTP, sent byte by byte on a raw TCP socket: Node's parser refuses
// them before any route runs, and the answer must still be the API's `{error:{code,message}}`.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { Client, startTestNode, type TestNode } from '../support/testNode.js';

interface RawReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends `request` as is and reads everything the server answers until it closes the socket. */
function sendRaw(port: number, request: string): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(5000, () => socket.destroy(new Error('the server did not close the socket')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n', 2);
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
        }),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
    socket.write(request);
  });
}

describe('requests that are not valid HTTP', () => {
  let database: TestDatabase;
  let server: TestNode;
  let port: number;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    server = await startTestNode(database.store);
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    await server.stop();
  });

  /** The reply has the status, says it is JSON of the right length, closes, and has the API's body. */
  function expectApiError(reply: RawReply, status: number, code: string) {
    expect(reply.status).toBe(status);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(reply.headers['connection']).toBe('close');
    expect(Number(reply.headers['content-length'])).toBe(Buffer.byteLength(reply.body));
    const body = JSON.parse(reply.body) as unknown;
    expect(body).toEqual({ error: { code, message: expect.any(String) } });
  }

  const get = (headers: string) => `GET /api/v1/sessions HTTP/1.1\r\nHost: x\r\n${headers}\r\n`;
  const post = (headers: string, body = '') =>
    `POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${headers}\r\n${body}`;

  it.each([
    ['a garbled request line', 'GARBAGE\r\n\r\n'],
    ['an unknown HTTP version', 'GET /api/v1/sessions HTTP/9.9\r\nHost: x\r\n\r\n'],
    ['a control character in the URL', 'GET /api/v1/\x01 HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a control character in a header value', get('X-Note: a\x01b\r\n')],
    ['a space in a header name', get('X Note: b\r\n')],
    ['a folded header line', get('X-Note: a\r\n b\r\n')],
    [
      'both Content-Length and Transfer-Encoding',
      post('Content-Length: 5\r\nTransfer-Encoding: chunked\r\n', '0\r\n\r\n'),
    ],
    ['two different Content-Lengths', post('Content-Length: 2\r\nContent-Length: 3\r\n', '{}')],
    ['a Content-Length that is not a number', post('Content-Length: two\r\n', '{}')],
    ['a chunk size that is not hexadecimal', post('Transfer-Encoding: chunked\r\n', 'zz\r\n\r\n')],
  ])('answers %s with a 400 in the API’s format', async (_what, request) => {
    expectApiError(await sendRaw(port, request), 400, 'MALFORMED_REQUEST');
  });

  it('answers headers over the size limit with a 431 in the API’s format', async () => {
    const reply = await sendRaw(port, get(`X-Note: ${'a'.repeat(20_000)}\r\n`));
    expectApiError(reply, 431, 'HEADERS_TOO_LARGE');
  });

  it('answers a URL over the size limit with a 431 in the API’s format', async () => {
    const reply = await sendRaw(
      port,
      `GET /api/v1/${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    );
    expectApiError(reply, 431, 'HEADERS_TOO_LARGE');
  });

  it('answers an HTTP/1.1 request without a Host header in the API’s format', async () => {
    const reply = await sendRaw(port, 'GET /api/v1/sessions HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toEqual({
      error: { code: 'MALFORMED_REQUEST', message: expect.any(String) },
    });
  });

  it('still serves HTTP/1.0 without a Host header, and valid HTTP/1.1', async () => {
    const old = await sendRaw(port, 'GET /healthz HTTP/1.0\r\n\r\n');
    expect(old.status).toBe(200);
    const valid = await sendRaw(
      port,
      'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(valid.status).toBe(200);
  });

  it('answers a plain HTTP request to the WebSocket address with a 426 in the API’s format', async () => {
    const reply = await new Client(server.url).get('/api/v1/ws');
    expect(reply.status).toBe(426);
    expect(reply.headers.get('upgrade')).toBe('websocket');
    expect(reply.body).toEqual({
      error: { code: 'UPGRADE_REQUIRED', message: expect.any(String) },
    });
  });

  it.each([
    ['without a Sec-WebSocket-Key', ''],
    [
      'of an unknown version',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 99\r\n',
    ],
  ])('answers a WebSocket handshake %s in the API’s format', async (_what, headers) => {
    const reply = await sendRaw(
      port,
      `GET /api/v1/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n${headers}\r\n`,
    );
    expectApiError(reply, 400, 'MALFORMED_REQUEST');
    expect(reply.headers['sec-websocket-version']).toBe('13');
  });

  it('answers an upgrade to another protocol in the API’s format', async () => {
    const reply = await sendRaw(port, get('Upgrade: h2c\r\nConnection: Upgrade\r\n'));
    expectApiError(reply, 400, 'MALFORMED_REQUEST');
  });

  it('answers an Expect header it cannot meet with a 417 in the API’s format', async () => {
    const reply = await sendRaw(port, post('Content-Length: 2\r\nExpect: a-miracle\r\n', '{}'));
    expectApiError(reply, 417, 'EXPECTATION_FAILED');
  });

  it('answers a path the API docs’ file server refuses in the API’s format, not as a fault', async () => {
    const reply = await new Client(server.url).get('/api/docs/static/a%00b');
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) } });
  });
});

describe('a node that is stopping', () => {
  it('answers a request still arriving on an open connection with a 503 in the API’s format', async () => {
    const database = await createTestDatabase('sqlite');
    const server = await startTestNode(database.store);
    const socket = net.connect(Number(new URL(server.url).port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('utf8')));
    await new Promise((resolve) => socket.once('connect', resolve));
    // The first request is under way (its body not all sent) when the node starts stopping;
    // the second one follows it on the same connection.
    socket.write(
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopped = server.stop();
    await new Promise((resolve) => setTimeout(resolve, 700));
    socket.write('}GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((resolve) => socket.once('close', resolve));
    await stopped;
    const second = received.slice(received.indexOf('HTTP/1.1', 1));
    expect(second).toMatch(/^HTTP\/1\.1 503 /);
    expect(JSON.parse(second.split('\r\n\r\n')[1]!)).toEqual({
      error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) },
    });
  });
});
