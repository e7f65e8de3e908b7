// Chats over time, a point per day on the desk's wall clock (DESK_TIME_ZONE): the days a range
// covers, and the hourly rollups summed into them. A desk day runs from one local midnight to the
// next, so it is 23 real hours on the night clocks go forward and 25 on the night they go back;
// a chat counts on the day its UTC hour starts in, as in the heatmap (exact for zones whose
// offset is whole hours).
import { DateTime } from 'luxon';
import { HOUR_MS } from './chatRollup.js';
import { emptyHistogram, mergeInto, percentileMs, countOf, type Histogram } from './histogram.js';

export interface DeskDay {
  /** The local date, YYYY-MM-DD. */
  date: string;
  /** The part of the range on that day: [from, to), epoch ms. */
  from: number;
  to: number;
}

/** The local date an instant falls on in `zone`; throws for a zone luxon does not know. */
export function deskDateOf(at: number, zone: string): string {
  const local = DateTime.fromMillis(at, { zone });
  if (!local.isValid) throw new Error(`unknown time zone: ${zone}`);
  return local.toISODate()!;
}

/** The desk days [from, to) touches, oldest first, each cut to the range. */
export function deskDays(from: number, to: number, zone: string): DeskDay[] {
  const days: DeskDay[] = [];
  let start = DateTime.fromMillis(from, { zone }).startOf('day');
  if (!start.isValid) throw new Error(`unknown time zone: ${zone}`);
  while (start.toMillis() < to) {
    const end = start.plus({ days: 1 });
    days.push({
      date: start.toISODate()!,
      from: Math.max(start.toMillis(), from),
      to: Math.min(end.toMillis(), to),
    });
    start = end;
  }
  return days;
}

/** One UTC hour's rollup as the daily series needs it: chats started, and their wait bins. */
export interface HourVolume {
  hourStart: number;
  chats: number;
  /** bin → chats (histogram.ts); missing bins hold none. */
  waitBins: ReadonlyMap<number, number>;
}

export interface DailyPoint {
  date: string;
  /** Real hours of the range on that day (23 or 25 on a DST night, fewer on a cut end). */
  hours: number;
  chats: number;
  /** Chats with a wait, and its median from the bins (null without any). */
  waited: number;
  waitMedianMs: number | null;
}

/** The hours summed into the days of [from, to): every day, with zeros when nothing started. */
export function dailySeries(
  hours: readonly HourVolume[],
  from: number,
  to: number,
  zone: string,
): DailyPoint[] {
  const days = deskDays(from, to, zone);
  const byDate = new Map(
    days.map((day) => [day.date, { chats: 0, waits: emptyHistogram() as Histogram }]),
  );
  for (const hour of hours) {
    const sums = byDate.get(deskDateOf(hour.hourStart, zone));
    if (!sums) continue;
    sums.chats += hour.chats;
    const bins = emptyHistogram();
    for (const [bin, chats] of hour.waitBins) bins[bin] = chats;
    mergeInto(sums.waits, bins);
  }
  return days.map((day) => {
    const sums = byDate.get(day.date)!;
    return {
      date: day.date,
      hours: Math.round((day.to - day.from) / HOUR_MS),
      chats: sums.chats,
      waited: countOf(sums.waits),
      waitMedianMs: percentileMs(sums.waits, 0.5),
    };
  });
}
