// Load generator for the routing scenario, run in its own process: simulated agents who drain a
// backlog through the real API. Each agent holds a WebSocket (as an agent's console does), goes
// online with PATCH /agents/me, hears each chat routed to them (`sessions.changed`, "assigned")
// and ends it at once with POST /sessions/:id/end, which frees the slot for routing's next
// placement. Once the whole backlog is assigned and ended, customers start a wave of new chats
// that the agents keep open, for the scenario to judge how fairly routing spread them.
import type WebSocket from 'ws';
import { openAuthenticated } from '../lib/authenticatedSocket.js';
import { serveGenerator } from '../lib/processes.js';

export interface RoutingAgentsInput {
  /** The nodes; agent i connects to and calls node i % urls.length. */
  urls: string[];
  agentTokens: string[];
  /** The waiting chats to drain: each is ended as soon as its agent hears it was assigned. */
  backlog: string[];
  /** Customers starting the wave, in turn (spread over the nodes the same way). */
  customerTokens: string[];
  waveSize: number;
  timeoutMs: number;
}

export interface RoutingAgentsResult {
  /** First status update → the last backlog chat heard assigned. */
  drainMs: number;
  /** First status update → the last backlog chat ended. */
  endedMs: number;
  /** First wave chat started → the last wave chat heard assigned. */
  waveMs: number;
}

const CONCURRENCY = 20;

async function inBatches<T>(items: T[], work: (item: T, index: number) => Promise<void>) {
  for (let i = 0; i < items.length; i += CONCURRENCY) {
    await Promise.all(items.slice(i, i + CONCURRENCY).map((item, j) => work(item, i + j)));
  }
}

async function call(url: string, token: string, method: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${url}: HTTP ${response.status}`);
  return response.json();
}

/** Resolves once `done()` holds; rejects at the deadline, saying how far it got. */
function waitFor(done: () => boolean, deadline: number, what: () => string) {
  return new Promise<void>((resolve, reject) => {
    const check = () => {
      if (done()) resolve();
      else if (performance.now() > deadline) reject(new Error(`timed out: ${what()}`));
      else setTimeout(check, 5);
    };
    check();
  });
}

async function run(input: RoutingAgentsInput): Promise<RoutingAgentsResult> {
  const api = (i: number) => `${input.urls[i % input.urls.length]}/api/v1`;
  const backlog = new Set(input.backlog);
  const assigned = new Set<string>();
  const wave = new Set<string>();
  let ended = 0;
  let lastAssignedAt = 0;
  let lastEndedAt = 0;
  let waveAssignedAt = 0;
  let failure: Error | undefined;

  const heard = (agent: number, sessionId: string) => {
    if (!backlog.has(sessionId)) {
      wave.add(sessionId);
      if (wave.size === input.waveSize) waveAssignedAt = performance.now();
      return;
    }
    if (assigned.has(sessionId)) return;
    assigned.add(sessionId);
    lastAssignedAt = performance.now();
    call(`${api(agent)}/sessions/${sessionId}/end`, input.agentTokens[agent]!, 'POST', {}).then(
      () => {
        ended += 1;
        lastEndedAt = performance.now();
      },
      (error: Error) => (failure ??= error),
    );
  };

  const sockets: WebSocket[] = [];
  await inBatches(input.agentTokens, async (token, i) => {
    const ws = await openAuthenticated(`${api(i).replace(/^http/, 'ws')}/ws`, token);
    if (!ws) throw new Error(`agent ${i} could not connect`);
    sockets.push(ws);
    ws.on('message', (data) => {
      const text = data.toString();
      // Agents also hear every queue change; only their own assignments need parsing.
      if (!text.includes('"sessions.changed"')) return;
      const frame = JSON.parse(text) as { sessionId: string; change: string };
      if (frame.change === 'assigned') heard(i, frame.sessionId);
    });
  });

  try {
    const started = performance.now();
    const deadline = started + input.timeoutMs;
    await inBatches(input.agentTokens, async (token, i) => {
      await call(`${api(i)}/agents/me`, token, 'PATCH', { status: 'online' });
    });
    const drained = () => ended === backlog.size || failure !== undefined;
    await waitFor(drained, deadline, () => `${assigned.size} assigned, ${ended} ended`);
    if (failure) throw failure;

    const waveStarted = performance.now();
    const customers = Array.from({ length: input.waveSize }, (_, k) => k);
    await inBatches(customers, async (k) => {
      const token = input.customerTokens[k % input.customerTokens.length]!;
      await call(`${api(k)}/sessions`, token, 'POST', { subject: `Wave ${k}`, message: 'Hello' });
    });
    await waitFor(
      () => wave.size === input.waveSize,
      performance.now() + input.timeoutMs,
      () => `${wave.size} of the wave of ${input.waveSize} assigned`,
    );
    return {
      drainMs: lastAssignedAt - started,
      endedMs: lastEndedAt - started,
      waveMs: waveAssignedAt - waveStarted,
    };
  } finally {
    for (const ws of sockets) ws.terminate();
  }
}

serveGenerator(run);
