// Scenario 9, helpdesk: a busy day at a university help desk, compressed, on one node (SQLite):
// N agents in teams and M connected customers, every one on a socket of their own, and a few
// super admins, all through the real HTTP and WebSocket protocol (bench/load/helpdesk.ts). Chats
// start at a set rate, each a realistic exchange (bench/load/helpdeskChat.ts): typing, messages
// both ways, read receipts, some transfers (to a colleague and back to the team), an end and a
// rating, a share becoming tickets that the agent answers; meanwhile agents load their lists and
// ticket inbox and super admins the all-sessions list and the live dashboard. After a discarded
// warm-up step the rate steps up (1x, 3x, 10x by default): each step reports the p50/p99 of every
// action, the server's CPU (from /proc/<pid>/stat) and RSS, and the report names what saturates
// first (the first action whose p99 passes its limit as the rate rises, or the CPU). At the end,
// every acknowledged message must have reached the other side exactly once and in order; the
// scenario fails loudly if not.
import type {
  ChatShape,
  DeskTeam,
  HelpdeskConnected,
  HelpdeskFinished,
  HelpdeskRan,
  HelpdeskStep,
} from '../load/helpdesk.js';
import { sqliteDatabase } from '../lib/databases.js';
import { createDesks, createUsers, openFixture } from '../lib/fixtures.js';
import { openFileLimit, startServer, startSteppedGenerator } from '../lib/processes.js';
import { formatTable, type ScenarioResult } from '../lib/report.js';
import { helpdeskRows, type MeasuredStep } from '../lib/helpdeskReport.js';
import { cpuSeconds } from '../lib/procStat.js';

export interface HelpdeskOptions {
  agents: number;
  teams: number;
  customers: number;
  admins: number;
  /** The base rate; each step runs at a multiple of it. */
  chatsPerHour: number;
  multipliers: number[];
  /** Each step's length (chats are started during it, then played out). */
  seconds: number;
  warmUpSeconds: number;
  maxChatsPerAgent: number;
  shape: ChatShape;
  agentListEveryMs: number;
  inboxEveryMs: number;
  adminEveryMs: number;
  waitLimitMs: number;
}

const fromEnv = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

/**
 * The desk: 500 agents in 10 teams, 10,000 connected customers. The rate assumes a busy
 * hour of a university desk (term start, fees due) at 600 chats, and runs at ten times that:
 * 6,000 chats an hour, 1.7 a second, then three and ten times more to find what gives first.
 */
export const helpdeskSizes = {
  full: {
    agents: fromEnv('BENCH_HELPDESK_AGENTS', 500),
    teams: fromEnv('BENCH_HELPDESK_TEAMS', 10),
    customers: fromEnv('BENCH_HELPDESK_CUSTOMERS', 10_000),
    admins: 3,
    chatsPerHour: fromEnv('BENCH_HELPDESK_CHATS_PER_HOUR', 6000),
    multipliers: (process.env.BENCH_HELPDESK_STEPS ?? '1,3,10').split(',').map(Number),
    seconds: fromEnv('BENCH_HELPDESK_SECONDS', 60),
    warmUpSeconds: 10,
    maxChatsPerAgent: 5,
    shape: { rounds: 4, thinkMs: 1500, transferEvery: 10, ticketEvery: 4 },
    agentListEveryMs: 30_000,
    inboxEveryMs: 60_000,
    adminEveryMs: 5_000,
    waitLimitMs: 30_000,
  },
  quick: {
    agents: 6,
    teams: 2,
    customers: 30,
    admins: 1,
    chatsPerHour: 3600,
    multipliers: [1, 2],
    seconds: 6,
    warmUpSeconds: 2,
    maxChatsPerAgent: 5,
    shape: { rounds: 2, thinkMs: 150, transferEvery: 3, ticketEvery: 2 },
    agentListEveryMs: 2_000,
    inboxEveryMs: 3_000,
    adminEveryMs: 1_000,
    waitLimitMs: 20_000,
  },
} satisfies Record<string, HelpdeskOptions>;

/** One source address per this many customers (each address has its own ephemeral ports). */
const CUSTOMERS_PER_ADDRESS = 2500;

/** Files each process needs beside its sockets (database, modules, HTTP connections). */
const SPARE_FILES = 500;

