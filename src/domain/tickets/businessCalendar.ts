// A business-hours calendar (time zone, weekly shifts, holidays and breaks) and the arithmetic
// on it: add business minutes, count business minutes between instants, tell if an instant is
// within hours. Local times are resolved by luxon, so DST changes count real elapsed minutes.
import { DateTime } from 'luxon';
import { AppError } from '../errors.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `HH:MM` local times. `end` may be `24:00`; an end at or before the start runs past midnight. */
export interface Shift {
  start: string;
  end: string;
}

/** A closed day (`2026-12-25`) or a closed range of days, both ends included (a term break). */
export type Holiday = string | { from: string; to: string };

export interface BusinessCalendar {
  /** IANA zone, e.g. `Europe/London`. */
  timeZone: string;
  /** Shifts starting on each weekday; a missing or empty day is closed. Split shifts allowed. */
  weeklyHours: Partial<Record<Weekday, readonly Shift[]>>;
  /** Days on which no shift starts. */
  holidays?: readonly Holiday[];
}

const MINUTE_MS = 60_000;
/** How far ahead to look for open hours before deciding a calendar never opens. */
const HORIZON_DAYS = 3 * 366;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const bad = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${field}: ${message}`, field);

/** Throws a VALIDATION_FAILED naming the first thing wrong with the calendar. */
export function assertCalendar(calendar: BusinessCalendar): void {
  if (!DateTime.local().setZone(calendar.timeZone).isValid) {
    throw bad('timeZone', `unknown time zone "${calendar.timeZone}"`);
  }
  let anyShift = false;
  for (const day of WEEKDAYS) {
    for (const shift of calendar.weeklyHours[day] ?? []) {
      for (const time of [shift.start, shift.end]) {
        if (!TIME.test(time)) throw bad(`weeklyHours.${day}`, `"${time}" is not a time (HH:MM)`);
      }
      if (shift.start === '24:00') throw bad(`weeklyHours.${day}`, 'a shift cannot start at 24:00');
      if (shift.start === shift.end) throw bad(`weeklyHours.${day}`, 'a shift cannot be empty');
      anyShift = true;
    }
  }
  if (!anyShift) throw bad('weeklyHours', 'the calendar has no open hours');
  for (const holiday of calendar.holidays ?? []) {
    const [from, to] =
      typeof holiday === 'string' ? [holiday, holiday] : [holiday.from, holiday.to];
    for (const date of [from, to]) {
      if (!DATE.test(date) || !DateTime.fromISO(date).isValid) {
        throw bad('holidays', `"${date}" is not a date (YYYY-MM-DD)`);
      }
    }
    if (to < from) throw bad('holidays', `the break ${from}–${to} ends before it starts`);
  }
}

function isHoliday(calendar: BusinessCalendar, isoDate: string): boolean {
  return (calendar.holidays ?? []).some((h) =>
    typeof h === 'string' ? h === isoDate : h.from <= isoDate && isoDate <= h.to,
  );
}

function at(day: DateTime, time: string): DateTime {
  if (time === '24:00') return day.plus({ days: 1 });
  const [hour, minute] = time.split(':').map(Number);
  // A time inside a spring-forward gap resolves to the first instant after it.
  return day.set({ hour, minute });
}

/** The shifts starting on `day` (a local midnight), as [startMs, endMs), sorted by start. */
function shiftsStarting(calendar: BusinessCalendar, day: DateTime): Array<[number, number]> {
  const isoDate = day.toISODate() as string;
  if (isHoliday(calendar, isoDate)) return [];
  const shifts = calendar.weeklyHours[WEEKDAYS[day.weekday - 1] as Weekday] ?? [];
  return shifts
    .map((shift): [number, number] => {
      const start = at(day, shift.start);
      const overnight = shift.end !== '24:00' && shift.end <= shift.start;
      const end = at(overnight ? day.plus({ days: 1 }) : day, shift.end);
      return [start.toMillis(), end.toMillis()];
    })
    .sort((a, b) => a[0] - b[0]);
}

/** Open intervals in time order, merged where they touch, from the one containing `fromMs`. */
function* openIntervals(calendar: BusinessCalendar, fromMs: number): Generator<[number, number]> {
  // Start a day early: yesterday's overnight shift may still be running.
  let day = DateTime.fromMillis(fromMs, { zone: calendar.timeZone }).startOf('day').minus({
    days: 1,
  });
  let carry: [number, number] | null = null;
  for (let i = 0; i < HORIZON_DAYS; i++, day = day.plus({ days: 1 }).startOf('day')) {
    for (const interval of shiftsStarting(calendar, day)) {
      if (carry && interval[0] <= carry[1]) {
        carry[1] = Math.max(carry[1], interval[1]);
        continue;
      }
      if (carry && carry[1] > fromMs) yield carry;
      carry = interval;
    }
  }
  if (carry && carry[1] > fromMs) yield carry;
}

/** The instant `minutes` business minutes after `from` (0 minutes outside hours: the next opening). */
export function addBusinessMinutes(calendar: BusinessCalendar, from: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw bad('minutes', 'must be a number of minutes, zero or more');
  }
  let remaining = minutes * MINUTE_MS;
  const fromMs = from.getTime();
  for (const [start, end] of openIntervals(calendar, fromMs)) {
    const begin = Math.max(start, fromMs);
    if (remaining <= end - begin) return new Date(begin + remaining);
    remaining -= end - begin;
  }
  throw bad('weeklyHours', 'the calendar has no open hours in the next three years');
}

/** Business minutes from `from` to `to` (0 when `to` is not after `from`); may be fractional. */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  let total = 0;
  if (toMs <= fromMs) return 0;
  for (const [start, end] of openIntervals(calendar, fromMs)) {
    if (start >= toMs) break;
    total += Math.min(end, toMs) - Math.max(start, fromMs);
  }
  return total / MINUTE_MS;
}

/** Whether `instant` falls within open hours (a shift's start included, its end not). */
export function isWithinBusinessHours(calendar: BusinessCalendar, instant: Date): boolean {
  const ms = instant.getTime();
  for (const [start, end] of openIntervals(calendar, ms)) {
    return start <= ms && ms < end;
  }
  return false;
}
