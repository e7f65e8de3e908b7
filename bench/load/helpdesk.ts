// Load generator for the help desk scenario, run in its own process: the whole desk's people on
// their own sockets (customers from several loopback source addresses, each with ephemeral ports
// of its own), answering three requests in turn. `connect` opens every socket and sends the
// agents online; each `run` starts chats on a fixed schedule for a while (open-loop: chat j is due
// at a set time whatever the server's pace, and its start → assigned counts from then), plays
// each one out (bench/load/helpdeskChat.ts) while agents and super admins load their lists and
// super admins watch the live dashboard, and answers with the percentiles of every action once
// the step's chats are over; `finish` checks that every acknowledged message reached the other
// side exactly once, in order, and closes everything.
import { inBatches } from '../lib/batches.js';
import { checkDeliveries, type DeliveryCheck, type Expectation } from '../lib/deliveryCheck.js';
import { DeskClient } from '../lib/deskClient.js';
import { serveSteppedGenerator } from '../lib/processes.js';
import { summarize, type LatencySummary } from '../lib/stats.js';
import { runChat, type ChatWorld } from './helpdeskChat.js';

export interface DeskTeam {
  teamId: string;
  topicId: string;
  agentIds: string[];
}

export interface ChatShape {
  /** Messages each way per chat. */
  rounds: number;
  /** Mean time a person types before sending (and so between messages). */
  thinkMs: number;
  /** Every how many chats one is transferred to a colleague, and one to the team's queue. */
  transferEvery: number;
  /** Every how many chats one becomes a ticket that the agent answers. */
  ticketEvery: number;
}

export type HelpdeskStep =
  | {
      step: 'connect';
      url: string;
      agents: Array<{ id: string; token: string }>;
      teams: DeskTeam[];
      customerTokens: string[];
      adminTokens: string[];
      customersPerAddress: number;
    }
  | {
      step: 'run';
      chatsPerHour: number;
      seconds: number;
      shape: ChatShape;
      /** Each agent loads their open chats, and their team's ticket inbox, this often. */
      agentListEveryMs: number;
      inboxEveryMs: number;
      /** Each super admin loads every session, and watches the dashboard afresh, this often. */
      adminEveryMs: number;
      waitLimitMs: number;
    }
  | { step: 'finish' };

export interface HelpdeskConnected {
  sockets: number;
  connectMs: number;
}

export interface HelpdeskRan {
  chatsDue: number;
  latencies: Record<string, LatencySummary>;
  counts: Record<string, number>;
  /** The first few failures, for the report's details. */
  failures: string[];
  /** This generator's own CPU time during the step (it shares the machine with the server). */
  generatorCpuMs: number;
  wallMs: number;
}

export interface HelpdeskFinished extends DeliveryCheck {
  socketErrors: number;
  socketsClosed: number;
}

const runId = Math.random().toString(36).slice(2, 8);
const now = () => performance.now();
let clients: DeskClient[] = [];
let customers: DeskClient[] = [];
let admins: DeskClient[] = [];
const agents: DeskClient[] = [];
const agentById = new Map<string, DeskClient>();
const teamAgents = new Map<string, string[]>();
let teams: DeskTeam[] = [];
/** Chats started so far, over every step: each chat's number. */
let chatNumber = 0;
const expected: Expectation[] = [];

async function connect(input: Extract<HelpdeskStep, { step: 'connect' }>) {
  const t0 = now();
  teams = input.teams;
  for (const team of teams) teamAgents.set(team.teamId, team.agentIds);
  await inBatches(input.agents, 50, async ({ id, token }) => {
    const client = await DeskClient.open(input.url, token);
    agents.push(client);
    agentById.set(id, client);
  });
  admins = await Promise.all(input.adminTokens.map((token) => DeskClient.open(input.url, token)));
  const opened: DeskClient[] = [];
  await inBatches(input.customerTokens, 100, async (token, i) => {
    // 127.0.0.2, .3, …: one source address holds some 28,000 ephemeral ports.
    const address = `127.0.0.${2 + Math.floor(i / input.customersPerAddress)}`;
    opened.push(await DeskClient.open(input.url, token, address));
  });
  customers = opened;
  clients = [...agents, ...admins, ...customers];
  await inBatches(agents, 50, async (agent) => {
    await agent.call('PATCH', '/agents/me', { status: 'online' });
  });
  return { sockets: clients.length, connectMs: now() - t0 };
}

/** Calls `work` every `everyMs` for each of `people`, each at its own phase, until stopped. */
function periodically(
  people: DeskClient[],
  everyMs: number,
  work: (p: DeskClient) => Promise<void>,
) {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  for (const person of people) {
    const start = setTimeout(() => {
      const tick = () => {
        const job = work(person).finally(() => running.delete(job));
        running.add(job);
      };
      tick();
      timers.push(setInterval(tick, everyMs));
    }, Math.random() * everyMs);
    timers.push(start);
  }
  return async () => {
    for (const timer of timers) clearTimeout(timer);
    await Promise.allSettled([...running]);
  };
}

