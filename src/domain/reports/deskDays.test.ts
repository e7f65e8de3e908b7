import { describe, expect, it } from 'vitest';
import { HOUR_MS } from './chatRollup.js';
import { dailySeries, deskDateOf, deskDays } from './deskDays.js';
import { binOf, representativeMs } from './histogram.js';

const BERLIN = 'Europe/Berlin';

describe('desk days', () => {
  it('cuts a range into local days, 23 hours when clocks go forward and 25 when they go back', () => {
    // Berlin, 2026: clocks go forward on Sunday 29 March, back on Sunday 25 October.
    const spring = deskDays(Date.UTC(2026, 2, 27, 23), Date.UTC(2026, 2, 30, 22), BERLIN);
    expect(spring.map((d) => [d.date, (d.to - d.from) / HOUR_MS])).toEqual([
      ['2026-03-28', 24],
      ['2026-03-29', 23],
      ['2026-03-30', 24],
    ]);
    const autumn = deskDays(Date.UTC(2026, 9, 24, 22), Date.UTC(2026, 9, 25, 23), BERLIN);
    expect(autumn.map((d) => [d.date, (d.to - d.from) / HOUR_MS])).toEqual([['2026-10-25', 25]]);
  });

  it('keeps a range that starts or ends inside a day to its own hours', () => {
    const days = deskDays(Date.UTC(2026, 0, 5, 10), Date.UTC(2026, 0, 6, 3), 'UTC');
    expect(days).toEqual([
      { date: '2026-01-05', from: Date.UTC(2026, 0, 5, 10), to: Date.UTC(2026, 0, 6) },
      { date: '2026-01-06', from: Date.UTC(2026, 0, 6), to: Date.UTC(2026, 0, 6, 3) },
    ]);
  });

  it('puts an hour on the date of the desk, not of UTC', () => {
    // 23:00 UTC on Monday 5 January is already Tuesday in Berlin, still Monday in New York.
    expect(deskDateOf(Date.UTC(2026, 0, 5, 23), BERLIN)).toBe('2026-01-06');
    expect(deskDateOf(Date.UTC(2026, 0, 5, 23), 'America/New_York')).toBe('2026-01-05');
    expect(() => deskDateOf(0, 'Mars/Olympus')).toThrow(/time zone/);
  });
});

describe('chats per day', () => {
  it('sums hours into their local day, with every day present and the median wait from bins', () => {
    const from = Date.UTC(2026, 2, 27, 23); // Saturday 28 March, 00:00 in Berlin
    const to = Date.UTC(2026, 2, 30, 22); // Tuesday 31 March, 00:00
    const series = dailySeries(
      [
        // Saturday 23:00 local (22:00 UTC): Saturday's.
        { hourStart: Date.UTC(2026, 2, 28, 22), chats: 2, waitBins: new Map([[binOf(30_000), 2]]) },
        // Sunday 00:00 and 23:00 local, both on the short day.
        { hourStart: Date.UTC(2026, 2, 28, 23), chats: 1, waitBins: new Map([[binOf(10_000), 1]]) },
        {
          hourStart: Date.UTC(2026, 2, 29, 21),
          chats: 3,
          waitBins: new Map([
            [binOf(10_000), 1],
            [binOf(120_000), 1],
          ]),
        },
        // Outside the range: left out.
        { hourStart: Date.UTC(2026, 3, 2, 10), chats: 9, waitBins: new Map() },
      ],
      from,
      to,
      BERLIN,
    );
    expect(series).toEqual([
      {
        date: '2026-03-28',
        hours: 24,
        chats: 2,
        waited: 2,
        waitMedianMs: representativeMs(binOf(30_000)),
      },
      {
        date: '2026-03-29',
        hours: 23,
        chats: 4,
        waited: 3,
        waitMedianMs: representativeMs(binOf(10_000)),
      },
      { date: '2026-03-30', hours: 24, chats: 0, waited: 0, waitMedianMs: null },
    ]);
  });

  it('gives the day clocks go back its 25 hours', () => {
    const series = dailySeries([], Date.UTC(2026, 9, 24, 22), Date.UTC(2026, 9, 25, 23), BERLIN);
    expect(series).toEqual([
      { date: '2026-10-25', hours: 25, chats: 0, waited: 0, waitMedianMs: null },
    ]);
  });
});