export async function helpdeskScenario(options: HelpdeskOptions): Promise<ScenarioResult> {
  // The server holds a file per socket and the one generator one per client: say so up front
  // rather than fail half-connected.
  const sockets = options.agents + options.customers + options.admins;
  const limit = openFileLimit();
  if (limit !== null && sockets + SPARE_FILES > limit)
    throw new Error(
      `helpdesk: ${sockets} sockets need more open files than this process may have (${limit}); raise \`ulimit -n\` or lower BENCH_HELPDESK_CUSTOMERS`,
    );
  const database = sqliteDatabase();
  const fixture = await openFixture(database.storeOptions);
  const generator = startSteppedGenerator<
    HelpdeskStep,
    HelpdeskConnected | HelpdeskRan | HelpdeskFinished
  >('helpdesk');
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const [supervisor, ...admins] = await createUsers(fixture, options.admins + 1, 'super_admin');
    const agents = await createUsers(fixture, options.agents, 'admin', {
      status: 'offline',
      max: () => options.maxChatsPerAgent,
    });
    const customers = await createUsers(fixture, options.customers, 'user');
    const topics = await createDesks(fixture, supervisor!, agents, options.teams);
    const topicRows = await fixture.store.db
      .selectFrom('topics')
      .select(['id', 'team_id'])
      .where('id', 'in', topics)
      .execute();
    const teamOf = new Map(topicRows.map((t) => [t.id, t.team_id!]));
    const teams: DeskTeam[] = topics.map((topicId, d) => ({
      topicId,
      teamId: teamOf.get(topicId)!,
      agentIds: agents.filter((_a, i) => i % options.teams === d).map((a) => a.id),
    }));
    await fixture.close();

    server = await startServer(database.serverEnv);
    const connected = (await generator.ask({
      step: 'connect',
      url: server.url,
      agents: agents.map((a) => ({ id: a.id, token: a.token })),
      teams,
      customerTokens: customers.map((c) => c.token),
      adminTokens: admins.map((a) => a.token),
      customersPerAddress: CUSTOMERS_PER_ADDRESS,
    })) as HelpdeskConnected;

    const runStep = async (chatsPerHour: number, seconds: number): Promise<MeasuredStep> => {
      let rssPeak = server!.rssBytes();
      const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, server!.rssBytes())), 500);
      const cpu0 = cpuSeconds(server!.pid);
      const t0 = performance.now();
      const ran = (await generator.ask({
        step: 'run',
        chatsPerHour,
        seconds,
        shape: options.shape,
        agentListEveryMs: options.agentListEveryMs,
        inboxEveryMs: options.inboxEveryMs,
        adminEveryMs: options.adminEveryMs,
        waitLimitMs: options.waitLimitMs,
      })) as HelpdeskRan;
      const wallSeconds = (performance.now() - t0) / 1000;
      clearInterval(sampler);
      const cpu = cpuSeconds(server!.pid) - cpu0;
      return {
        chatsPerHour,
        ran,
        serverCpuPercent: (100 * cpu) / wallSeconds,
        rssPeakBytes: Math.max(rssPeak, server!.rssBytes()),
        generatorCpuPercent: ran.generatorCpuMs / 10 / wallSeconds,
      };
    };
    // Warm-up at the base rate, discarded (bench/lib/warmUp.ts says why).
    const warmUp = await runStep(options.chatsPerHour, options.warmUpSeconds);
    const steps: MeasuredStep[] = [];
    for (const multiplier of options.multipliers)
      steps.push(await runStep(options.chatsPerHour * multiplier, options.seconds));
    const finished = (await generator.ask({ step: 'finish' })) as HelpdeskFinished;

    const rows = helpdeskRows(options, connected, steps, finished);
    const broken =
      finished.lost + finished.duplicated + finished.outOfOrder + finished.seqViolations;
    if (broken > 0 || finished.acknowledged === 0) {
      // Loudly, and with every figure: a broken run is still worth reading.
      process.stderr.write(
        `${formatTable(rows)}\nhelpdesk: INVARIANT BROKEN ${JSON.stringify(finished)}\n`,
      );
      throw new Error(
        `helpdesk: ${finished.lost} lost, ${finished.duplicated} duplicated, ${finished.outOfOrder} out of order, ${finished.seqViolations} seq repeats or reversals, of ${finished.acknowledged} acknowledged messages`,
      );
    }
    return {
      name: 'helpdesk',
      rows,
      details: { options, connected, warmUp, steps, finished },
    };
  } finally {
    await generator.stop();
    await server?.stop();
    await database.drop();
  }
}
