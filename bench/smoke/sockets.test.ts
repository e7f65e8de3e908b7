// Connections, HTTP and start-up at quick size: every socket authenticated and kept through the
// heartbeats, no failed request, and start-up measured twice.
import { expect, it } from 'vitest';
import { QUICK_TIMEOUT_MS, runQuick } from './quickRun.js';

it('runs connections, http and startup at quick size', { timeout: QUICK_TIMEOUT_MS }, () => {
  const report = runQuick('sockets');
  expect(report.byMetric('opened')[0]).toMatchObject({ met: true });
  expect(report.byMetric('failed')[0]).toMatchObject({ value: 0 });
  expect(report.byMetric('dropped after heartbeats')[0]).toMatchObject({ value: 0 });
  const httpErrors = report.byMetric('non-2xx + errors');
  expect(httpErrors.length).toBeGreaterThan(0);
  expect(httpErrors.every((r) => r.value === 0)).toBe(true);
  // Headline figures run twice even at quick size (start-up), compared with the first.
  expect(report.rows.some((r) => r.stable !== undefined)).toBe(true);
});
