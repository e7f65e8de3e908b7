// Scenario 4, routing: a backlog of waiting chats far larger than the agents' combined max, then
// agents with mixed max (1-10) come online and work through it (bench/load/routingDrain.ts,
// through the API): first routing fills every free slot, then every chat is ended as soon as it
// is assigned, so the backlog drains completely. Reports the time to fill the slots, the time
// until every chat was assigned, the assignment rates of both phases, the load invariant sampled
// throughout, fairness on a wave of new chats once the agents are idle, and every invariant at
// the end. On one node with SQLite, and across three nodes on PostgreSQL and
// Redis when they are reachable, and each again with the backlog spread over four teams (every
// agent in one of them and in a General team of everyone, whose topic is the default), so routing
// per team is measured beside routing without teams. Every node is warmed up first with chat
// traffic between agents of its own, who then go offline; each setup runs twice (fresh database
// and nodes), so the drain time's spread is seen. One more setup drains a smaller backlog on
// SQLite with every agent holding a console socket (the console fan-out's cost: drain time, and
// the frames each console hears per chat). BENCH_ROUTING_SETUPS (a comma list of sqlite,
// sqlite-teams, sqlite-consoles, postgres, postgres-teams; all by default) picks setups.
import type { RoutingDrainInput, RoutingDrainResult } from '../load/routingDrain.js';
import {
  postgresAvailable,
  postgresDatabase,
  sqliteDatabase,
  type BenchDatabase,
} from '../lib/databases.js';
import {
  createActiveChats,
  createDesks,
  createUsers,
  inOneTransaction,
  openFixture,
  type ChatPair,
} from '../lib/fixtures.js';
import { allViolations } from '../../test/support/routingInvariants.js';
import { fairnessSpread } from '../lib/fairness.js';
import { sampleLoads, type LoadSamples } from '../lib/loadSampler.js';
import { runGenerator, startServer, type ServerProcess } from '../lib/processes.js';
import { secondRun, type Row, type ScenarioResult } from '../lib/report.js';
import { round } from '../lib/stats.js';
import { warmUpChats, warmUpSizes, type WarmUpOptions } from '../lib/warmUp.js';
import { startSession } from '../../src/services/sessions/sessionStarter.js';
import { PRIORITIES } from '../../src/shared/vocabulary.js';

export interface RoutingOptions {
  sessions: number;
  agents: number;
  timeoutMs: number;
  /** Runs of each setup, each on a fresh database and nodes: 2 shows the spread. */
  runs: number;
  warmUp: WarmUpOptions;
  /**
   * The setups run again with the backlog spread over this many teams (each agent in one of
   * them and in a General team of everyone), to show what routing per team costs.
   */
  desks: number;
  /** Which setups run again with teams: the quick size only checks that the path works. */
  deskSetups: ReadonlyArray<'sqlite' | 'postgres'>;
  /** The backlog of the setup whose agents all hold console sockets (SQLite, one node). */
  consoleSessions: number;
}

export const routingSizes = {
  full: {
    sessions: 5000,
    agents: 200,
    timeoutMs: 60_000,
    runs: 2,
    warmUp: warmUpSizes.full,
    desks: 4,
    deskSetups: ['sqlite', 'postgres'],
    consoleSessions: 2000,
  },
  quick: {
    sessions: 60,
    agents: 8,
    timeoutMs: 20_000,
    runs: 1,
    warmUp: warmUpSizes.quick,
    desks: 4,
    deskSetups: ['sqlite'],
    consoleSessions: 60,
  },
} satisfies Record<string, RoutingOptions>;

/**
 * The agents hold no sockets (bench/load/routingDrain.ts says why), so the away sweep would take
 * them for agents who never connected and set them away once its grace ran out, stalling the
 * drain (or the wave after it) on a slow machine: the grace is set beyond any run.
 */
const AGENTS_WITHOUT_SOCKETS = { AGENT_AWAY_GRACE_SECONDS: '86400' };

/** Chats per node that carry its warm-up traffic. */
const WARM_UP_CHATS = 20;

/**
 * Warms every node up with chat traffic of its own (all at once), then sends the warm-up
 * chats' agents offline through the API, so routing leaves them out of what it measures.
 */
async function warmUpNodes(
  servers: ServerProcess[],
  pairs: ChatPair[],
  options: WarmUpOptions,
): Promise<void> {
  await Promise.all(
    servers.map((server, n) =>
      warmUpChats(
        'switchboard',
        server.url,
        pairs.slice(n * WARM_UP_CHATS, (n + 1) * WARM_UP_CHATS),
        options,
      ),
    ),
  );
  for (const token of new Set(pairs.map((pair) => pair.agentToken))) {
    const response = await fetch(`${servers[0]!.url}/api/v1/agents/me`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'offline' }),
    });
    if (!response.ok) throw new Error(`a warm-up agent could not go offline: ${response.status}`);
  }
}

