// Scenario 5, HTTP: requests per second and p99 of two hot reads (the waiting queue, a
// 100-message history) with autocannon, beside a bare Fastify route serving the same bytes. Both
// servers are warmed up first; Switchboard's figures are taken twice, each on a fresh server.
import autocannon from 'autocannon';
import { sendMessage } from '../../src/services/messages/messageSender.js';
import { startSession } from '../../src/services/sessions/sessionStarter.js';
import { sqliteDatabase } from '../lib/databases.js';
import { createUsers, openFixture } from '../lib/fixtures.js';
import { freePort, startHelper, startServer } from '../lib/processes.js';
import { secondRun, type Row, type ScenarioResult } from '../lib/report.js';
import { ratio } from '../lib/stats.js';
import { warmUpHttp, warmUpSizes, type WarmUpOptions } from '../lib/warmUp.js';

export interface HttpOptions {
  durationSeconds: number;
  connections: number;
  waiting: number;
  /** Runs on Switchboard, each on a fresh server: 2 shows the spread. */
  runs: number;
  warmUp: WarmUpOptions;
}

export const httpSizes = {
  full: { durationSeconds: 2, connections: 10, waiting: 50, runs: 2, warmUp: warmUpSizes.full },
  quick: { durationSeconds: 1, connections: 2, waiting: 5, runs: 1, warmUp: warmUpSizes.quick },
} satisfies Record<string, HttpOptions>;

type Cannonade = Awaited<ReturnType<typeof cannon>>;

async function cannon(url: string, token: string | null, options: HttpOptions) {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.durationSeconds,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export async function httpScenario(options: HttpOptions): Promise<ScenarioResult> {
  const database = sqliteDatabase();
  const fixture = await openFixture(database.storeOptions);
  const [agent] = await createUsers(fixture, 1, 'admin');
  const customers = await createUsers(fixture, options.waiting, 'user');
  const sessions: string[] = [];
  for (const customer of customers) {
    sessions.push(
      (
        await startSession(fixture.ctx, {
          viewer: customer,
          subject: 'Help',
          priority: 'medium',
          message: 'Hi',
        })
      ).row.id,
    );
  }
  for (let i = 0; i < 150; i++) {
    await sendMessage(fixture.ctx, {
      viewer: customers[0]!,
      sessionId: sessions[0]!,
      text: `Message number ${i} with some text`,
    });
  }
  await fixture.close();

  const paths = {
    'waiting queue': '/api/v1/sessions?view=waiting',
    '100-message history': `/api/v1/sessions/${sessions[0]}/messages?limit=100`,
  };
  const tokens = { 'waiting queue': agent!.token, '100-message history': customers[0]!.token };
  const names = Object.keys(paths) as Array<keyof typeof paths>;
  // Switchboard's bodies, for the bare server to answer with the same bytes.
  const bodies: Record<string, string> = {};
  const runs: Array<Record<string, Cannonade>> = [];
  try {
    for (let run = 0; run < options.runs; run++) {
      const server = await startServer(database.serverEnv);
      const measured: Record<string, Cannonade> = {};
      try {
        for (const name of names) {
          const response = await fetch(server.url + paths[name], {
            headers: { authorization: `Bearer ${tokens[name]}` },
          });
          if (response.status !== 200) throw new Error(`${name}: HTTP ${response.status}`);
          bodies[paths[name].split('?')[0]!] = await response.text();
        }
        await warmUpHttp(
          names.map((name) => ({ url: server.url + paths[name], token: tokens[name] })),
          options.warmUp,
        );
        for (const name of names)
          measured[name] = await cannon(server.url + paths[name], tokens[name], options);
      } finally {
        await server.stop();
      }
      runs.push(measured);
    }
  } finally {
    await database.drop();
  }
  const port = await freePort();
  const bare = await startHelper('bareFastify', {
    PORT: String(port),
    BODIES: JSON.stringify(bodies),
  });
  const bareUrl = (name: keyof typeof paths) => `http://127.0.0.1:${port}${paths[name]}`;
  const measured: Record<string, { switchboard: Cannonade[]; bare: Cannonade }> = {};
  try {
    await warmUpHttp(
      names.map((name) => ({ url: bareUrl(name), token: null })),
      options.warmUp,
    );
    for (const name of names) {
      measured[name] = {
        switchboard: runs.map((run) => run[name]!),
        bare: await cannon(bareUrl(name), null, options),
      };
    }
  } finally {
    await bare.stop();
  }
  const rows: Row[] = Object.entries(measured).flatMap(([name, m]) => {
    const scenario = `HTTP ${name}`;
    const [first, ...again] = m.switchboard as [Cannonade, ...Cannonade[]];
    const failures = m.switchboard.reduce((sum, run) => sum + run.non2xx + run.errors, 0);
    const requests: Row = {
      scenario,
      metric: 'requests/s',
      value: first.requestsPerSecond,
      unit: 'req/s',
      baseline: m.bare.requestsPerSecond,
      ratio: ratio(first.requestsPerSecond, m.bare.requestsPerSecond),
    };
    return [
      requests,
      ...again.map((run) => secondRun(requests, run.requestsPerSecond)),
      { scenario, metric: 'p99', value: first.p99, unit: 'ms', baseline: m.bare.p99 },
      {
        scenario,
        metric: 'non-2xx + errors (every run)',
        value: failures,
        unit: '',
        target: '0',
        met: failures === 0,
      },
    ] satisfies Row[];
  });
  return { name: 'http', rows, details: { options, measured } };
}
