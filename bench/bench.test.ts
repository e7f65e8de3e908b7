// Smoke test for the benchmark suite: every scenario runs end to end at its --quick size. No
// timing is asserted here (targets are reported by `npm run bench`), but what must hold whatever
// the speed does: nothing lost, the routing backlog drained fairly with no invariant broken at
// any sample, every socket authenticated and kept.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { Row } from './lib/report.js';

it('runs every scenario at quick size and reports a figure for each', { timeout: 240_000 }, () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-smoke-')), 'quick.json');
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/run.ts', '--quick', '--out', out],
    {
      encoding: 'utf8',
      timeout: 230_000,
    },
  );
  expect(run.status, run.stderr).toBe(0);
  const report = JSON.parse(fs.readFileSync(out, 'utf8')) as {
    rows: Row[];
    scenarios: Array<{ name: string }>;
  };
  expect(report.scenarios.map((s) => s.name)).toEqual([
    'delivery',
    'throughput',
    'connections',
    'routing',
    'http',
    'startup',
  ]);
  const byMetric = (metric: string) => report.rows.filter((r) => r.metric.startsWith(metric));
  for (const row of report.rows)
    expect(Number.isFinite(row.value), `${row.scenario} ${row.metric}`).toBe(true);
  expect(byMetric('lost').every((r) => r.value === 0)).toBe(true);
  // Routing drained the whole backlog (the generator fails otherwise), never over anyone's max.
  expect(byMetric('time to drain all').length).toBeGreaterThan(0);
  expect(byMetric('load violations, sampled').every((r) => r.value === 0)).toBe(true);
  expect(byMetric('invariant violations at the end').every((r) => r.value === 0)).toBe(true);
  expect(byMetric('fairness spread').every((r) => r.value <= 1)).toBe(true);
  expect(byMetric('opened')[0]).toMatchObject({ met: true });
  expect(byMetric('failed')[0]).toMatchObject({ value: 0 });
  expect(byMetric('alive after heartbeats')[0]).toMatchObject({ met: true });
  expect(
    report.rows.filter((r) => r.metric.startsWith('msgs/s held')).every((r) => r.value > 0),
  ).toBe(true);
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
});
