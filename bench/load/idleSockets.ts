// Load generator for the connections scenario: opens its share of many authenticated, idle
// WebSockets (one account each; a socket counts once the server said `hello`), from its own
// loopback source address, and keeps them until asked whether heartbeats kept every one alive.
// Several run side by side when one process may not hold them all (its open-file limit), each
// answering `open` and then `check`, so the scenario reads the server's memory with all of
// them open.
import WebSocket from 'ws';
import { openAuthenticated } from '../lib/authenticatedSocket.js';
import { serveSteppedGenerator } from '../lib/processes.js';

export type IdleSocketsStep =
  | {
      step: 'open';
      url: string;
      /** One per socket. */
      tokens: string[];
      /** The loopback address the sockets connect from (each has its own ephemeral ports). */
      localAddress: string;
      /** Sockets being opened at once. */
      concurrency: number;
    }
  | { step: 'check' };

export interface IdleSocketsOpened {
  opened: number;
  failed: number;
}

export interface IdleSocketsChecked {
  /** Sockets still open (the server's heartbeats must not drop idle clients). */
  alive: number;
}

const sockets: WebSocket[] = [];

async function open(input: Extract<IdleSocketsStep, { step: 'open' }>): Promise<IdleSocketsOpened> {
  const wsUrl = `${input.url.replace(/^http/, 'ws')}/api/v1/ws`;
  let failed = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: input.concurrency }, async () => {
      while (next < input.tokens.length) {
        const ws = await openAuthenticated(wsUrl, input.tokens[next++]!, input.localAddress);
        if (ws) sockets.push(ws);
        else failed += 1;
      }
    }),
  );
  return { opened: sockets.length, failed };
}

function check(): IdleSocketsChecked {
  const alive = sockets.filter((ws) => ws.readyState === WebSocket.OPEN).length;
  for (const ws of sockets.splice(0)) ws.terminate();
  return { alive };
}

serveSteppedGenerator<IdleSocketsStep, IdleSocketsOpened | IdleSocketsChecked>(async (input) =>
  input.step === 'open' ? open(input) : check(),
);
