import { describe, expect, it } from 'vitest';
import { HOUR_MS } from './chatRollup.js';
import { addToHeatmap, emptyHeatmap, heatmapCell, hourCells, hoursPerCell } from './heatmap.js';

const NEW_YORK = 'America/New_York';

describe('volume heatmap', () => {
  it('places a chat on the wall clock of the deployment, not in UTC', () => {
    // Monday 2026-03-02 03:30 UTC is Sunday 22:30 in New York and Monday 12:30 in Tokyo.
    const at = Date.UTC(2026, 2, 2, 3, 30);
    expect(heatmapCell(at, NEW_YORK)).toEqual({ weekday: 7, hour: 22 });
    expect(heatmapCell(at, 'Asia/Tokyo')).toEqual({ weekday: 1, hour: 12 });
    expect(heatmapCell(at, 'UTC')).toEqual({ weekday: 1, hour: 3 });
  });

  it('counts a chat that crosses midnight once, on the day it started', () => {
    const heatmap = emptyHeatmap();
    // Friday 23:50 in Berlin (22:50 UTC in winter).
    addToHeatmap(heatmap, Date.UTC(2026, 0, 9, 22, 50), 'Europe/Berlin');
    expect(heatmap[4]![23]).toBe(1);
    expect(heatmap.flat().reduce((a, b) => a + b)).toBe(1);
  });

  it('puts both real hours of the hour that repeats when clocks go back in its cell', () => {
    // New York, Sunday 2026-11-01: 01:00–02:00 happens twice (05:00 and 06:00 UTC).
    expect(heatmapCell(Date.UTC(2026, 10, 1, 5, 15), NEW_YORK)).toEqual({ weekday: 7, hour: 1 });
    expect(heatmapCell(Date.UTC(2026, 10, 1, 6, 15), NEW_YORK)).toEqual({ weekday: 7, hour: 1 });
    const hours = hoursPerCell(Date.UTC(2026, 10, 1, 4), Date.UTC(2026, 10, 2, 5), NEW_YORK);
    expect(hours[6]![1]).toBe(2);
    expect(hours[6]![2]).toBe(1);
    expect(hours[6]!.reduce((a, b) => a + b)).toBe(25);
  });

  it('leaves the hour skipped when clocks go forward empty', () => {
    // New York, Sunday 2026-03-08: 02:00–03:00 does not happen; 06:59 UTC is 01:59, 07:00 is 03:00.
    expect(heatmapCell(Date.UTC(2026, 2, 8, 6, 59), NEW_YORK)).toEqual({ weekday: 7, hour: 1 });
    expect(heatmapCell(Date.UTC(2026, 2, 8, 7, 0), NEW_YORK)).toEqual({ weekday: 7, hour: 3 });
    const hours = hoursPerCell(Date.UTC(2026, 2, 8, 5), Date.UTC(2026, 2, 9, 4), NEW_YORK);
    expect(hours[6]![2]).toBe(0);
    expect(hours[6]!.reduce((a, b) => a + b)).toBe(23);
  });

  it('refuses a time zone it does not know', () => {
    expect(() => heatmapCell(0, 'Mars/Olympus')).toThrow(/time zone/);
    expect(() => hourCells('Mars/Olympus', 0, HOUR_MS)).toThrow(/time zone/);
  });

  it('gives every hour of a year the cell luxon gives it, across each change of offset', () => {
    // Zones with two changes a year, half-hour offsets, a half-hour DST shift (Lord Howe) and
    // the southern hemisphere; from one UTC hour into the next year.
    const from = Date.UTC(2025, 11, 31, 7);
    const to = from + 400 * 24 * HOUR_MS;
    for (const zone of [
      NEW_YORK,
      'Europe/Berlin',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
      'America/Santiago',
      'UTC',
    ]) {
      const cellOf = hourCells(zone, from, to);
      const wrong: string[] = [];
      for (let at = from; at < to; at += HOUR_MS) {
        const [fast, slow] = [cellOf(at), heatmapCell(at, zone)];
        if (fast.weekday !== slow.weekday || fast.hour !== slow.hour)
          wrong.push(new Date(at).toISOString());
      }
      expect(wrong, zone).toEqual([]);
    }
  });
});
