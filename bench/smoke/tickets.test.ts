// The tickets scenario at quick size: the desk is generated, and every figure (inbox list, search,
// creation, each beside its raw baseline) comes out on each database that answered.
import { expect, it } from 'vitest';
import { QUICK_TIMEOUT_MS, runQuick } from './quickRun.js';

it('runs the tickets scenario at quick size', { timeout: QUICK_TIMEOUT_MS }, () => {
  const report = runQuick('tickets');
  const list = report.byMetric('inbox list');
  expect(list.length).toBeGreaterThanOrEqual(4);
  expect(report.byMetric('ticket search').length).toBeGreaterThanOrEqual(2);
  const creation = report.byMetric('ticket creation');
  expect(creation.length).toBeGreaterThanOrEqual(1);
  for (const row of [...list, ...creation]) expect(row.baseline).toBeGreaterThan(0);
});
