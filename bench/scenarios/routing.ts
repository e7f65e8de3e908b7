// Scenario 4, routing: a backlog of waiting chats, then agents with mixed max (1-10) all come
// online at once. Reports the time until routing has placed every chat it can, the assignment
// rate, fairness, and any invariant violation. On one node with SQLite, and across three nodes
// on PostgreSQL and Redis when they are reachable.
import {
  postgresAvailable,
  postgresDatabase,
  sqliteDatabase,
  type BenchDatabase,
} from '../lib/databases.js';
import { createUsers, openFixture, type BenchUser } from '../lib/fixtures.js';
import { allViolations } from '../../test/support/routingInvariants.js';
import { fairnessSpread } from '../lib/fairness.js';
import { startServer, type ServerProcess } from '../lib/processes.js';
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
  for (let i = 0; i < options.sessions; i += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, options.sessions - i) }, (_, j) =>
        startSession(fixture.ctx, {
          viewer: customers[(i + j) % customers.length]!,
          subject: `Backlog ${i + j}`,
          priority: PRIORITIES[(i + j) % 4]!,
          message: 'Waiting',
        }),
      ),
    );
  }
  const servers: ServerProcess[] = [];
  try {
    for (let n = 0; n < nodes; n++) {
      servers.push(
        await startServer({ ...database.serverEnv, ...(redisUrl ? { REDIS_URL: redisUrl } : {}) }),
      );
    }
    const capacity = agents.reduce((sum, _a, i) => sum + maxOf(i), 0);
    const expected = Math.min(capacity, options.sessions);
    const started = performance.now();
    await goOnline(agents, servers);
    const onlineMs = performance.now() - started;
    let placed = 0;
    while (placed < expected && performance.now() - started < options.timeoutMs) {
      placed = Number(
        (
          await fixture.store.db
            .selectFrom('chat_sessions')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('status', '=', 'active')
            .executeTakeFirstOrThrow()
        ).n,
      );
      if (placed < expected) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const drainedMs = performance.now() - started;
    const violations = await allViolations(fixture.store.db);
    const loads = await fixture.store.db
      .selectFrom('chat_agent_status')
      .select(['current_chat_count', 'max_concurrent_chats'])
      .execute();
    const spread = fairnessSpread(
      loads.map((l) => ({ open: l.current_chat_count, max: l.max_concurrent_chats })),
    );
    return { nodes, capacity, expected, placed, onlineMs, drainedMs, spread, violations };
  } finally {
    for (const server of servers) await server.stop();
    await fixture.close();
  }
}

/** Every agent sets themselves online through the API, spread over the nodes, 20 at a time. */
async function goOnline(agents: BenchUser[], servers: ServerProcess[]) {
  for (let i = 0; i < agents.length; i += 20) {
    await Promise.all(
      agents.slice(i, i + 20).map((agent, j) =>
        fetch(`${servers[(i + j) % servers.length]!.url}/api/v1/agents/me`, {
          method: 'PATCH',
          headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ status: 'online' }),
        }).then((response) => {
          if (response.status !== 200) throw new Error(`status update failed: ${response.status}`);
        }),
      ),
    );
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
    const scenario = `routing ${options.sessions} waiting, ${options.agents} agents, ${r.nodes} node(s), ${r.database}`;
    return [
      {
        scenario,
        metric: `time to place ${r.expected} chats (all capacity)`,
        value: Math.round(r.drainedMs),
        unit: 'ms',
        target: '< 2000 ms',
        met: r.placed === r.expected && r.drainedMs < 2000,
      },
      {
        scenario,
        metric: 'assignments per second',
        value: Math.round(r.placed / (r.drainedMs / 1000)),
        unit: '/s',
      },
      {
        scenario,
        metric: 'fairness spread',
        value: r.spread,
        unit: 'chats',
        target: '≤ 1',
        met: r.spread <= 1,
      },
      {
        scenario,
        metric: 'invariant violations',
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
      runs: runs.map((r) => ({ ...r, drainedMs: round(r.drainedMs), onlineMs: round(r.onlineMs) })),
    },
  };
}
