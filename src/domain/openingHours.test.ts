import { describe, expect, it } from 'vitest';
import { describeOpening, liveChatState, openingAt } from './openingHours.js';
import type { BusinessCalendar } from './tickets/businessCalendar.js';

const nineToFive = [{ start: '09:00', end: '17:00' }];
/** Mon–Fri 09:00–17:00 in London, closed on Christmas Day and over an Easter break. */
const office: BusinessCalendar = {
  timeZone: 'Europe/London',
  weeklyHours: {
    mon: nineToFive,
    tue: nineToFive,
    wed: nineToFive,
    thu: nineToFive,
    fri: nineToFive,
  },
  holidays: ['2026-12-25', { from: '2026-04-06', to: '2026-04-10' }],
};
/** Every night 22:00–06:00 in London. */
const nights: BusinessCalendar = {
  timeZone: 'Europe/London',
  weeklyHours: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
      d,
      [{ start: '22:00', end: '06:00' }],
    ]),
  ),
};

const opensAt = (calendar: BusinessCalendar, at: string) => {
  const opening = openingAt(calendar, new Date(at));
  return opening.open ? 'open' : opening.opensAt?.toISOString();
};

describe('opening hours', () => {
  it('is always open without a calendar', () => {
    expect(openingAt(null, new Date('2026-03-07T23:00:00Z'))).toEqual({ open: true });
  });

  it('is open within hours, from the opening minute to just before closing', () => {
    expect(opensAt(office, '2026-03-04T09:00:00Z')).toBe('open');
    expect(opensAt(office, '2026-03-04T16:59:59Z')).toBe('open');
    expect(opensAt(office, '2026-03-04T17:00:00Z')).toBe('2026-03-05T09:00:00.000Z');
  });

  it('opens next on Monday morning over the weekend', () => {
    expect(opensAt(office, '2026-03-06T18:00:00Z')).toBe('2026-03-09T09:00:00.000Z');
    expect(opensAt(office, '2026-03-08T12:00:00Z')).toBe('2026-03-09T09:00:00.000Z');
  });

  it('stays open overnight and opens again in the evening', () => {
    expect(opensAt(nights, '2026-03-04T03:00:00Z')).toBe('open');
    expect(opensAt(nights, '2026-03-04T12:00:00Z')).toBe('2026-03-04T22:00:00.000Z');
  });

  it('skips a holiday and a term break', () => {
    // Christmas Day is a Friday: closed from Thursday evening to Monday.
    expect(opensAt(office, '2026-12-24T18:00:00Z')).toBe('2026-12-28T09:00:00.000Z');
    expect(opensAt(office, '2026-12-25T10:00:00Z')).toBe('2026-12-28T09:00:00.000Z');
    // The Easter break runs Monday to Friday: from Good Friday's evening to the Monday after.
    expect(opensAt(office, '2026-04-03T18:00:00Z')).toBe('2026-04-13T08:00:00.000Z');
  });

  it('opens at local 09:00 across both DST changes', () => {
    // Clocks go forward on Sunday 29 March 2026: Monday 09:00 BST is 08:00 UTC.
    expect(opensAt(office, '2026-03-28T12:00:00Z')).toBe('2026-03-30T08:00:00.000Z');
    // And back on Sunday 25 October: Monday 09:00 GMT is 09:00 UTC.
    expect(opensAt(office, '2026-10-24T12:00:00Z')).toBe('2026-10-26T09:00:00.000Z');
    // 08:30 UTC on the Monday after spring forward is 09:30 BST: open.
    expect(opensAt(office, '2026-03-30T08:30:00Z')).toBe('open');
  });
});

describe('live chat availability', () => {
  it('is closed outside hours whoever is online', () => {
    expect(liveChatState({ open: false, opensAt: null }, 5)).toBe('closed');
  });

  it('needs a free slot among the team’s agents while open', () => {
    expect(liveChatState({ open: true }, 1)).toBe('available');
    expect(liveChatState({ open: true }, 0)).toBe('no_agents');
  });
});

describe('the opening in words', () => {
  it('names the local day and time in the zone given', () => {
    const monday = new Date('2026-03-30T08:00:00Z');
    expect(describeOpening(monday, 'Europe/London')).toBe('Monday 30 March, 09:00 (Europe/London)');
    expect(describeOpening(monday, 'America/New_York')).toBe(
      'Monday 30 March, 04:00 (America/New_York)',
    );
    expect(describeOpening(monday, 'Not/AZone')).toBe('Monday 30 March, 08:00 (UTC)');
  });
});
