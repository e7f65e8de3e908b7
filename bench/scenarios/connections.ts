// Scenario 3, connections: opens up to N idle authenticated WebSockets against one node, each
// signed in as its own account (as N people would be), and reports memory per connection (server
// RSS delta) and the time to connect them all, with heartbeats running throughout. A socket
// counts as opened only once the server has authenticated it (its `hello` frame).
import type { IdleSocketsInput, IdleSocketsResult } from '../load/idleSockets.js';
import { sqliteDatabase } from '../lib/databases.js';
import { createUsers, openFixture } from '../lib/fixtures.js';
import { runGenerator, startServer } from '../lib/processes.js';
import type { ScenarioResult } from '../lib/report.js';
import { round } from '../lib/stats.js';

export interface ConnectionsOptions {
  count: number;
  holdMs: number;
  heartbeatSeconds: number;
}

export const connectionsSizes = {
  full: { count: 10_000, holdMs: 3000, heartbeatSeconds: 1 },
  quick: { count: 50, holdMs: 500, heartbeatSeconds: 1 },
} satisfies Record<string, ConnectionsOptions>;

export async function connectionsScenario(options: ConnectionsOptions): Promise<ScenarioResult> {
  const database = sqliteDatabase();
  const fixture = await openFixture(database.storeOptions);
  const users = await createUsers(fixture, options.count, 'user');
  await fixture.close();
  const server = await startServer({
    ...database.serverEnv,
    HEARTBEAT_SECONDS: String(options.heartbeatSeconds),
  });
  let result: IdleSocketsResult;
  try {
    // Let start-up allocations settle before the "before" reading.
    await new Promise((resolve) => setTimeout(resolve, 500));
    result = await runGenerator<IdleSocketsInput, IdleSocketsResult>('idleSockets', {
      url: server.url,
      tokens: users.map((u) => u.token),
      count: options.count,
      concurrency: 200,
      holdMs: options.holdMs,
      serverPid: server.pid,
    });
  } finally {
    await server.stop();
    await database.drop();
  }
  const perConnectionKiB = round(
    (result.serverRssConnected - result.serverRssBefore) / Math.max(1, result.opened) / 1024,
    1,
  );
  const scenario = `connections, ${options.count} idle sockets`;
  return {
    name: 'connections',
    rows: [
      {
        scenario,
        metric: 'opened',
        value: result.opened,
        unit: 'sockets',
        target: `${options.count}`,
        met: result.opened === options.count,
      },
      {
        scenario,
        metric: 'failed (refused, closed or not authenticated)',
        value: result.failed,
        unit: 'sockets',
        target: '0',
        met: result.failed === 0,
      },
      {
        scenario,
        metric: 'memory per connection',
        value: perConnectionKiB,
        unit: 'KiB',
        target: '< 40 KiB',
        met: perConnectionKiB < 40,
      },
      { scenario, metric: 'time to connect all', value: Math.round(result.connectMs), unit: 'ms' },
      {
        scenario,
        metric: 'alive after heartbeats',
        value: result.aliveAfterHold,
        unit: 'sockets',
        target: `${result.opened}`,
        met: result.aliveAfterHold === result.opened,
      },
    ],
    details: { options, result },
  };
}
