// Load generator for chat traffic, run in its own process. Opens a customer and an agent socket
// per chat, then sends customer messages open-loop: on a fixed schedule, whatever the server's
// pace, with latency counted from the scheduled time, so a stall shows up in the numbers instead
// of slowing the sender down (no coordinated omission).
import WebSocket from 'ws';
import { inBatches } from '../lib/batches.js';
import { serveGenerator } from '../lib/processes.js';
import { MessageLog, type Outcomes } from '../lib/messageLog.js';

export interface ChatLoadInput {
  /** 'switchboard': the real protocol with auth; 'raw': a relay baseline (bare or durable). */
  target: 'switchboard' | 'raw';
  url: string;
  /** For switchboard: the chats to drive; for raw: only their count matters. */
  pairs: Array<{ sessionId: string; customerToken: string; agentToken: string; lastSeq: number }>;
  ratePerSecond: number;
  durationMs: number;
  /** Sends during the first part of the run are not measured (connections warming up). */
  warmupMs: number;
  /**
   * Stop sending once the ack p99 is certain to reach this many milliseconds (more than 1 % of
   * the measured messages already took that long), without waiting for the messages in flight:
   * a hold that fails then costs seconds, not its whole length.
   */
  stopWhenAckP99ReachesMs?: number;
}

export interface ChatLoadResult extends Omit<Outcomes, 'deliveredMeasured'> {
  scheduled: number;
  /** Sending stopped early (stopWhenAckP99ReachesMs). */
  stoppedEarly: boolean;
  errors: number;
  /** Messages per second actually delivered in the measured window. */
  deliveredRate: number;
}

/** How long the run waits for the last messages before counting the rest as lost. */
const DRAIN_MS = 3000;

function open(url: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

interface Channel {
  send(clientId: string): void;
}

/** Message k's client id: unique per run, since a repeated id is a retry the server dedups. */
const runId = Math.random().toString(36).slice(2, 8);
const clientIdOf = (k: number) => `${runId}-${k}`;
const indexOf = (clientId: string) => Number(clientId.slice(clientId.indexOf('-') + 1));

/** Opens each pair's sockets; the returned channels send message k from that pair's customer. */
async function connect(
  input: ChatLoadInput,
  heard: { ack(k: number): void; delivery(k: number): void; error(): void },
): Promise<{ channels: Channel[]; sockets: WebSocket[] }> {
  const channels: Channel[] = [];
  const sockets: WebSocket[] = [];
  if (input.target === 'raw') {
    await inBatches(input.pairs, 100, async (_pair, i) => {
      const customer = await open(`${input.url}/?pair=${i}&role=customer`, {});
      const agent = await open(`${input.url}/?pair=${i}&role=agent`, {});
      sockets.push(customer, agent);
      agent.on('message', (data) => heard.delivery(indexOf(JSON.parse(data.toString()).clientId)));
      // The relay answers the customer twice, like Switchboard: an ack, and the echo of the message
      // (the durable relay answers `error` instead when its commit failed).
      customer.on('message', (data) => {
        const frame = JSON.parse(data.toString());
        if (frame.type === 'ack') heard.ack(indexOf(frame.clientId));
        else if (frame.type === 'error') heard.error();
      });
      channels[i] = {
        send: (clientId) => customer.send(JSON.stringify({ clientId, text: 'hello there' })),
      };
    });
    return { channels, sockets };
  }
  const wsUrl = `${input.url.replace(/^http/, 'ws')}/api/v1/ws`;
  await inBatches(input.pairs, 100, async (pair, i) => {
    const customer = await open(wsUrl, { authorization: `Bearer ${pair.customerToken}` });
    const agent = await open(wsUrl, { authorization: `Bearer ${pair.agentToken}` });
    sockets.push(customer, agent);
    const subscribed = (ws: WebSocket) =>
      new Promise<void>((resolve) => {
        ws.on('message', function first(data) {
          if (JSON.parse(data.toString()).type === 'subscribed') {
            ws.off('message', first);
            resolve();
          }
        });
        ws.send(
          JSON.stringify({ type: 'subscribe', sessionId: pair.sessionId, afterSeq: pair.lastSeq }),
        );
      });
    await Promise.all([subscribed(customer), subscribed(agent)]);
    agent.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.type === 'session.event' && frame.event.kind === 'message.created') {
        heard.delivery(indexOf(frame.event.message.clientId));
      }
    });
    customer.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.type === 'ack') heard.ack(indexOf(frame.clientId));
      else if (frame.type === 'error') heard.error();
    });
    channels[i] = {
      send: (clientId) =>
        customer.send(
          JSON.stringify({
            type: 'message.send',
            sessionId: pair.sessionId,
            clientId,
            text: 'hello there',
          }),
        ),
    };
  });
  return { channels, sockets };
}

/** When each message is due, in milliseconds from the start (open-loop: fixed in advance). */
function schedule(input: ChatLoadInput): Float64Array {
  const total = Math.floor((input.ratePerSecond * input.durationMs) / 1000);
  return Float64Array.from({ length: total }, (_, k) => (1000 * k) / input.ratePerSecond);
}

async function run(input: ChatLoadInput): Promise<ChatLoadResult> {
  const offsets = schedule(input);
  // Every time in the log counts from the start of the schedule, set once the sockets are open.
  const log = new MessageLog(offsets, input.warmupMs, input.stopWhenAckP99ReachesMs);
  let start = Infinity;
  const elapsed = () => performance.now() - start;
  let errors = 0;
  const { channels, sockets } = await connect(input, {
    ack: (k) => log.ack(k, elapsed()),
    delivery: (k) => log.delivery(k, elapsed()),
    error: () => (errors += 1),
  });

  start = performance.now() + 50;
  let next = 0;
  let stoppedEarly = false;
  let checkedAt = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const t = elapsed();
      while (next < offsets.length && offsets[next]! <= t) {
        channels[next % channels.length]!.send(clientIdOf(next));
        next += 1;
      }
      log.sentUpTo(next);
      // A tenth of a second between checks: the check walks the messages still unanswered.
      if (input.stopWhenAckP99ReachesMs !== undefined && t - checkedAt >= 100) {
        checkedAt = t;
        stoppedEarly = log.ackP99CertainlyReaches(t);
      }
      if (next >= offsets.length || stoppedEarly) resolve();
      else setTimeout(tick, Math.max(0, Math.min(5, offsets[next]! - t)));
    };
    tick();
  });
  // Let the last messages arrive; whatever has not by then counts as waiting until then. A run
  // stopped early has failed already: waiting for its backlog would only cost the search time.
  const deadline = elapsed() + (stoppedEarly ? 0 : DRAIN_MS);
  while (!log.settled() && elapsed() < deadline) await new Promise((r) => setTimeout(r, 20));
  const end = elapsed();
  for (const ws of sockets) ws.terminate();
  const { deliveredMeasured, ...outcomes } = log.outcomes(end);
  return {
    ...outcomes,
    scheduled: offsets.length,
    stoppedEarly,
    errors,
    deliveredRate: Math.round(deliveredMeasured / ((input.durationMs - input.warmupMs) / 1000)),
  };
}

serveGenerator(run);
