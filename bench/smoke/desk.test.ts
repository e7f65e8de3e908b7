// Routing and files at quick size: the routing backlog drained fairly with no invariant broken at
// any sample, and every file uploaded and read back whole.
import { expect, it } from 'vitest';
import { QUICK_TIMEOUT_MS, runQuick } from './quickRun.js';

it('runs routing and files at quick size', { timeout: QUICK_TIMEOUT_MS }, () => {
  const report = runQuick('desk');
  // Routing drained the whole backlog (the generator fails otherwise), never over anyone's max.
  expect(report.byMetric('time to drain all').length).toBeGreaterThan(0);
  expect(report.byMetric('load violations, sampled').every((r) => r.value === 0)).toBe(true);
  expect(report.byMetric('invariant violations at the end').every((r) => r.value === 0)).toBe(true);
  expect(report.byMetric('fairness spread').every((r) => r.value <= 1)).toBe(true);
  const failedFiles = report.byMetric('failed uploads and downloads');
  expect(failedFiles.length).toBeGreaterThan(0);
  expect(failedFiles.every((r) => r.value === 0)).toBe(true);
  expect(report.byMetric('server RSS growth').length).toBeGreaterThan(0);
});
