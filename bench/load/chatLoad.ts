// Load generator for chat traffic, run in its own process. Opens a customer and an agent socket
// per chat, then sends customer messages open-loop: on a fixed schedule, whatever the server's
// pace, with latency counted from the scheduled time, so a stall shows up in the numbers instead
// of slowing the sender down (no coordinated omission).
import WebSocket from 'ws';
import { serveGenerator } from '../lib/processes.js';
import { summarize, type LatencySummary } from '../lib/stats.js';

export interface ChatLoadInput {
  /** 'switchboard': the real protocol with auth; 'raw': the bare relay baseline. */
  target: 'switchboard' | 'raw';
  url: string;
  /** For switchboard: the chats to drive; for raw: only their count matters. */
  pairs: Array<{ sessionId: string; customerToken: string; agentToken: string; lastSeq: number }>;
  ratePerSecond: number;
  /** When set, the rate climbs linearly from ratePerSecond to this over the run (a ramp). */
  rampToPerSecond?: number;
  durationMs: number;
  /** Sends during the first part of the run are not measured (connections warming up). */
  warmupMs: number;
}

export interface ChatLoadResult {
  scheduled: number;
  /** Customer send → agent receipt (the message was stored first). */
  delivery: LatencySummary;
  /** Customer send → the server's ack to the customer (switchboard only). */
  ack: LatencySummary | null;
  lost: number;
  errors: number;
  /** Messages per second actually delivered in the measured window. */
  deliveredRate: number;
  /** Per second of the schedule: the rate sent then and how its messages fared. */
  windows: Array<{
    second: number;
    rate: number;
    ackP99: number;
    deliveryP99: number;
    lost: number;
  }>;
}

function open(url: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

async function inBatches<T>(
  items: T[],
  size: number,
  work: (item: T, index: number) => Promise<void>,
) {
  for (let i = 0; i < items.length; i += size) {
    await Promise.all(items.slice(i, i + size).map((item, j) => work(item, i + j)));
  }
}

interface Channel {
  send(clientId: string): void;
}

async function run(input: ChatLoadInput): Promise<ChatLoadResult> {
  /** Scheduled send time of every message not yet delivered to its agent. */
  const scheduledAt = new Map<string, number>();
  const delivery: number[] = [];
  const ack: number[] = [];
  /** Acks and deliveries race; each keeps its own pending set. */
  const awaitingAck = new Map<string, number>();
  let errors = 0;
  let measuredFrom = Infinity;
  const indexOf = (clientId: string) => Number(clientId.slice(clientId.indexOf('-') + 1));
  const recordDelivery = (clientId: string, now: number) => {
    const at = scheduledAt.get(clientId);
    if (at === undefined) return;
    scheduledAt.delete(clientId);
    deliveryLatency.set(indexOf(clientId), now - at);
    if (at >= measuredFrom) delivery.push(now - at);
  };

  const channels: Channel[] = [];
  const sockets: WebSocket[] = [];
  if (input.target === 'raw') {
    await inBatches(input.pairs, 100, async (_pair, i) => {
      const customer = await open(`${input.url}/?pair=${i}&role=customer`, {});
      const agent = await open(`${input.url}/?pair=${i}&role=agent`, {});
      sockets.push(customer, agent);
      agent.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as { clientId: string };
        recordDelivery(frame.clientId, performance.now());
      });
      channels[i] = {
        send: (clientId) => customer.send(JSON.stringify({ clientId, text: 'hello there' })),
      };
    });
  } else {
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
            JSON.stringify({
              type: 'subscribe',
              sessionId: pair.sessionId,
              afterSeq: pair.lastSeq,
            }),
          );
        });
      await Promise.all([subscribed(customer), subscribed(agent)]);
      agent.on('message', (data) => {
        const frame = JSON.parse(data.toString());
        if (frame.type === 'session.event' && frame.event.kind === 'message.created') {
          recordDelivery(frame.event.message.clientId, performance.now());
        }
      });
      customer.on('message', (data) => {
        const frame = JSON.parse(data.toString());
        if (frame.type === 'ack') {
          const at = awaitingAck.get(frame.clientId);
          if (at === undefined) return;
          awaitingAck.delete(frame.clientId);
          ackLatency.set(indexOf(frame.clientId), performance.now() - at);
          if (at >= measuredFrom) ack.push(performance.now() - at);
        } else if (frame.type === 'error') errors += 1;
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
  }

  // Open-loop schedule: message k is due at start + dueAt(k), sent as soon as the timer allows.
  const from = input.ratePerSecond;
  const slope = ((input.rampToPerSecond ?? from) - from) / (input.durationMs / 1000);
  // With rate(t) = from + slope·t, message k is due when the integral of the rate reaches k.
  const dueAt = (k: number) =>
    1000 * (slope === 0 ? k / from : (-from + Math.sqrt(from * from + 2 * slope * k)) / slope);
  // Client ids are unique per run: a repeated id is a retry, which the server rightly dedups.
  const run = Math.random().toString(36).slice(2, 8);
  const start = performance.now() + 50;
  measuredFrom = start + input.warmupMs;
  const seconds = input.durationMs / 1000;
  const total = Math.floor(from * seconds + (slope * seconds * seconds) / 2);
  const sentAt: number[] = [];
  const ackLatency = new Map<number, number>();
  const deliveryLatency = new Map<number, number>();
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < total && start + dueAt(next) <= now) {
        const clientId = `${run}-${next}`;
        const due = start + dueAt(next);
        sentAt.push(due);
        scheduledAt.set(clientId, due);
        if (input.target === 'switchboard') awaitingAck.set(clientId, due);
        channels[next % channels.length]!.send(clientId);
        next += 1;
      }
      if (next >= total) resolve();
      else setTimeout(tick, Math.max(0, Math.min(5, start + dueAt(next) - now)));
    };
    tick();
  });
  // Let the last messages arrive.
  const deadline = performance.now() + 3000;
  while (scheduledAt.size > 0 && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  for (const ws of sockets) ws.terminate();
  const measuredWindowS = (input.durationMs - input.warmupMs) / 1000;
  const windows: ChatLoadResult['windows'] = [];
  for (let second = 0; second < Math.ceil(seconds); second++) {
    const acks: number[] = [];
    const deliveries: number[] = [];
    let count = 0;
    let lost = 0;
    sentAt.forEach((due, k) => {
      if (Math.floor((due - start) / 1000) !== second) return;
      count += 1;
      const a = ackLatency.get(k);
      const d = deliveryLatency.get(k);
      if (a !== undefined) acks.push(a);
      if (d !== undefined) deliveries.push(d);
      else lost += 1;
    });
    windows.push({
      second,
      rate: count,
      ackP99: summarize(acks).p99,
      deliveryP99: summarize(deliveries).p99,
      lost,
    });
  }
  return {
    windows,
    scheduled: total,
    delivery: summarize(delivery),
    ack: input.target === 'switchboard' ? summarize(ack) : null,
    lost: scheduledAt.size,
    errors,
    deliveredRate: Math.round(delivery.length / measuredWindowS),
  };
}

serveGenerator(run);