async function run(input: Extract<HelpdeskStep, { step: 'run' }>): Promise<HelpdeskRan> {
  const samples = new Map<string, number[]>();
  const counts: Record<string, number> = {};
  const failures: string[] = [];
  const record = (metric: string, ms: number) => {
    const list = samples.get(metric) ?? [];
    samples.set(metric, list);
    list.push(ms);
  };
  const count = (what: string) => (counts[what] = (counts[what] ?? 0) + 1);
  const fail = (error: unknown) => {
    count('failures (an action refused or timed out)');
    if (failures.length < 5) failures.push(error instanceof Error ? error.message : String(error));
  };
  const world: ChatWorld = {
    runId,
    now,
    agentById,
    teamAgents,
    record,
    count,
    expect: (clientId, receiver) => expected.push({ clientId, receiver }),
    waitLimitMs: input.waitLimitMs,
  };
  const timed = (metric: string, call: () => Promise<unknown>) => async () => {
    const t0 = now();
    try {
      await call();
      record(metric, now() - t0);
    } catch (error) {
      fail(error);
    }
  };
  for (const admin of admins)
    admin.onOther = (frame) => {
      if (frame.type === 'dashboard.snapshot') count('dashboard snapshots pushed');
    };
  const cpu0 = process.cpuUsage();
  const t0 = now();
  const stops = [
    periodically(agents, input.agentListEveryMs, (agent) =>
      timed('agent list load (GET /sessions?view=active)', () =>
        agent.call('GET', '/sessions?view=active'),
      )(),
    ),
    periodically(agents, input.inboxEveryMs, (agent) =>
      timed('ticket inbox load (GET /tickets?status=new,open)', () =>
        agent.call('GET', '/tickets?status=new,open&sort=updated&limit=25'),
      )(),
    ),
    periodically(admins, input.adminEveryMs, (admin) =>
      timed('supervisor list load (GET /sessions?view=all)', () =>
        admin.call('GET', '/sessions?view=all'),
      )(),
    ),
    periodically(admins, input.adminEveryMs, (admin) =>
      timed('dashboard.watch → snapshot', async () => {
        await admin.request({ type: 'dashboard.unwatch' });
        const reply = await admin.request({ type: 'dashboard.watch' });
        if (reply.type !== 'dashboard.snapshot') throw new Error(JSON.stringify(reply));
      })(),
    ),
  ];

  // Open-loop: chat j is due at j × the interval, whatever happened to the ones before it.
  const intervalMs = 3_600_000 / input.chatsPerHour;
  const chatsDue = Math.floor((input.seconds * 1000) / intervalMs);
  const idle = [...customers];
  const chats: Promise<void>[] = [];
  const ratings = [5, 4, 5, 3, 5, 4, 2, 5, 4, 5];
  const { shape } = input;
  for (let j = 0; j < chatsDue; j++) {
    const due = t0 + j * intervalMs;
    if (due > now()) await new Promise((resolve) => setTimeout(resolve, due - now()));
    const customer = idle.pop();
    if (!customer) {
      count('chats not started (no idle customer)');
      continue;
    }
    const team = teams[j % teams.length]!;
    const phase = j % shape.transferEvery;
    const chat = runChat(world, customer, {
      k: chatNumber++,
      topicId: team.topicId,
      teamId: team.teamId,
      due,
      rounds: shape.rounds,
      thinkMs: shape.thinkMs,
      transfer:
        phase === 1 ? 'agent' : phase === Math.ceil(shape.transferEvery / 2) ? 'team' : null,
      ticket: j % shape.ticketEvery === 0,
      rating: ratings[j % ratings.length]!,
    })
      .catch(fail)
      .finally(() => idle.push(customer));
    chats.push(chat);
  }
  await Promise.all(chats);
  for (const stop of stops) await stop();
  const cpu = process.cpuUsage(cpu0);
  return {
    chatsDue,
    latencies: Object.fromEntries([...samples].map(([metric, list]) => [metric, summarize(list)])),
    counts,
    failures,
    generatorCpuMs: (cpu.user + cpu.system) / 1000,
    wallMs: now() - t0,
  };
}

function finish(): HelpdeskFinished {
  const socketsClosed = clients.filter((c) => c.ws.readyState !== c.ws.OPEN).length;
  const socketErrors = clients.reduce((n, c) => n + c.errors, 0);
  for (const client of clients) client.close();
  return {
    ...checkDeliveries(expected),
    socketErrors,
    socketsClosed,
  };
}

serveSteppedGenerator<HelpdeskStep, HelpdeskConnected | HelpdeskRan | HelpdeskFinished>(
  async (input) =>
    input.step === 'connect' ? connect(input) : input.step === 'run' ? run(input) : finish(),
);
