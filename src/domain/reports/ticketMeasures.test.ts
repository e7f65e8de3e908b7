import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  achievement,
  backlogByDay,
  backlogStep,
  isReopen,
  summarizeDurations,
  summaryRanks,
  exactSummary,
} from './ticketMeasures.js';

const at = (iso: string, zone = 'Europe/London') => DateTime.fromISO(iso, { zone }).toMillis();

describe('backlog steps', () => {
  it('counts a ticket out when it is solved or closed, and back in when it is reopened', () => {
    expect(backlogStep('open', 'solved')).toBe(-1);
    expect(backlogStep('pending', 'closed')).toBe(-1);
    expect(backlogStep('solved', 'open')).toBe(1);
    expect(backlogStep('new', 'open')).toBe(0);
    expect(backlogStep('open', 'pending')).toBe(0);
    expect(backlogStep('solved', 'closed')).toBe(0);
    expect(isReopen('solved', 'open')).toBe(true);
    expect(isReopen('open', 'pending')).toBe(false);
  });
});

describe('duration summaries', () => {
  it('gives exact nearest-rank figures', () => {
    expect(summarizeDurations([])).toEqual({ count: 0, meanMs: null, medianMs: null, p90Ms: null });
    const tenths = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5].map((n) => n * 1000);
    expect(summarizeDurations(tenths)).toEqual({
      count: 10,
      meanMs: 5500,
      medianMs: 5000,
      p90Ms: 9000,
    });
    expect(summarizeDurations([42])).toEqual({ count: 1, meanMs: 42, medianMs: 42, p90Ms: 42 });
  });

  it('needs only the durations at the median and 90th percentile ranks', () => {
    expect(summaryRanks(0)).toEqual([]);
    expect(summaryRanks(1)).toEqual([1]);
    expect(summaryRanks(10)).toEqual([5, 9]);
    expect(summaryRanks(3)).toEqual([2, 3]);
    const atRank = new Map([
      [5, 5000],
      [9, 9000],
    ]);
    expect(exactSummary(10, 55_000, atRank)).toEqual({
      count: 10,
      meanMs: 5500,
      medianMs: 5000,
      p90Ms: 9000,
    });
    expect(() => exactSummary(10, 55_000, new Map([[5, 5000]]))).toThrow(/rank 9/);
  });
});

describe('backlog by day', () => {
  const zone = 'Europe/London';

  it('undoes the flows after each day end, a flow at midnight belonging to the next day', () => {
    const range = { from: at('2026-03-01T00:00'), to: at('2026-03-04T00:00') };
    const now = at('2026-03-05T12:00');
    const flows = [
      { at: at('2026-03-01T10:00'), delta: 1 }, // created on day 1
      { at: at('2026-03-02T00:00'), delta: 1 }, // created at day 2's first instant
      { at: at('2026-03-03T09:00'), delta: -1 }, // solved on day 3
      { at: at('2026-03-05T08:00'), delta: 1 }, // after the range, before now
    ];
    // Backlog now 5: before the range there were 5 - 1 - 1 + 1 - 1 = 3.
    expect(backlogByDay(5, now, flows, range, zone)).toEqual([
      { date: '2026-03-01', backlog: 4 },
      { date: '2026-03-02', backlog: 5 },
      { date: '2026-03-03', backlog: 4 },
    ]);
  });

  it('follows the desk’s days across a change of clocks, and leaves out a day not ended yet', () => {
    // Clocks go forward on 29 March 2026 in London: that day has 23 hours.
    const range = { from: at('2026-03-28T00:00'), to: at('2026-04-01T00:00') };
    const now = at('2026-03-30T06:00');
    const flows = [
      { at: at('2026-03-29T23:30'), delta: -1 },
      { at: at('2026-03-30T00:30'), delta: 1 },
    ];
    expect(backlogByDay(2, now, flows, range, zone)).toEqual([
      { date: '2026-03-28', backlog: 2 },
      { date: '2026-03-29', backlog: 1 },
    ]);
  });

  it('reads days in the desk’s zone, not UTC', () => {
    const tokyo = 'Asia/Tokyo';
    const range = { from: at('2026-04-30T00:00', tokyo), to: at('2026-05-02T00:00', tokyo) };
    const now = at('2026-05-03T00:00', tokyo);
    // 23:00 UTC on 30 April is 08:00 on 1 May in Tokyo.
    const flows = [{ at: Date.UTC(2026, 3, 30, 23), delta: 1 }];
    expect(backlogByDay(1, now, flows, range, tokyo)).toEqual([
      { date: '2026-04-30', backlog: 0 },
      { date: '2026-05-01', backlog: 1 },
    ]);
    expect(backlogByDay(1, now, flows, range, 'UTC')).toEqual([
      { date: '2026-04-29', backlog: 0 },
      { date: '2026-04-30', backlog: 1 },
    ]);
  });
});

describe('achievement', () => {
  it('is the share of achieved among decided targets', () => {
    expect(achievement(3, 1)).toBe(0.75);
    expect(achievement(0, 0)).toBeNull();
  });
});
