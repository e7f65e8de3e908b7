// Delivery and throughput at quick size: nothing lost, and each sustained-rate search ends on a
// well-formed interval.
import { expect, it } from 'vitest';
import type { RateSearchResult } from '../lib/rateSearch.js';
import { QUICK_TIMEOUT_MS, runQuick } from './quickRun.js';

it('runs delivery and throughput at quick size', { timeout: QUICK_TIMEOUT_MS }, () => {
  const report = runQuick('messaging');
  const lost = report.byMetric('lost');
  expect(lost.length).toBeGreaterThan(0);
  expect(lost.every((r) => r.value === 0)).toBe(true);
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
  expect(report.byMetric('msgs/s held').length).toBeGreaterThan(0);
});
