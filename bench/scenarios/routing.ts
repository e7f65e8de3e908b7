// Scenario 4, routing: a backlog of waiting chats far larger than the agents' combined max, then
// agents with mixed max (1-10) come online and work through it (bench/load/routingDrain.ts,
// through the API): first routing fills every free slot, then every chat is ended as soon as it
// is assigned, so the backlog drains completely. Reports the time to fill the slots, the time
// until every chat was assigned, the assignment rates of both phases, the load invariant sampled
// throughout, fairness on a wave of new chats once the agents are idle, and every invariant at
// the end. On one node with SQLite, and across three nodes on PostgreSQL and
// Redis when they are reachable.
import type { RoutingDrainInput, RoutingDrainResult } from '../load/routingDrain.js';
import {
  postgresAvailable,
  postgresDatabase,
  sqliteDatabase,
  type BenchDatabase,
} from '../lib/databases.js';
import { createUsers, inOneTransaction, openFixture } from '../lib/fixtures.js';
import { allViolations } from '../../test/support/routingInvariants.js';
import { fairnessSpread } from '../lib/fairness.js';
import { sampleLoads, type LoadSamples } from '../lib/loadSampler.js';
import { runGenerator, startServer, type ServerProcess } from '../lib/processes.js';
import type { Row, ScenarioResult } from '../lib/report.js';
import { round } from '../lib/stats.js';
import { startSession } from '../../src/services/sessions/sessionStarter.js';
import { PRIORITIES } from '../../src/shared/vocabulary.js';

export interface RoutingOptions {
  sessions: number;
  agents: number;
  timeoutMs: number;
}

export const routingSizes = {
  full: { sessions: 5000, agents: 200, timeoutMs: 60_000 },
  quick: { sessions: 60, agents: 8, timeoutMs: 20_000 },
} satisfies Record<string, RoutingOptions>;

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
  redisUrl?: string,
) {
  const fixture = await openFixture(database.storeOptions);
  const agents = await createUsers(fixture, options.agents, 'admin', {
    status: 'offline',
    max: maxOf,
  });
  const customers = await createUsers(fixture, Math.min(options.sessions, 500), 'user');
  const [supervisor] = await createUsers(fixture, 1, 'super_admin');
  const backlog: string[] = [];
  await inOneTransaction(fixture, async (ctx) => {
    for (let i = 0; i < options.sessions; i++) {
      const record = await startSession(ctx, {
        viewer: customers[i % customers.length]!,
        subject: `Backlog ${i}`,
        priority: PRIORITIES[i % 4]!,
        message: 'Waiting',
      });
      backlog.push(record.row.id);
    }
  });
  const servers: ServerProcess[] = [];
  try {
    for (let n = 0; n < nodes; n++) {
      servers.push(
        await startServer({ ...database.serverEnv, ...(redisUrl ? { REDIS_URL: redisUrl } : {}) }),
      );
    }
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
    return { nodes, capacity, waveSize, ...drain, samples, spread, violations };
  } finally {
    for (const server of servers) await server.stop();
    await fixture.close();
  }
}

export async function routingScenario(options: RoutingOptions): Promise<ScenarioResult> {
  const runs: Array<Awaited<ReturnType<typeof run>> & { database: string }> = [];
  const sqlite = sqliteDatabase();
  try {
    runs.push({ database: 'sqlite', ...(await run(sqlite, 1, options)) });
  } finally {
    await sqlite.drop();
  }
  const redisUrl = await redisReachable();
  if (redisUrl && (await postgresAvailable())) {
    const postgres = await postgresDatabase();
    try {
      runs.push({ database: 'postgres + redis', ...(await run(postgres, 3, options, redisUrl)) });
    } finally {
      await postgres.drop();
    }
  } else {
    process.stderr.write('  PostgreSQL or Redis unreachable: three-node routing skipped\n');
  }
  const rows: Row[] = runs.flatMap((r) => {
    const scenario = `routing ${options.sessions} waiting, ${options.agents} agents (${r.capacity} slots), ${r.nodes} node(s), ${r.database}`;
    const churned = options.sessions - r.filled;
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
      {
        scenario,
        metric: `time to drain all ${options.sessions} (fill, then each chat ended once assigned)`,
        value: Math.round(r.drainMs),
        unit: 'ms',
        target: '< 2000 ms',
        met: r.drainMs < 2000,
      },
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
        metric: `load violations, sampled (${r.samples.samples} samples)`,
        value: r.samples.violatingSamples,
        unit: '',
        target: '0',
        met: r.samples.violatingSamples === 0,
      },
      {
        scenario,
        metric: `fairness spread, ${r.waveSize} new chats to idle agents`,
        value: r.spread,
        unit: 'chats',
        target: '≤ 1',
        met: r.spread <= 1,
      },
      {
        scenario,
        metric: 'invariant violations at the end',
        value: r.violations.length,
        unit: '',
        target: '0',
        met: r.violations.length === 0,
      },
    ] satisfies Row[];
  });
  return {
    name: 'routing',
    rows,
    details: {
      options,
      runs: runs.map((r) => ({
        ...r,
        fillMs: round(r.fillMs),
        drainMs: round(r.drainMs),
        endedMs: round(r.endedMs),
        waveMs: round(r.waveMs),
      })),
    },
  };
}
