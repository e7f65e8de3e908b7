// Chat volume by weekday and hour of the day in the deployment's time zone. A chat counts in the
// cell of its start, so one that crosses midnight counts once, on the day it began. Wall-clock
// hours are what people read, so on the night clocks go back the repeated hour's cell gets both
// real hours, and on the night they go forward the skipped hour's cell gets none; hoursPerCell
// says how many real hours each cell spans in a range, for a rate per hour that stays fair.
import { DateTime } from 'luxon';

/** ISO weekday, 1 = Monday … 7 = Sunday, and hour 0–23, on the wall clock of `zone`. */
export interface HeatmapCell {
  weekday: number;
  hour: number;
}

/** 7 rows (Monday first) of 24 hours each. */
export type Heatmap = number[][];

export const emptyHeatmap = (): Heatmap =>
  Array.from({ length: 7 }, () => new Array<number>(24).fill(0));

/** The cell an instant falls in; throws for a time zone luxon does not know. */
export function heatmapCell(at: number, zone: string): HeatmapCell {
  const local = DateTime.fromMillis(at, { zone });
  if (!local.isValid) throw new Error(`unknown time zone: ${zone}`);
  return { weekday: local.weekday, hour: local.hour };
}

/** Counts `count` at `at` into `heatmap`. */
export function addToHeatmap(heatmap: Heatmap, at: number, zone: string, count = 1): void {
  const { weekday, hour } = heatmapCell(at, zone);
  heatmap[weekday - 1]![hour]! += count;
}

import { HOUR_MS } from './chatRollup.js';

const DAY_MS = 24 * HOUR_MS;

/**
 * The cell of each whole UTC hour in [from, to), as heatmapCell gives it, without asking luxon
 * about every hour: a year's report has 8,760 of them and a zone lookup costs tens of
 * microseconds, which held the event loop (and message delivery) for a third of a second. The
 * zone's offset is read once a day and, where it changed, bisected down to the hour it changed
 * at; between those hours it is constant, so a cell is plain arithmetic on the UTC clock. Exact
 * unless a zone changes its offset twice within one day (none does).
 */
export function hourCells(
  zone: string,
  from: number,
  to: number,
): (hourStart: number) => HeatmapCell {
  const offsetAt = (at: number) => {
    const local = DateTime.fromMillis(at, { zone });
    if (!local.isValid) throw new Error(`unknown time zone: ${zone}`);
    return local.offset * 60_000;
  };
  // Offsets in force from each start on, oldest first.
  const starts = [from];
  const offsets = [offsetAt(from)];
  for (let at = from; at < to;) {
    const next = Math.min(at + DAY_MS, to);
    const offset = offsetAt(next);
    if (offset !== offsets[offsets.length - 1]) {
      // The first hour start in (at, next] with the new offset.
      let [lo, hi] = [at, next];
      while (hi - lo > HOUR_MS) {
        const mid = lo + Math.floor((hi - lo) / HOUR_MS / 2) * HOUR_MS;
        if (offsetAt(mid) === offsets[offsets.length - 1]) lo = mid;
        else hi = mid;
      }
      starts.push(hi);
      offsets.push(offsetAt(hi));
      // On from the change, whose offset is now the one in force.
      at = hi;
    } else at = next;
  }
  return (hourStart) => {
    let i = starts.length - 1;
    while (i > 0 && starts[i]! > hourStart) i--;
    const local = new Date(hourStart + offsets[i]!);
    return { weekday: ((local.getUTCDay() + 6) % 7) + 1, hour: local.getUTCHours() };
  };
}

/**
 * How many real hours of [from, to) fall in each cell. Walks UTC hours, so `from` and `to` are
 * expected on whole UTC hours, and the zone's offset in whole hours (for a zone with a half-hour
 * offset, an hour is counted in the cell its start falls in).
 */
export function hoursPerCell(from: number, to: number, zone: string): Heatmap {
  const hours = emptyHeatmap();
  const cellOf = hourCells(zone, from, to);
  for (let at = from; at < to; at += HOUR_MS) {
    const { weekday, hour } = cellOf(at);
    hours[weekday - 1]![hour]! += 1;
  }
  return hours;
}