const maxOf = (i: number) => (i % 10) + 1;

async function redisReachable(): Promise<string | null> {
  const url = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const { Redis } = await import('ioredis');
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await client.connect();
    await client.ping();
    return url;
  } catch {
    return null;
  } finally {
    client.disconnect();
  }
}

async function run(
  database: BenchDatabase,
  nodes: number,
  options: RoutingOptions,
  redisUrl: string | undefined,
  desks: number,
  consoles: boolean,
) {
  const fixture = await openFixture(database.storeOptions);
  // Before the backlog exists, so that routing them touches none of it.
  const warmUpPairs = await createActiveChats(fixture, WARM_UP_CHATS * nodes);
  const agents = await createUsers(fixture, options.agents, 'admin', {
    status: 'offline',
    max: maxOf,
  });
  const customers = await createUsers(fixture, Math.min(options.sessions, 500), 'user');
  const [supervisor] = await createUsers(fixture, 1, 'super_admin');
  const topics = desks > 0 ? await createDesks(fixture, supervisor!, agents, desks) : [];
  const backlog: string[] = [];
  await inOneTransaction(fixture, async (ctx) => {
    for (let i = 0; i < options.sessions; i++) {
      const record = await startSession(ctx, {
        viewer: customers[i % customers.length]!,
        subject: `Backlog ${i}`,
        priority: PRIORITIES[i % 4]!,
        message: 'Waiting',
        topicId: topics.length > 0 ? topics[i % topics.length] : undefined,
      });
      backlog.push(record.row.id);
    }
  });
  const servers: ServerProcess[] = [];
  try {
    for (let n = 0; n < nodes; n++) {
      servers.push(
        await startServer({
          ...database.serverEnv,
          ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
          ...AGENTS_WITHOUT_SOCKETS,
        }),
      );
    }
    await warmUpNodes(servers, warmUpPairs, options.warmUp);
    const capacity = agents.reduce((sum, _a, i) => sum + maxOf(i), 0);
    // Fewer new chats than free slots, so routing has a choice to make for each one.
    const waveSize = Math.floor(capacity / 2);
    const sampler = sampleLoads(fixture.store.db, 100);
    let drain: RoutingDrainResult;
    let samples: LoadSamples;
    try {
      drain = await runGenerator<RoutingDrainInput, RoutingDrainResult>('routingDrain', {
        urls: servers.map((server) => server.url),
        agentTokens: agents.map((agent) => agent.token),
        supervisorToken: supervisor!.token,
        slots: capacity,
        backlog,
        customerTokens: customers.map((customer) => customer.token),
        waveSize,
        timeoutMs: options.timeoutMs,
        consoles,
      });
    } finally {
      samples = await sampler.stop();
    }
    const violations = await allViolations(fixture.store.db);
    // The agents who took chats (the supervisor has an agent row too, offline).
    const loads = await fixture.store.db
      .selectFrom('chat_agent_status')
      .select(['current_chat_count', 'max_concurrent_chats'])
      .where(
        'agent_id',
        'in',
        agents.map((agent) => agent.id),
      )
      .execute();
    const spread = fairnessSpread(
      loads.map((l) => ({ open: l.current_chat_count, max: l.max_concurrent_chats })),
    );
    return { nodes, capacity, waveSize, consoles, ...drain, samples, spread, violations };
  } finally {
    for (const server of servers) await server.stop();
    await fixture.close();
  }
}

type Run = Awaited<ReturnType<typeof run>>;

