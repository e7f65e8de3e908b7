// Scenario 5, HTTP: requests per second and p99 of two hot reads (the waiting queue, a
// 100-message history) with autocannon, beside a bare Fastify route serving the same bytes.
import autocannon from 'autocannon';
import { sendMessage } from '../../src/services/messages/messageSender.js';
import { startSession } from '../../src/services/sessions/sessionStarter.js';
import { sqliteDatabase } from '../lib/databases.js';
import { createUsers, openFixture } from '../lib/fixtures.js';
import { freePort, startHelper, startServer } from '../lib/processes.js';
import type { Row, ScenarioResult } from '../lib/report.js';
import { ratio } from '../lib/stats.js';

export interface HttpOptions {
  durationSeconds: number;
  connections: number;
  waiting: number;
}

export const httpSizes = {
  full: { durationSeconds: 2, connections: 10, waiting: 50 },
  quick: { durationSeconds: 1, connections: 2, waiting: 5 },
} satisfies Record<string, HttpOptions>;

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
  const measured: Record<
    string,
    { switchboard: Awaited<ReturnType<typeof cannon>>; bare: Awaited<ReturnType<typeof cannon>> }
  > = {};
  const bodies: Record<string, string> = {};
  const server = await startServer(database.serverEnv);
  const switchboard: Record<string, Awaited<ReturnType<typeof cannon>>> = {};
  try {
    for (const [name, path] of Object.entries(paths)) {
      const token = tokens[name as keyof typeof tokens];
      const response = await fetch(server.url + path, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.status !== 200) throw new Error(`${name}: HTTP ${response.status}`);
      bodies[path.split('?')[0]!] = await response.text();
      switchboard[name] = await cannon(server.url + path, token, options);
    }
  } finally {
    await server.stop();
    await database.drop();
  }
  const port = await freePort();
  const bare = await startHelper('bareFastify', {
    PORT: String(port),
    BODIES: JSON.stringify(bodies),
  });
  try {
    for (const [name, path] of Object.entries(paths)) {
      measured[name] = {
        switchboard: switchboard[name]!,
        bare: await cannon(`http://127.0.0.1:${port}${path}`, null, options),
      };
    }
  } finally {
    await bare.stop();
  }
  const rows: Row[] = Object.entries(measured).flatMap(([name, m]) => {
    const scenario = `HTTP ${name}`;
    return [
      {
        scenario,
        metric: 'requests/s',
        value: m.switchboard.requestsPerSecond,
        unit: 'req/s',
        baseline: m.bare.requestsPerSecond,
        ratio: ratio(m.switchboard.requestsPerSecond, m.bare.requestsPerSecond),
      },
      { scenario, metric: 'p99', value: m.switchboard.p99, unit: 'ms', baseline: m.bare.p99 },
      {
        scenario,
        metric: 'non-2xx + errors',
        value: m.switchboard.non2xx + m.switchboard.errors,
        unit: '',
        target: '0',
        met: m.switchboard.non2xx + m.switchboard.errors === 0,
      },
    ] satisfies Row[];
  });
  return { name: 'http', rows, details: { options, measured } };
}
