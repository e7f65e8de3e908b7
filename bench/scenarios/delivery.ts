// Scenario 1, delivery latency: open chats with a customer and an agent socket each; customers
// send at a fixed total rate; latency is customer send → agent receipt (stored first). The same
// traffic in the same run through two baselines gives the ratios: a bare ws relay (the frame
// work alone) and the durable relay (the same, committing each message to SQLite first, as
// Switchboard must), so the second ratio leaves out the disk's own fsync tail. Every server is
// warmed up first; the top rate runs twice on Switchboard (fresh servers) to show its spread. A
// message not delivered within the generator's drain time counts in the percentiles with the
// time it waited (and as lost), so a loss can never make the figures look better.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChatLoadInput, ChatLoadResult } from '../load/chatLoad.js';
import { createActiveChats, openFixture, type ChatPair } from '../lib/fixtures.js';
import { runGenerator, startServer } from '../lib/processes.js';
import { startBareRelay, startDurableRelay, type Relay } from '../lib/relays.js';
import { secondRun, type Row, type ScenarioResult } from '../lib/report.js';
import { ratio } from '../lib/stats.js';
import { warmUpChats, warmUpSizes, type WarmUpOptions } from '../lib/warmUp.js';

export interface DeliveryOptions {
  chats: number;
  rates: number[];
  durationMs: number;
  /** The first part of each run, not measured (its sockets just opened). */
  warmupMs: number;
  /** Runs of the top rate on Switchboard, each on a fresh server: 2 shows the spread. */
  runs: number;
  warmUp: WarmUpOptions;
}

export const deliverySizes = {
  full: {
    chats: 1000,
    rates: [500, 2000],
    durationMs: 5000,
    warmupMs: 1000,
    runs: 2,
    warmUp: warmUpSizes.full,
  },
  quick: {
    chats: 20,
    rates: [100],
    durationMs: 1500,
    warmupMs: 300,
    runs: 1,
    warmUp: warmUpSizes.quick,
  },
} satisfies Record<string, DeliveryOptions>;

/** Starts a server (Switchboard or a relay), warms it up, and runs each rate against it. */
async function measure(
  target: ChatLoadInput['target'],
  start: () => Promise<Relay>,
  pairs: ChatPair[],
  rates: number[],
  options: DeliveryOptions,
): Promise<Record<number, ChatLoadResult>> {
  const server = await start();
  const results: Record<number, ChatLoadResult> = {};
  try {
    await warmUpChats(target, server.url, pairs, options.warmUp);
    for (const rate of rates) {
      results[rate] = await runGenerator<ChatLoadInput, ChatLoadResult>('chatLoad', {
        target,
        url: server.url,
        pairs,
        ratePerSecond: rate,
        durationMs: options.durationMs,
        warmupMs: options.warmupMs,
      });
    }
  } finally {
    await server.stop();
  }
  return results;
}

export async function deliveryScenario(options: DeliveryOptions): Promise<ScenarioResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-delivery-'));
  const fixture = await openFixture({ sqliteFile: path.join(dataDir, 'switchboard.sqlite') });
  const pairs = await createActiveChats(fixture, options.chats);
  await fixture.close();

  const switchboard = () => startServer({ DATA_DIR: dataDir });
  const top = Math.max(...options.rates);
  const runs = [await measure('switchboard', switchboard, pairs, options.rates, options)];
  for (let run = 1; run < options.runs; run++)
    runs.push(await measure('switchboard', switchboard, pairs, [top], options));
  const raw = await measure('raw', startBareRelay, pairs, options.rates, options);
  const durable = await measure(
    'raw',
    () => startDurableRelay({ sqliteFile: path.join(dataDir, 'relay.sqlite') }),
    pairs,
    options.rates,
    options,
  );
  fs.rmSync(dataDir, { recursive: true, force: true });

  const rows: Row[] = [];
  const [first, ...again] = runs as [Record<number, ChatLoadResult>, ...typeof runs];
  for (const rate of options.rates) {
    const scenario = `delivery @ ${rate}/s, ${options.chats} chats`;
    const atTarget = rate === 2000;
    /** Switchboard's figure beside both relays'. */
    const compared = (metric: string, pick: (r: ChatLoadResult) => number): Row => {
      const [value, bare, stored] = [first[rate]!, raw[rate]!, durable[rate]!].map(pick) as [
        number,
        number,
        number,
      ];
      return {
        scenario,
        metric,
        value,
        unit: 'ms',
        baseline: bare,
        ratio: ratio(value, bare),
        durableBaseline: stored,
        durableRatio: ratio(value, stored),
      };
    };
    const lost = runs.reduce((sum, run) => sum + (run[rate]?.lost ?? 0), 0);
    const p50 = compared('p50', (r) => r.delivery.p50);
    const p99 = compared('p99', (r) => r.delivery.p99);
    rows.push(
      { ...p50, ...(atTarget && { target: '≤ 3x raw', met: p50.value <= 3 * p50.baseline! }) },
      { ...p99, ...(atTarget && { target: '< 25 ms', met: p99.value < 25 }) },
      ...(rate === top ? again.map((run) => secondRun(p99, run[rate]!.delivery.p99)) : []),
      compared('p99.9', (r) => r.delivery.p999),
      compared('max', (r) => r.delivery.max),
      compared('ack p99 (stored, answered to the sender)', (r) => r.ack.p99),
      {
        scenario,
        metric: 'lost (every run)',
        value: lost,
        unit: 'msgs',
        target: '0',
        met: lost === 0,
      },
    );
  }
  return { name: 'delivery', rows, details: { options, switchboard: runs, raw, durable } };
}