/** A setup's rows: the first run's figures, the second's drain time, invariants over all runs. */
function setupRows(database: string, runs: Run[], options: RoutingOptions): Row[] {
  const [r, ...again] = runs as [Run, ...Run[]];
  const consoles = r.consoles ? `, ${options.agents} agent consoles connected` : '';
  const scenario = `routing ${options.sessions} waiting, ${options.agents} agents (${r.capacity} slots), ${r.nodes} node(s), ${database}${consoles}`;
  const churned = options.sessions - r.filled;
  const violatingSamples = runs.reduce((sum, run) => sum + run.samples.violatingSamples, 0);
  const samples = runs.reduce((sum, run) => sum + run.samples.samples, 0);
  const spread = Math.max(...runs.map((run) => run.spread));
  const violations = runs.reduce((sum, run) => sum + run.violations.length, 0);
  const drain: Row = {
    scenario,
    metric: `time to drain all ${options.sessions} (fill, then each chat ended once assigned)`,
    value: Math.round(r.drainMs),
    unit: 'ms',
    target: '< 2000 ms',
    met: r.drainMs < 2000,
  };
  return [
    {
      scenario,
      metric: `time to fill every free slot (${r.filled} of ${options.sessions})`,
      value: Math.round(r.fillMs),
      unit: 'ms',
    },
    {
      scenario,
      metric: 'assignments per second while filling',
      value: Math.round(r.filled / (r.fillMs / 1000)),
      unit: '/s',
    },
    drain,
    ...again.map((run) => secondRun(drain, Math.round(run.drainMs))),
    ...(r.consoles
      ? [
          {
            scenario,
            metric: 'frames each console heard per chat drained (assignment and end)',
            value: round(r.consoleFrames / options.agents / options.sessions, 3),
            unit: '',
          },
          {
            scenario,
            metric: 'bytes each console heard per chat drained',
            value: Math.round(r.consoleBytes / options.agents / options.sessions),
            unit: 'B',
          },
        ]
      : []),
    {
      scenario,
      metric: 'assignments per second, whole drain',
      value: Math.round(options.sessions / (r.drainMs / 1000)),
      unit: '/s',
    },
    {
      scenario,
      metric: `assignments per second after the fill (${churned}, each freed by an end)`,
      value: churned > 0 ? Math.round(churned / ((r.drainMs - r.fillMs) / 1000)) : 0,
      unit: '/s',
    },
    {
      scenario,
      metric: `load violations, sampled (${samples} samples, every run)`,
      value: violatingSamples,
      unit: '',
      target: '0',
      met: violatingSamples === 0,
    },
    {
      scenario,
      metric: `fairness spread, ${r.waveSize} new chats to idle agents (worst run)`,
      value: spread,
      unit: 'chats',
      target: '≤ 1',
      met: spread <= 1,
    },
    {
      scenario,
      metric: 'invariant violations at the end (every run)',
      value: violations,
      unit: '',
      target: '0',
      met: violations === 0,
    },
  ];
}

export async function routingScenario(options: RoutingOptions): Promise<ScenarioResult> {
  const setups: Array<{ database: string; runs: Run[]; options: RoutingOptions }> = [];
  const wanted = process.env.BENCH_ROUTING_SETUPS?.split(',').map((name) => name.trim());
  const picked = (name: string) => !wanted || wanted.includes(name);
  /** Each run on a fresh database. */
  const runs = async (
    open: () => BenchDatabase | Promise<BenchDatabase>,
    nodes: number,
    redisUrl: string | undefined,
    desks: number,
    consoles = false,
  ) => {
    const done: Run[] = [];
    const sized = consoles ? { ...options, sessions: options.consoleSessions } : options;
    for (let n = 0; n < options.runs; n++) {
      const database = await open();
      try {
        done.push(await run(database, nodes, sized, redisUrl, desks, consoles));
      } finally {
        await database.drop();
      }
    }
    return done;
  };
  const withDesks = (database: string) => `${database}, ${options.desks} teams`;
  if (picked('sqlite')) {
    setups.push({ database: 'sqlite', options, runs: await runs(sqliteDatabase, 1, undefined, 0) });
  }
  if (options.deskSetups.includes('sqlite') && picked('sqlite-teams')) {
    setups.push({
      database: withDesks('sqlite'),
      options,
      runs: await runs(sqliteDatabase, 1, undefined, options.desks),
    });
  }
  if (picked('sqlite-consoles')) {
    setups.push({
      database: 'sqlite',
      options: { ...options, sessions: options.consoleSessions },
      runs: await runs(sqliteDatabase, 1, undefined, 0, true),
    });
  }
  const postgres = picked('postgres') || picked('postgres-teams');
  const redisUrl = postgres ? await redisReachable() : null;
  if (redisUrl && (await postgresAvailable())) {
    if (picked('postgres')) {
      setups.push({
        database: 'postgres + redis',
        options,
        runs: await runs(postgresDatabase, 3, redisUrl, 0),
      });
    }
    if (options.deskSetups.includes('postgres') && picked('postgres-teams')) {
      setups.push({
        database: withDesks('postgres + redis'),
        options,
        runs: await runs(postgresDatabase, 3, redisUrl, options.desks),
      });
    }
  } else if (postgres) {
    process.stderr.write('  PostgreSQL or Redis unreachable: three-node routing skipped\n');
  }
  const rows = setups.flatMap((setup) => setupRows(setup.database, setup.runs, setup.options));
  return {
    name: 'routing',
    rows,
    details: {
      options,
      runs: setups.flatMap((setup) =>
        setup.runs.map((r) => ({
          database: setup.database,
          ...r,
          fillMs: round(r.fillMs),
          drainMs: round(r.drainMs),
          endedMs: round(r.endedMs),
          waveMs: round(r.waveMs),
        })),
      ),
    },
  };
}
