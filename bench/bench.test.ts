// Smoke test for the benchmark suite: every scenario runs end to end at its --quick size. No
// timing is asserted here (targets are reported by `npm run bench`), and nothing that depends on
// the machine's speed (on a loaded machine no rate may hold: 0 is a figure too), but what must
// hold whatever the speed does: every figure a number, nothing lost, each sustained-rate search
// ending on a well-formed interval, the routing backlog drained fairly with no invariant broken
// at any sample, every socket authenticated and kept.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { MachineInfo } from './lib/machine.js';
import type { RateSearchResult } from './lib/rateSearch.js';
import type { Row } from './lib/report.js';

// Generous: on a machine busy with other tests the quick run has taken 2.5 minutes, more with a
// rebuild of dist/ first; a time limit is a speed assertion too.
it('runs every scenario at quick size and reports a figure for each', { timeout: 480_000 }, () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-smoke-')), 'quick.json');
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/run.ts', '--quick', '--out', out],
    {
      encoding: 'utf8',
      timeout: 470_000,
    },
  );
  expect(run.status, run.stderr).toBe(0);
  const report = JSON.parse(fs.readFileSync(out, 'utf8')) as {
    rows: Row[];
    machine: MachineInfo;
    scenarios: Array<{ name: string; details: Record<string, unknown> }>;
  };
  expect(report.scenarios.map((s) => s.name)).toEqual([
    'delivery',
    'throughput',
    'connections',
    'routing',
    'http',
    'startup',
    'files',
  ]);
  const byMetric = (metric: string) => report.rows.filter((r) => r.metric.startsWith(metric));
  for (const row of report.rows)
    expect(Number.isFinite(row.value), `${row.scenario} ${row.metric}`).toBe(true);
  expect(byMetric('lost').every((r) => r.value === 0)).toBe(true);
  // Each search (Switchboard's, the durable relay's) ends on an interval: held below failed, or
  // no rate failed and held is the highest tried; nothing held is 0, never NaN.
  const throughput = report.scenarios.find((s) => s.name === 'throughput')!.details;
  const searches = ['sqlite', 'postgres']
    .map(
      (kind) =>
        throughput[kind] as
          { switchboard: RateSearchResult[]; relay: RateSearchResult } | undefined,
    )
    .flatMap((database) => (database ? [...database.switchboard, database.relay] : []));
  expect(searches.length).toBeGreaterThan(0);
  for (const search of searches) {
    expect(Number.isInteger(search.held) && search.held >= 0).toBe(true);
    if (search.failed === null)
      expect(search.held).toBe(Math.max(...search.tries.map((t) => t.rate)));
    else expect(search.held).toBeLessThan(search.failed);
  }
  expect(byMetric('msgs/s held').length).toBeGreaterThan(0);
  // Headline figures run twice somewhere even at quick size (start-up), compared with the first.
  expect(report.rows.some((r) => r.stable !== undefined)).toBe(true);
  // Routing drained the whole backlog (the generator fails otherwise), never over anyone's max.
  expect(byMetric('time to drain all').length).toBeGreaterThan(0);
  expect(byMetric('load violations, sampled').every((r) => r.value === 0)).toBe(true);
  expect(byMetric('invariant violations at the end').every((r) => r.value === 0)).toBe(true);
  expect(byMetric('fairness spread').every((r) => r.value <= 1)).toBe(true);
  expect(byMetric('opened')[0]).toMatchObject({ met: true });
  expect(byMetric('failed')[0]).toMatchObject({ value: 0 });
  expect(byMetric('dropped after heartbeats')[0]).toMatchObject({ value: 0 });
  // Every file uploaded and read back whole; the memory while they arrive measured on each database.
  expect(byMetric('failed uploads and downloads').every((r) => r.value === 0)).toBe(true);
  expect(byMetric('server RSS growth').length).toBeGreaterThan(0);
  expect(report.machine.disk.fsyncsPerSecond).toBeGreaterThan(0);
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
});
