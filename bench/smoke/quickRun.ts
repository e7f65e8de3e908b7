// The benchmark's smoke test, in three files so that the test runner spreads them over its
// workers: each runs its group of scenarios at --quick size in a child process (what
// `npm run bench -- --quick --only=…` runs) and checks what must hold whatever the speed. No
// timing is asserted (targets are reported by `npm run bench`): on a loaded machine no rate may
// hold, and 0 is a figure too.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { MachineInfo } from '../lib/machine.js';
import type { Row } from '../lib/report.js';

/** Every scenario in one of the smoke files (`groups.test.ts` checks none is left out). */
export const SMOKE_GROUPS = {
  messaging: ['delivery', 'throughput'],
  sockets: ['connections', 'http', 'startup'],
  desk: ['routing', 'files'],
  tickets: ['tickets'],
  helpdesk: ['helpdesk'],
  reports: ['reports'],
} as const;

export interface QuickReport {
  rows: Row[];
  machine: MachineInfo;
  scenarios: Array<{ name: string; details: Record<string, unknown> }>;
  /** Rows whose metric starts with `metric`. */
  byMetric(metric: string): Row[];
}

/** Generous: on a machine busy with other tests a quick run has taken minutes (a time limit is a speed assertion too). */
export const QUICK_TIMEOUT_MS = 420_000;

export function runQuick(group: keyof typeof SMOKE_GROUPS): QuickReport {
  const names = SMOKE_GROUPS[group];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sb-bench-smoke-${group}-`));
  const out = path.join(dir, 'quick.json');
  try {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'bench/run.ts', '--quick', `--only=${names.join(',')}`, '--out', out],
      { encoding: 'utf8', timeout: QUICK_TIMEOUT_MS - 10_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(fs.readFileSync(out, 'utf8')) as Omit<QuickReport, 'byMetric'>;
    expect(report.scenarios.map((s) => s.name)).toEqual(names);
    for (const row of report.rows)
      expect(Number.isFinite(row.value), `${row.scenario} ${row.metric}`).toBe(true);
    expect(report.machine.disk.fsyncsPerSecond).toBeGreaterThan(0);
    return {
      ...report,
      byMetric: (metric) => report.rows.filter((r) => r.metric.startsWith(metric)),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
