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

/**
 * How many real hours of [from, to) fall in each cell. Walks UTC hours, so `from` and `to` are
 * expected on whole UTC hours, and the zone's offset in whole hours (for a zone with a half-hour
 * offset, an hour is counted in the cell its start falls in).
 */
export function hoursPerCell(from: number, to: number, zone: string): Heatmap {
  const hours = emptyHeatmap();
  for (let at = from; at < to; at += HOUR_MS) addToHeatmap(hours, at, zone);
  return hours;
}
