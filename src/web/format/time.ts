// Times and durations as people read them in a chat: clock times, "3 min ago", waits and day
// separators. Pure: the current time is passed in.

const MINUTE = 60;
const HOUR = 60 * MINUTE;

const clockFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const weekdayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
});

const toDate = (value: string | number | Date) => (value instanceof Date ? value : new Date(value));

/** "14:05" */
export const formatClock = (value: string | number | Date) => clockFormat.format(toDate(value));

/** "3 Nov 2026" */
const formatDate = (value: string | number | Date) => dateFormat.format(toDate(value));

/** "3 Nov, 14:05" */
export const formatDateTime = (value: string | number | Date) =>
  dateTimeFormat.format(toDate(value));

/** A length of time, coarse enough to read at a glance: "45 s", "3 min", "1 h 5 min", "2 d 3 h". */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < MINUTE) return `${seconds} s`;
  if (seconds < HOUR) return `${Math.floor(seconds / MINUTE)} min`;
  if (seconds < 24 * HOUR) {
    const minutes = Math.floor((seconds % HOUR) / MINUTE);
    return `${Math.floor(seconds / HOUR)} h${minutes ? ` ${minutes} min` : ''}`;
  }
  const hours = Math.floor((seconds % (24 * HOUR)) / HOUR);
  return `${Math.floor(seconds / (24 * HOUR))} d${hours ? ` ${hours} h` : ''}`;
}

/** Seconds from `from` to `to` (ISO strings or epoch ms). */
export const secondsBetween = (from: string | number, to: string | number) =>
  (toDate(to).getTime() - toDate(from).getTime()) / 1000;

/** "just now", "5 min ago", "2 h ago", "yesterday", else the date. */
export function formatRelative(value: string | number, now: number): string {
  const seconds = secondsBetween(value, now);
  if (seconds < 45) return 'just now';
  if (seconds < HOUR) return `${Math.max(1, Math.round(seconds / MINUTE))} min ago`;
  if (seconds < 24 * HOUR && isSameDay(toDate(value), new Date(now)))
    return `${Math.floor(seconds / HOUR)} h ago`;
  if (isSameDay(toDate(value), new Date(now - 24 * HOUR * 1000))) return 'yesterday';
  return formatDate(value);
}

/** An estimated wait, never more precisely than it is known, to finish a sentence: "about 3 minutes". */
export function formatWaitEstimate(seconds: number): string {
  if (seconds < MINUTE) return 'less than a minute';
  const minutes = Math.round(seconds / MINUTE);
  if (minutes < 60) return `about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  const hours = Math.round(minutes / 60);
  return `about ${hours} ${hours === 1 ? 'hour' : 'hours'}`;
}

function isSameDay(a: Date, b: Date): boolean {
  return (
    a.getFullYear() === b.getFullYear() &&
    a.getMonth() === b.getMonth() &&
    a.getDate() === b.getDate()
  );
}

/** A key identifying the local calendar day of `value`. */
export const dayKey = (value: string | number | Date) => toDate(value).toDateString();

/** The label of a day separator in a conversation: "Today", "Yesterday" or "Monday 3 November". */
export function formatDayLabel(value: string | number | Date, now: number): string {
  const date = toDate(value);
  if (isSameDay(date, new Date(now))) return 'Today';
  if (isSameDay(date, new Date(now - 24 * HOUR * 1000))) return 'Yesterday';
  return weekdayFormat.format(date);
}
