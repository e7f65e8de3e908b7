import { describe, expect, it } from 'vitest';
import { HOUR_MS } from './chatRollup.js';
import { DAY_MS, splitIntoUtcDays, utcDayOf } from './utcDays.js';

const day = Date.UTC(2026, 2, 28); // a Saturday before Europe's change to summer time
const at = (days: number, hours = 0) => day + days * DAY_MS + hours * HOUR_MS;

describe('splitIntoUtcDays', () => {
  it('keeps a range within one day as hours', () => {
    expect(splitIntoUtcDays({ from: at(0, 3), to: at(0, 17) })).toEqual({
      days: null,
      hours: [{ from: at(0, 3), to: at(0, 17) }],
    });
  });

  it('keeps a range across one midnight but holding no whole day as hours', () => {
    expect(splitIntoUtcDays({ from: at(0, 20), to: at(1, 5) })).toEqual({
      days: null,
      hours: [{ from: at(0, 20), to: at(1, 5) }],
    });
  });

  it('gives a range on exact day bounds as days only', () => {
    expect(splitIntoUtcDays({ from: at(0), to: at(1) })).toEqual({
      days: { from: at(0), to: at(1) },
      hours: [],
    });
    expect(splitIntoUtcDays({ from: at(-365), to: at(0) })).toEqual({
      days: { from: at(-365), to: at(0) },
      hours: [],
    });
  });

  it('sums the whole days inside and the partial days at both edges by the hour', () => {
    expect(splitIntoUtcDays({ from: at(0, 13), to: at(3, 2) })).toEqual({
      days: { from: at(1), to: at(3) },
      hours: [
        { from: at(0, 13), to: at(1) },
        { from: at(3), to: at(3, 2) },
      ],
    });
  });

  it('has one edge when the range starts or ends on a day bound', () => {
    expect(splitIntoUtcDays({ from: at(0), to: at(2, 6) })).toEqual({
      days: { from: at(0), to: at(2) },
      hours: [{ from: at(2), to: at(2, 6) }],
    });
    expect(splitIntoUtcDays({ from: at(0, 23), to: at(2) })).toEqual({
      days: { from: at(1), to: at(2) },
      hours: [{ from: at(0, 23), to: at(1) }],
    });
  });

  it('covers every hour of the range exactly once, days of 24 hours whatever the desk zone', () => {
    for (const [from, to] of [
      [at(0, 1), at(9, 23)],
      [at(-3, 22), at(1, 1)],
      [at(0), at(0, 1)],
    ] as const) {
      const { days, hours } = splitIntoUtcDays({ from, to });
      const spans = [...hours, ...(days ? [days] : [])].sort((a, b) => a.from - b.from);
      expect(spans[0]!.from).toBe(from);
      expect(spans.at(-1)!.to).toBe(to);
      for (let i = 1; i < spans.length; i++) expect(spans[i]!.from).toBe(spans[i - 1]!.to);
      if (days) expect((days.to - days.from) % DAY_MS).toBe(0);
    }
  });

  it('gives nothing for an empty range', () => {
    expect(splitIntoUtcDays({ from: at(1), to: at(1) })).toEqual({ days: null, hours: [] });
  });
});

describe('utcDayOf', () => {
  it('is the UTC midnight at or before, also before 1970', () => {
    expect(utcDayOf(at(0, 23) + 59_999)).toBe(at(0));
    expect(utcDayOf(at(0))).toBe(at(0));
    expect(utcDayOf(-HOUR_MS)).toBe(-DAY_MS);
  });
});
