// Scenario 3, connections: opens up to N idle authenticated WebSockets against one node, each
// signed in as its own account (as N people would be), and reports memory per connection (server
// RSS delta) and the time to connect them all, with heartbeats running throughout. A socket
// counts as opened only once the server has authenticated it (its `hello` frame). The server is
// warmed up first with a little chat traffic; the run is repeated on a fresh server, so the
// memory figure's spread is seen.
import type { IdleSocketsInput, IdleSocketsResult } from '../load/idleSockets.js';
import { sqliteDatabase } from '../lib/databases.js';
import { createActiveChats, createUsers, openFixture, type ChatPair } from '../lib/fixtures.js';
import { runGenerator, startServer } from '../lib/processes.js';
import { secondRun, type Row, type ScenarioResult } from '../lib/report.js';
import { round } from '../lib/stats.js';
import { warmUpChats, warmUpSizes, type WarmUpOptions } from '../lib/warmUp.js';

export interface ConnectionsOptions {
  count: number;
  holdMs: number;
  heartbeatSeconds: number;
  /** Runs, each on a fresh server over the same accounts: 2 shows the spread. */
  runs: number;
  warmUp: WarmUpOptions;
}

export const connectionsSizes = {
  full: { count: 10_000, holdMs: 3000, heartbeatSeconds: 1, runs: 2, warmUp: warmUpSizes.full },
  quick: { count: 50, holdMs: 500, heartbeatSeconds: 1, runs: 1, warmUp: warmUpSizes.quick },
} satisfies Record<string, ConnectionsOptions>;

/** The chats that carry the warm-up traffic (their sockets close before the measurement). */
const WARM_UP_CHATS = 20;

async function measure(
  serverEnv: Record<string, string>,
  tokens: string[],
  warmUpPairs: ChatPair[],
  options: ConnectionsOptions,
): Promise<IdleSocketsResult> {
  const server = await startServer({
    ...serverEnv,
    HEARTBEAT_SECONDS: String(options.heartbeatSeconds),
  });
  try {
    await warmUpChats('switchboard', server.url, warmUpPairs, options.warmUp);
    // Let start-up and warm-up allocations settle before the "before" reading.
    await new Promise((resolve) => setTimeout(resolve, 500));
    return await runGenerator<IdleSocketsInput, IdleSocketsResult>('idleSockets', {
      url: server.url,
      tokens,
      count: options.count,
      concurrency: 200,
      holdMs: options.holdMs,
      serverPid: server.pid,
    });
  } finally {
    await server.stop();
  }
}

const perConnectionKiB = (result: IdleSocketsResult) =>
  round(
    (result.serverRssConnected - result.serverRssBefore) / Math.max(1, result.opened) / 1024,
    1,
  );

export async function connectionsScenario(options: ConnectionsOptions): Promise<ScenarioResult> {
  const database = sqliteDatabase();
  const fixture = await openFixture(database.storeOptions);
  const tokens = (await createUsers(fixture, options.count, 'user')).map((u) => u.token);
  const warmUpPairs = await createActiveChats(fixture, WARM_UP_CHATS);
  await fixture.close();
  const runs: IdleSocketsResult[] = [];
  try {
    for (let run = 0; run < options.runs; run++)
      runs.push(await measure(database.serverEnv, tokens, warmUpPairs, options));
  } finally {
    await database.drop();
  }
  const [result, ...again] = runs as [IdleSocketsResult, ...IdleSocketsResult[]];
  // Whether every socket opened and stayed is judged on the worst run.
  const opened = Math.min(...runs.map((r) => r.opened));
  const failed = Math.max(...runs.map((r) => r.failed));
  const dropped = Math.max(...runs.map((r) => r.opened - r.aliveAfterHold));
  const scenario = `connections, ${options.count} idle sockets`;
  const memory: Row = {
    scenario,
    metric: 'memory per connection',
    value: perConnectionKiB(result),
    unit: 'KiB',
    target: '< 40 KiB',
    met: perConnectionKiB(result) < 40,
  };
  return {
    name: 'connections',
    rows: [
      {
        scenario,
        metric: 'opened (worst run)',
        value: opened,
        unit: 'sockets',
        target: `${options.count}`,
        met: opened === options.count,
      },
      {
        scenario,
        metric: 'failed (refused, closed or not authenticated; worst run)',
        value: failed,
        unit: 'sockets',
        target: '0',
        met: failed === 0,
      },
      memory,
      ...again.map((run) => secondRun(memory, perConnectionKiB(run))),
      { scenario, metric: 'time to connect all', value: Math.round(result.connectMs), unit: 'ms' },
      {
        scenario,
        metric: 'dropped after heartbeats (worst run)',
        value: dropped,
        unit: 'sockets',
        target: '0',
        met: dropped === 0,
      },
    ],
    details: { options, runs },
  };
}
