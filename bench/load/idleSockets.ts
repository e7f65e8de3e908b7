// Load generator for the connections scenario: opens many authenticated, idle WebSockets,
// reports how long that took and the server's memory with all of them open, then keeps them
// for a while to check that heartbeats keep every one alive.
import fs from 'node:fs';
import WebSocket from 'ws';
import { serveGenerator } from '../lib/processes.js';

export interface IdleSocketsInput {
  url: string;
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

const rss = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

async function run(input: IdleSocketsInput): Promise<IdleSocketsResult> {
  const wsUrl = `${input.url.replace(/^http/, 'ws')}/api/v1/ws`;
  const sockets: WebSocket[] = [];
  let failed = 0;
  const serverRssBefore = rss(input.serverPid);
  const started = performance.now();
  let next = 0;
  const openOne = (i: number) =>
    new Promise<void>((resolve) => {
      const ws = new WebSocket(wsUrl, {
        headers: { authorization: `Bearer ${input.tokens[i % input.tokens.length]}` },
        perMessageDeflate: false,
      });
      ws.once('message', () => {
        sockets.push(ws);
        resolve();
      });
      ws.once('error', () => {
        failed += 1;
        resolve();
      });
    });
  await Promise.all(
    Array.from({ length: input.concurrency }, async () => {
      while (next < input.count) await openOne(next++);
    }),
  );
  const connectMs = performance.now() - started;
  // Let the server settle (allocation bursts, lazy structures) before reading its memory.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const serverRssConnected = rss(input.serverPid);
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
