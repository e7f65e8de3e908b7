// Splits a report's range of whole UTC hours into the whole UTC days inside it, summed from the
// daily rollups, and the hours at its two edges, summed from the hourly ones (docs/reports.md,
// "How the numbers are kept"). Days are UTC like the rollups' hours, so time zones play no part.
import { HOUR_MS } from './chatRollup.js';

export const DAY_MS = 24 * HOUR_MS;

/** [from, to) in epoch milliseconds. */
export interface Span {
  from: number;
  to: number;
}

export interface DaySplit {
  /** The whole UTC days inside the range; null when it holds none. */
  days: Span | null;
  /** The hours outside those days: none, one or two spans (before and after the days). */
  hours: Span[];
}

/** The UTC day `at` falls in, by its start. */
export const utcDayOf = (at: number): number => at - (((at % DAY_MS) + DAY_MS) % DAY_MS);

/** Splits [from, to) (whole UTC hours) into whole UTC days and the edge hours around them. */
export function splitIntoUtcDays(range: Span): DaySplit {
  const { from, to } = range;
  if (to <= from) return { days: null, hours: [] };
  const firstDay = utcDayOf(from + DAY_MS - 1);
  const endOfDays = utcDayOf(to);
  if (endOfDays <= firstDay) return { days: null, hours: [{ from, to }] };
  const hours: Span[] = [];
  if (from < firstDay) hours.push({ from, to: firstDay });
  if (endOfDays < to) hours.push({ from: endOfDays, to });
  return { days: { from: firstDay, to: endOfDays }, hours };
}
