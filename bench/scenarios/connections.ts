// Scenario 3, connections: opens up to N idle authenticated WebSockets against one node, each
// signed in as its own account (as N people would be), and reports memory per connection (server
// RSS delta) and the time to connect them all, with heartbeats running throughout. A socket
// counts as opened only once the server has authenticated it (its `hello` frame). The clients
// are spread over several generator processes, each connecting from its own loopback address,
// so neither a process's open-file limit nor one address's ephemeral ports bound the count; the
// server's own open-file limit does, and a run capped by it says so. The server is warmed up
// first with a little chat traffic; the run is repeated on a fresh server, so the memory
// figure's spread is seen.
import type {
  IdleSocketsChecked,
  IdleSocketsOpened,
  IdleSocketsStep,
} from '../load/idleSockets.js';
import { sqliteDatabase } from '../lib/databases.js';
import { createActiveChats, createUsers, openFixture, type ChatPair } from '../lib/fixtures.js';
import { openFileLimit, rssOf, startServer, startSteppedGenerator } from '../lib/processes.js';
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
  full: { count: 50_000, holdMs: 3000, heartbeatSeconds: 1, runs: 2, warmUp: warmUpSizes.full },
  quick: { count: 50, holdMs: 500, heartbeatSeconds: 1, runs: 1, warmUp: warmUpSizes.quick },
} satisfies Record<string, ConnectionsOptions>;

/** The chats that carry the warm-up traffic (their sockets close before the measurement). */
const WARM_UP_CHATS = 20;
/** Files a server or generator needs besides its sockets (database, logs, Redis, pipes). */
const OTHER_FILES = 1000;
/** Sockets per generator process at most (it also spreads the clients' work over the cores). */
const SOCKETS_PER_GENERATOR = 10_000;

interface ConnectionsRun {
  opened: number;
  failed: number;
  connectMs: number;
  serverRssBefore: number;
  serverRssConnected: number;
  /** Sockets still open after the hold (the server's heartbeats must not drop idle clients). */
  aliveAfterHold: number;
}

/** How many sockets one process (server or generator) may hold, or null when unbounded. */
function socketsPerProcess(): number | null {
  const limit = openFileLimit();
  return limit === null ? null : Math.max(1, limit - OTHER_FILES);
}

async function measure(
  serverEnv: Record<string, string>,
  tokens: string[],
  warmUpPairs: ChatPair[],
  options: ConnectionsOptions,
  perGenerator: number,
): Promise<ConnectionsRun> {
  const server = await startServer({
    ...serverEnv,
    HEARTBEAT_SECONDS: String(options.heartbeatSeconds),
  });
  const shares: string[][] = [];
  for (let i = 0; i < tokens.length; i += perGenerator)
    shares.push(tokens.slice(i, i + perGenerator));
  const generators = shares.map(() =>
    startSteppedGenerator<IdleSocketsStep, IdleSocketsOpened & IdleSocketsChecked>('idleSockets'),
  );
  try {
    await warmUpChats('switchboard', server.url, warmUpPairs, options.warmUp);
    // Let start-up and warm-up allocations settle before the "before" reading.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const serverRssBefore = rssOf(server.pid);
    const started = performance.now();
    const opened = await Promise.all(
      generators.map((generator, i) =>
        generator.ask({
          step: 'open',
          url: server.url,
          tokens: shares[i]!,
          // 127.0.0.2, .3, …: every loopback alias has ephemeral ports of its own.
          localAddress: `127.0.0.${2 + i}`,
          concurrency: Math.max(1, Math.round(200 / generators.length)),
        }),
      ),
    );
    const connectMs = performance.now() - started;
    // Let the server settle (allocation bursts, lazy structures) before reading its memory.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const serverRssConnected = rssOf(server.pid);
    await new Promise((resolve) => setTimeout(resolve, options.holdMs));
    const checked = await Promise.all(generators.map((g) => g.ask({ step: 'check' })));
    return {
      opened: opened.reduce((sum, r) => sum + r.opened, 0),
      failed: opened.reduce((sum, r) => sum + r.failed, 0),
      connectMs,
      serverRssBefore,
      serverRssConnected,
      aliveAfterHold: checked.reduce((sum, r) => sum + r.alive, 0),
    };
  } finally {
    await Promise.all(generators.map((g) => g.stop()));
    await server.stop();
  }
}

const perConnectionKiB = (result: ConnectionsRun) =>
  round(
    (result.serverRssConnected - result.serverRssBefore) / Math.max(1, result.opened) / 1024,
    1,
  );

export async function connectionsScenario(options: ConnectionsOptions): Promise<ScenarioResult> {
  // The server holds every socket: its open-file limit caps the run (the bench says so).
  const perProcess = socketsPerProcess();
  const count = perProcess === null ? options.count : Math.min(options.count, perProcess);
  const database = sqliteDatabase();
  const fixture = await openFixture(database.storeOptions);
  const tokens = (await createUsers(fixture, count, 'user')).map((u) => u.token);
  const warmUpPairs = await createActiveChats(fixture, WARM_UP_CHATS);
  await fixture.close();
  const runs: ConnectionsRun[] = [];
  try {
    for (let run = 0; run < options.runs; run++)
      runs.push(
        await measure(
          database.serverEnv,
          tokens,
          warmUpPairs,
          options,
          Math.min(SOCKETS_PER_GENERATOR, perProcess ?? count),
        ),
      );
  } finally {
    await database.drop();
  }
  const [result, ...again] = runs as [ConnectionsRun, ...ConnectionsRun[]];
  // Whether every socket opened and stayed is judged on the worst run.
  const opened = Math.min(...runs.map((r) => r.opened));
  const failed = Math.max(...runs.map((r) => r.failed));
  const dropped = Math.max(...runs.map((r) => r.opened - r.aliveAfterHold));
  const capped = count < options.count;
  const scenario = `connections, ${count} idle sockets`;
  const memory: Row = {
    scenario,
    metric: 'memory per connection',
    value: perConnectionKiB(result),
    unit: 'KiB',
    target: '< 10 KiB',
    met: perConnectionKiB(result) < 10,
  };
  return {
    name: 'connections',
    rows: [
      {
        scenario,
        metric: capped
          ? `opened (worst run; ${options.count} asked, capped by the open-file limit ${openFileLimit()})`
          : 'opened (worst run)',
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
    details: { options, count, openFileLimit: openFileLimit(), runs },
  };
}
