// Load generator for the connections scenario: opens many authenticated, idle WebSockets (one
// account each; a socket counts once the server said `hello`), reports how long that took and
// the server's memory with all of them open, then keeps them for a while to check that
// heartbeats keep every one alive.
import WebSocket from 'ws';
import { openAuthenticated } from '../lib/authenticatedSocket.js';
import { rssOf, serveGenerator } from '../lib/processes.js';

export interface IdleSocketsInput {
  url: string;
  /** One per socket. */
  tokens: string[];
  count: number;
  /** Sockets being opened at once. */
  concurrency: number;
  holdMs: number;
  serverPid: number;
}

export interface IdleSocketsResult {
  opened: number;
  failed: number;
  connectMs: number;
  serverRssBefore: number;
  serverRssConnected: number;
  /** Sockets still open after the hold (the server's heartbeats must not drop idle clients). */
  aliveAfterHold: number;
}

async function run(input: IdleSocketsInput): Promise<IdleSocketsResult> {
  const wsUrl = `${input.url.replace(/^http/, 'ws')}/api/v1/ws`;
  const sockets: WebSocket[] = [];
  let failed = 0;
  const serverRssBefore = rssOf(input.serverPid);
  const started = performance.now();
  let next = 0;
  const openOne = async (i: number) => {
    const ws = await openAuthenticated(wsUrl, input.tokens[i]!);
    if (ws) sockets.push(ws);
    else failed += 1;
  };
  await Promise.all(
    Array.from({ length: input.concurrency }, async () => {
      while (next < input.count) await openOne(next++);
    }),
  );
  const connectMs = performance.now() - started;
  // Let the server settle (allocation bursts, lazy structures) before reading its memory.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const serverRssConnected = rssOf(input.serverPid);
  await new Promise((resolve) => setTimeout(resolve, input.holdMs));
  const aliveAfterHold = sockets.filter((ws) => ws.readyState === WebSocket.OPEN).length;
  for (const ws of sockets) ws.terminate();
  return {
    opened: sockets.length,
    failed,
    connectMs,
    serverRssBefore,
    serverRssConnected,
    aliveAfterHold,
  };
}

serveGenerator(run);
