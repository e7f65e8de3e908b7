import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  assertCalendar,
  businessMinutesBetween,
  isWithinBusinessHours,
  type BusinessCalendar,
} from './businessCalendar.js';

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

const iso = (d: Date) => d.toISOString();
const t = (s: string) => new Date(s);

describe('business calendar: adding business minutes', () => {
  it('adds within the same day', () => {
    // Wednesday 4 March 2026, 10:00 GMT.
    expect(iso(addBusinessMinutes(office, t('2026-03-04T10:00:00Z'), 60))).toBe(
      '2026-03-04T11:00:00.000Z',
    );
  });

  it('carries over to the next morning', () => {
    expect(iso(addBusinessMinutes(office, t('2026-03-04T16:00:00Z'), 120))).toBe(
      '2026-03-05T10:00:00.000Z',
    );
  });

  it('skips the weekend', () => {
    // Friday 16:30 + 60 min → Monday 09:30.
    expect(iso(addBusinessMinutes(office, t('2026-03-06T16:30:00Z'), 60))).toBe(
      '2026-03-09T09:30:00.000Z',
    );
  });

  it('starts the clock at opening for an instant outside hours', () => {
    // Saturday night → Monday 09:00 + 30.
    expect(iso(addBusinessMinutes(office, t('2026-03-07T23:00:00Z'), 30))).toBe(
      '2026-03-09T09:30:00.000Z',
    );
    // Zero minutes outside hours is the next opening.
    expect(iso(addBusinessMinutes(office, t('2026-03-07T23:00:00Z'), 0))).toBe(
      '2026-03-09T09:00:00.000Z',
    );
  });

  it('skips holidays and term breaks', () => {
    // Thursday 24 Dec 16:00 + 120 → Christmas closed → Monday 28th 10:00.
    expect(iso(addBusinessMinutes(office, t('2026-12-24T16:00:00Z'), 120))).toBe(
      '2026-12-28T10:00:00.000Z',
    );
    // Friday 3 April (BST) 16:00 local + 120 → the break runs Mon 6–Fri 10 → Mon 13 10:00 local.
    expect(iso(addBusinessMinutes(office, t('2026-04-03T15:00:00Z'), 120))).toBe(
      '2026-04-13T09:00:00.000Z',
    );
  });

  it('keeps 09:00 local across the spring change (GMT → BST)', () => {
    // Friday 27 March 16:00 GMT + 120 → Monday 30 March 10:00 BST = 09:00Z.
    expect(iso(addBusinessMinutes(office, t('2026-03-27T16:00:00Z'), 120))).toBe(
      '2026-03-30T09:00:00.000Z',
    );
  });

  it('keeps 09:00 local across the autumn change (BST → GMT)', () => {
    // Friday 23 October 16:00 BST (15:00Z) + 120 → Monday 26 October 10:00 GMT.
    expect(iso(addBusinessMinutes(office, t('2026-10-23T15:00:00Z'), 120))).toBe(
      '2026-10-26T10:00:00.000Z',
    );
  });

  it('counts an overnight shift through midnight', () => {
    // Monday 2 March 23:00 + 120 → Tuesday 01:00.
    expect(iso(addBusinessMinutes(nights, t('2026-03-02T23:00:00Z'), 120))).toBe(
      '2026-03-03T01:00:00.000Z',
    );
    // Starting at 03:00 inside the shift that began the evening before.
    expect(iso(addBusinessMinutes(nights, t('2026-03-03T03:00:00Z'), 240))).toBe(
      '2026-03-03T23:00:00.000Z',
    );
  });

  it('refuses a negative number of minutes', () => {
    expect(() => addBusinessMinutes(office, t('2026-03-04T10:00:00Z'), -1)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});

describe('business calendar: minutes between', () => {
  it('counts only open hours across a weekend', () => {
    // Friday 16:00 → Monday 10:00 = 60 + 60.
    expect(
      businessMinutesBetween(office, t('2026-03-06T16:00:00Z'), t('2026-03-09T10:00:00Z')),
    ).toBe(120);
  });

  it('is zero outside hours and when the end is not after the start', () => {
    expect(
      businessMinutesBetween(office, t('2026-03-07T10:00:00Z'), t('2026-03-08T10:00:00Z')),
    ).toBe(0);
    expect(
      businessMinutesBetween(office, t('2026-03-04T12:00:00Z'), t('2026-03-04T11:00:00Z')),
    ).toBe(0);
  });

  it('counts a full week as five working days', () => {
    expect(
      businessMinutesBetween(office, t('2026-03-02T00:00:00Z'), t('2026-03-09T00:00:00Z')),
    ).toBe(5 * 480);
  });

  it('counts the real length of a night shift over each DST change', () => {
    // Saturday 28 March 22:00 GMT → Sunday 29 March 06:00 BST: the clocks skip an hour.
    expect(
      businessMinutesBetween(nights, t('2026-03-28T21:00:00Z'), t('2026-03-29T06:00:00Z')),
    ).toBe(7 * 60);
    // Saturday 24 October 22:00 BST → Sunday 25 October 06:00 GMT: an hour happens twice.
    expect(
      businessMinutesBetween(nights, t('2026-10-24T20:00:00Z'), t('2026-10-25T07:00:00Z')),
    ).toBe(9 * 60);
  });

  it('agrees with addBusinessMinutes', () => {
    const from = t('2026-10-22T13:17:00Z');
    const to = addBusinessMinutes(office, from, 1234);
    expect(businessMinutesBetween(office, from, to)).toBe(1234);
  });

  it('merges a split shift and an overlapping overnight shift', () => {
    const split: BusinessCalendar = {
      timeZone: 'UTC',
      weeklyHours: {
        mon: [
          { start: '13:00', end: '17:00' },
          { start: '08:00', end: '12:00' },
          { start: '20:00', end: '03:00' },
        ],
        tue: [{ start: '02:00', end: '04:00' }],
      },
    };
    // Mon 08–12, 13–17, 20:00–Tue 04:00 (merged) = 4 + 4 + 8 hours.
    expect(
      businessMinutesBetween(split, t('2026-03-02T00:00:00Z'), t('2026-03-04T00:00:00Z')),
    ).toBe(16 * 60);
  });
});

describe('business calendar: within hours', () => {
  it('includes the opening minute and excludes the closing one', () => {
    expect(isWithinBusinessHours(office, t('2026-03-04T09:00:00Z'))).toBe(true);
    expect(isWithinBusinessHours(office, t('2026-03-04T16:59:59Z'))).toBe(true);
    expect(isWithinBusinessHours(office, t('2026-03-04T17:00:00Z'))).toBe(false);
    expect(isWithinBusinessHours(office, t('2026-03-04T08:59:59Z'))).toBe(false);
  });

  it('reads hours in local time: 09:00 BST is 08:00Z', () => {
    expect(isWithinBusinessHours(office, t('2026-06-03T08:00:00Z'))).toBe(true);
    expect(isWithinBusinessHours(office, t('2026-06-03T16:30:00Z'))).toBe(false);
  });

  it('is closed on weekends and holidays, open at 03:00 in a night shift', () => {
    expect(isWithinBusinessHours(office, t('2026-03-07T12:00:00Z'))).toBe(false);
    expect(isWithinBusinessHours(office, t('2026-12-25T12:00:00Z'))).toBe(false);
    expect(isWithinBusinessHours(nights, t('2026-03-03T03:00:00Z'))).toBe(true);
    expect(isWithinBusinessHours(nights, t('2026-03-03T12:00:00Z'))).toBe(false);
  });
});

describe('business calendar: validation', () => {
  it('accepts a well-formed calendar', () => {
    expect(() => assertCalendar(office)).not.toThrow();
    expect(() => assertCalendar(nights)).not.toThrow();
  });

  it.each([
    [{ ...office, timeZone: 'Mars/Olympus' }, 'timeZone: unknown time zone "Mars/Olympus"'],
    [{ ...office, weeklyHours: {} }, 'weeklyHours: the calendar has no open hours'],
    [
      { ...office, weeklyHours: { mon: [{ start: '9', end: '17:00' }] } },
      'weeklyHours.mon: "9" is not a time (HH:MM)',
    ],
    [
      { ...office, weeklyHours: { tue: [{ start: '10:00', end: '10:00' }] } },
      'weeklyHours.tue: a shift cannot be empty',
    ],
    [{ ...office, holidays: ['2026-02-30'] }, 'holidays: "2026-02-30" is not a date (YYYY-MM-DD)'],
    [
      { ...office, holidays: [{ from: '2026-05-02', to: '2026-05-01' }] },
      'holidays: the break 2026-05-02–2026-05-01 ends before it starts',
    ],
  ])('names what is wrong (%#)', (calendar, message) => {
    expect(() => assertCalendar(calendar as BusinessCalendar)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', message }),
    );
  });

  it('gives up on a calendar whose every day is a holiday', () => {
    const never: BusinessCalendar = {
      ...office,
      holidays: [{ from: '2000-01-01', to: '2100-01-01' }],
    };
    expect(() => addBusinessMinutes(never, t('2026-03-04T10:00:00Z'), 1)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});
