// Load generator for the routing scenario, run in its own process: drains a backlog through the
// real API, in two phases. The fill: agents go online with PATCH /agents/me and routing fills
// every free slot, nothing ended. The churn: from then on a supervisor (a super admin, whose
// socket hears every session change) ends each chat through POST /sessions/:id/end as soon as
// it hears it was assigned (the fill's chats first), which frees the agent's slot for routing's
// next placement. Once the whole backlog is assigned and ended, customers start a wave of new
// chats that stay open, for the scenario to judge how fairly routing spread them.
//
// By default the agents hold no console sockets, so the drain measures routing alone. With
// `consoles` every agent holds one, as the web console opens it (`console.changes` batches), and
// the frames and bytes they hear are counted: the console fan-out of every assignment and end
// (src/realtime/consoleFanOut.ts, docs/performance.md).
import type WebSocket from 'ws';
import { openAuthenticated } from '../lib/authenticatedSocket.js';
import { inBatches } from '../lib/batches.js';
import { serveGenerator } from '../lib/processes.js';

export interface RoutingDrainInput {
  /** The nodes; requests go to them in turn. */
  urls: string[];
  agentTokens: string[];
  /** A super admin's token: the supervisor who ends the backlog's chats. */
  supervisorToken: string;
  /** The agents' combined max: the fill ends once this many chats (or the whole backlog) are assigned. */
  slots: number;
  /** The waiting chats to drain: each is ended as soon as it is heard assigned. */
  backlog: string[];
  /** Customers starting the wave, in turn. */
  customerTokens: string[];
  waveSize: number;
  timeoutMs: number;
  /** Every agent holds a console socket throughout. */
  consoles?: boolean;
}

export interface RoutingDrainResult {
  /** How many chats the fill assigned: every slot, or the whole backlog if it is smaller. */
  filled: number;
  /** First status update → the fill's last chat heard assigned. */
  fillMs: number;
  /** First status update → the last backlog chat heard assigned. */
  drainMs: number;
  /** First status update → the last backlog chat ended. */
  endedMs: number;
  /** First wave chat started → the last wave chat heard assigned. */
  waveMs: number;
  /** With consoles: the frames and bytes all agents' consoles heard, hello to the drain's end. */
  consoleFrames: number;
  consoleBytes: number;
}

const CONCURRENCY = 20;
/**
 * Ends in flight at once during the churn, about what agents closing their own chats one at a
 * time would send; without a cap the fill's chats would all be ended in one burst.
 */
const ENDS_IN_FLIGHT = 200;

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

async function run(input: RoutingDrainInput): Promise<RoutingDrainResult> {
  const api = (i: number) => `${input.urls[i % input.urls.length]}/api/v1`;
  const backlog = new Set(input.backlog);
  const assigned = new Set<string>();
  const wave = new Set<string>();
  const fillSize = Math.min(input.slots, backlog.size);
  let filledAt = 0;
  let ended = 0;
  let lastAssignedAt = 0;
  let lastEndedAt = 0;
  let waveAssignedAt = 0;
  let failure: Error | undefined;

  // Chats heard assigned and not yet ended, in the order they were heard; ends start once the
  // fill is complete.
  const toEnd: string[] = [];
  let inFlight = 0;
  let sent = 0;
  const endNext = () => {
    while (filledAt > 0 && inFlight < ENDS_IN_FLIGHT && toEnd.length > 0) {
      const sessionId = toEnd.shift()!;
      inFlight += 1;
      sent += 1;
      call(`${api(sent)}/sessions/${sessionId}/end`, input.supervisorToken, 'POST', {}).then(
        () => {
          inFlight -= 1;
          ended += 1;
          lastEndedAt = performance.now();
          endNext();
        },
        (error: Error) => (failure ??= error),
      );
    }
  };

  const heard = (sessionId: string) => {
    if (!backlog.has(sessionId)) {
      wave.add(sessionId);
      if (wave.size === input.waveSize) waveAssignedAt = performance.now();
      return;
    }
    if (assigned.has(sessionId)) return;
    assigned.add(sessionId);
    lastAssignedAt = performance.now();
    if (assigned.size === fillSize) filledAt = lastAssignedAt;
    toEnd.push(sessionId);
    endNext();
  };

  const supervisor: WebSocket | null = await openAuthenticated(
    `${api(0).replace(/^http/, 'ws')}/ws`,
    input.supervisorToken,
  );
  if (!supervisor) throw new Error('the supervisor could not connect');
  const consoles: WebSocket[] = [];
  let consoleFrames = 0;
  let consoleBytes = 0;
  let counting = true;
  if (input.consoles) {
    await inBatches(input.agentTokens, CONCURRENCY, async (token, i) => {
      const socket = await openAuthenticated(
        `${api(i).replace(/^http/, 'ws')}/ws?consoleBatch=1`,
        token,
      );
      if (!socket) throw new Error('an agent console could not connect');
      socket.on('message', (data: Buffer) => {
        if (!counting) return;
        consoleFrames += 1;
        consoleBytes += data.length;
      });
      consoles.push(socket);
    });
  }
  supervisor.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as {
      type: string;
      sessionId: string;
      change: string;
    };
    if (frame.type === 'sessions.changed' && frame.change === 'assigned') heard(frame.sessionId);
  });

  try {
    const started = performance.now();
    const deadline = started + input.timeoutMs;
    await inBatches(input.agentTokens, CONCURRENCY, async (token, i) => {
      await call(`${api(i)}/agents/me`, token, 'PATCH', { status: 'online' });
    });
    const drained = () => ended === backlog.size || failure !== undefined;
    await waitFor(drained, deadline, () => `${assigned.size} assigned, ${ended} ended`);
    if (failure) throw failure;
    counting = false;

    const waveStarted = performance.now();
    const customers = Array.from({ length: input.waveSize }, (_, k) => k);
    await inBatches(customers, CONCURRENCY, async (k) => {
      const token = input.customerTokens[k % input.customerTokens.length]!;
      await call(`${api(k)}/sessions`, token, 'POST', { subject: `Wave ${k}`, message: 'Hello' });
    });
    await waitFor(
      () => wave.size === input.waveSize,
      performance.now() + input.timeoutMs,
      () => `${wave.size} of the wave of ${input.waveSize} assigned`,
    );
    return {
      filled: fillSize,
      fillMs: filledAt - started,
      drainMs: lastAssignedAt - started,
      endedMs: lastEndedAt - started,
      waveMs: waveAssignedAt - waveStarted,
      consoleFrames,
      consoleBytes,
    };
  } finally {
    supervisor.terminate();
    for (const socket of consoles) socket.terminate();
  }
}

serveGenerator(run);
