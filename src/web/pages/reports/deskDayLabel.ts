// A desk day (a local date on the desk's clock, YYYY-MM-DD, as the daily report gives it) named
// for a chart's axis and a table's rows. It is formatted as a date in UTC on purpose: the date is
// already the desk's, and reading it on the browser's clock could shift it by a day.

const labelFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
const longFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

const utcNoon = (date: string) => new Date(`${date}T12:00:00Z`);

/** "3 Mar": short, for an axis. */
export const deskDayLabel = (date: string): string => labelFormat.format(utcNoon(date));

/** "Tue, 3 Mar 2026": for a table's row. */
export const deskDayLongLabel = (date: string): string => longFormat.format(utcNoon(date));
