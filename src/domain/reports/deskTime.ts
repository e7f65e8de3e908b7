// The desk's wall clock (DESK_TIME_ZONE): whether a zone name is one, and the instants a report's
// dates stand for. A date is a whole day on that clock, so `from=2026-03-29&to=2026-03-29` is
// that one day, 23 hours long in Berlin (clocks go forward), from its local midnight to the next.
import { DateTime, IANAZone } from 'luxon';

/** True for an IANA time zone name luxon (ICU) knows, such as Europe/Berlin or UTC. */
export function isTimeZone(zone: string): boolean {
  return zone.length > 0 && IANAZone.isValidZone(zone);
}

/** A calendar date, YYYY-MM-DD. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The instants a report's bound stands for: an ISO time is itself; a date is its local midnight
 * for `from`, and the next local midnight for `to` (the range includes the day `to` names).
 */
export function boundOf(value: string, side: 'from' | 'to', zone: string): number {
  if (!DATE_PATTERN.test(value)) return Date.parse(value);
  const start = DateTime.fromISO(value, { zone }).startOf('day');
  if (!start.isValid) throw new Error(`not a date: ${value}`);
  return (side === 'from' ? start : start.plus({ days: 1 })).toMillis();
}
