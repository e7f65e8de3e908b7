// Scenario 1, delivery latency: open chats with a customer and an agent socket each; customers
// send at a fixed total rate; latency is customer send → agent receipt (stored first). The same
// traffic through a bare ws relay in the same run gives the ratio. A message not delivered
// within the generator's drain time counts in the percentiles with the time it waited (and as
// lost), so a loss can never make the figures look better.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChatLoadInput, ChatLoadResult } from '../load/chatLoad.js';
import { createActiveChats, openFixture } from '../lib/fixtures.js';
import { freePort, runGenerator, startHelper, startServer } from '../lib/processes.js';
import type { Row, ScenarioResult } from '../lib/report.js';
import { ratio } from '../lib/stats.js';

export interface DeliveryOptions {
  chats: number;
  rates: number[];
  durationMs: number;
  warmupMs: number;
}

export const deliverySizes = {
  full: { chats: 1000, rates: [500, 2000], durationMs: 5000, warmupMs: 1000 },
  quick: { chats: 20, rates: [100], durationMs: 1500, warmupMs: 300 },
} satisfies Record<string, DeliveryOptions>;

export async function deliveryScenario(options: DeliveryOptions): Promise<ScenarioResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-delivery-'));
  const fixture = await openFixture({ sqliteFile: path.join(dataDir, 'switchboard.sqlite') });
  const pairs = await createActiveChats(fixture, options.chats);
  await fixture.close();

  const load = (target: ChatLoadInput['target'], url: string, ratePerSecond: number) =>
    runGenerator<ChatLoadInput, ChatLoadResult>('chatLoad', {
      target,
      url,
      pairs,
      ratePerSecond,
      durationMs: options.durationMs,
      warmupMs: options.warmupMs,
    });

  const switchboard: Record<number, ChatLoadResult> = {};
  const server = await startServer({ DATA_DIR: dataDir });
  try {
    for (const rate of options.rates)
      switchboard[rate] = await load('switchboard', server.url, rate);
  } finally {
    await server.stop();
  }
  const raw: Record<number, ChatLoadResult> = {};
  const port = await freePort();
  const relay = await startHelper('rawRelay', { PORT: String(port) });
  try {
    for (const rate of options.rates) raw[rate] = await load('raw', `ws://127.0.0.1:${port}`, rate);
  } finally {
    await relay.stop();
  }
  fs.rmSync(dataDir, { recursive: true, force: true });

  const rows: Row[] = [];
  for (const rate of options.rates) {
    const sb = switchboard[rate]!.delivery;
    const base = raw[rate]!.delivery;
    const scenario = `delivery @ ${rate}/s, ${options.chats} chats`;
    const atTarget = rate === 2000;
    rows.push(
      {
        scenario,
        metric: 'p50',
        value: sb.p50,
        unit: 'ms',
        baseline: base.p50,
        ratio: ratio(sb.p50, base.p50),
        ...(atTarget && { target: '≤ 3x raw', met: sb.p50 <= 3 * base.p50 }),
      },
      {
        scenario,
        metric: 'p99',
        value: sb.p99,
        unit: 'ms',
        baseline: base.p99,
        ratio: ratio(sb.p99, base.p99),
        ...(atTarget && { target: '< 25 ms', met: sb.p99 < 25 }),
      },
      {
        scenario,
        metric: 'p99.9',
        value: sb.p999,
        unit: 'ms',
        baseline: base.p999,
        ratio: ratio(sb.p999, base.p999),
      },
      {
        scenario,
        metric: 'max',
        value: sb.max,
        unit: 'ms',
        baseline: base.max,
        ratio: ratio(sb.max, base.max),
      },
      {
        scenario,
        metric: 'ack p99 (stored, answered to the sender)',
        value: switchboard[rate]!.ack.p99,
        unit: 'ms',
        baseline: raw[rate]!.ack.p99,
        ratio: ratio(switchboard[rate]!.ack.p99, raw[rate]!.ack.p99),
      },
      {
        scenario,
        metric: 'lost',
        value: switchboard[rate]!.lost,
        unit: 'msgs',
        target: '0',
        met: switchboard[rate]!.lost === 0,
      },
    );
  }
  return { name: 'delivery', rows, details: { options, switchboard, raw } };
}
