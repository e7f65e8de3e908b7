import { describe, expect, it } from 'vitest';
import { boundOf, isTimeZone } from './deskTime.js';

describe('the desk’s wall clock', () => {
  it('knows IANA zone names and nothing else', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('reads a date as a whole local day, the `to` day included', () => {
    expect(boundOf('2026-01-10', 'from', 'UTC')).toBe(Date.UTC(2026, 0, 10));
    expect(boundOf('2026-01-10', 'to', 'UTC')).toBe(Date.UTC(2026, 0, 11));
    // Winter in Berlin is UTC+1.
    expect(boundOf('2026-01-10', 'from', 'Europe/Berlin')).toBe(Date.UTC(2026, 0, 9, 23));
  });

  it('makes the day clocks go forward 23 hours long', () => {
    const from = boundOf('2026-03-29', 'from', 'Europe/Berlin');
    const to = boundOf('2026-03-29', 'to', 'Europe/Berlin');
    expect(from).toBe(Date.UTC(2026, 2, 28, 23));
    expect((to - from) / 3_600_000).toBe(23);
  });

  it('leaves an ISO time as it is', () => {
    expect(boundOf('2026-01-10T05:00:00+02:00', 'from', 'Europe/Berlin')).toBe(
      Date.UTC(2026, 0, 10, 3),
    );
  });
});
