// A connection counts as opened only when the server authenticated it.
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { afterEach, expect, it } from 'vitest';
import { openAuthenticated } from './authenticatedSocket.js';

let server: WebSocketServer | undefined;
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
);

/** A server that greets each connection with `greet` and reports where it listens. */
function serve(greet: (socket: WebSocket) => void): Promise<string> {
  return new Promise((resolve) => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 }, () =>
      resolve(`ws://127.0.0.1:${(server!.address() as AddressInfo).port}`),
    );
    server.on('connection', greet);
  });
}

it('accepts a socket the server greeted with hello', async () => {
  const url = await serve((socket) => socket.send(JSON.stringify({ type: 'hello' })));
  const ws = await openAuthenticated(url, 'token');
  expect(ws).not.toBeNull();
  ws!.terminate();
});

it('rejects a socket whose first frame is not hello (the protocol promises hello first)', async () => {
  const url = await serve((socket) => {
    socket.send(JSON.stringify({ type: 'agent.status', state: {} }));
    socket.send(JSON.stringify({ type: 'hello' }));
  });
  expect(await openAuthenticated(url, 'token')).toBeNull();
});

it('rejects a socket answered with UNAUTHENTICATED, although it opened', async () => {
  const url = await serve((socket) => {
    socket.send(JSON.stringify({ type: 'error', error: { code: 'UNAUTHENTICATED' } }));
    socket.close(4001);
  });
  expect(await openAuthenticated(url, 'wrong')).toBeNull();
});

it('rejects a socket closed before any frame', async () => {
  const url = await serve((socket) => socket.close());
  expect(await openAuthenticated(url, 'token')).toBeNull();
});
