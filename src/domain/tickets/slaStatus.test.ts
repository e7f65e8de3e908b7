import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from './businessCalendar.js';
import { assertSlaPolicy, type SlaPolicy } from './slaPolicy.js';
import { slaStatus, type SlaTicket, type StatusChange } from './slaStatus.js';
import type { TicketStatus } from './ticketWorkflow.js';

const nineToFive = [{ start: '09:00', end: '17:00' }];
const office: BusinessCalendar = {
  timeZone: 'Europe/London',
  weeklyHours: {
    mon: nineToFive,
    tue: nineToFive,
    wed: nineToFive,
    thu: nineToFive,
    fri: nineToFive,
  },
  holidays: ['2026-12-25'],
};
const policy: SlaPolicy = {
  clock: 'business',
  targets: {
    high: { firstResponseMinutes: 60, resolutionMinutes: 480 },
    medium: { firstResponseMinutes: null, resolutionMinutes: 960 },
  },
};
const roundTheClock: SlaPolicy = {
  clock: 'calendar',
  targets: { urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 } },
};

const t = (s: string) => new Date(s);
const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** A ticket created at the first change, walking through the given statuses. */
function ticket(changes: Array<[TicketStatus, string]>, extra: Partial<SlaTicket> = {}): SlaTicket {
  const history: StatusChange[] = changes.map(([status, at]) => ({ status, at: t(at) }));
  return {
    priority: 'high',
    createdAt: history[0]!.at,
    firstRespondedAt: null,
    history,
    ...extra,
  };
}

// Wednesday 4 March 2026, GMT (London = UTC).
const created = ticket([['new', '2026-03-04T10:00:00Z']]);

describe('SLA: first response', () => {
  it('is active and due an hour of business time after creation', () => {
    const { firstResponse } = slaStatus(policy, office, created, t('2026-03-04T10:30:00Z'));
    expect(firstResponse).toMatchObject({ state: 'active', elapsedMinutes: 30, atRisk: false });
    expect(iso(firstResponse?.dueAt)).toBe('2026-03-04T11:00:00.000Z');
  });

  it('is at risk within the last 20 % of the target, and breached after it', () => {
    expect(
      slaStatus(policy, office, created, t('2026-03-04T10:47:00Z')).firstResponse?.atRisk,
    ).toBe(false);
    expect(
      slaStatus(policy, office, created, t('2026-03-04T10:48:00Z')).firstResponse?.atRisk,
    ).toBe(true);
    const late = slaStatus(policy, office, created, t('2026-03-04T11:00:01Z')).firstResponse;
    expect(late).toMatchObject({ state: 'breached', atRisk: false });
  });

  it('starts counting at opening for a ticket filed on a Saturday night', () => {
    const weekend = ticket([['new', '2026-03-07T23:00:00Z']]);
    const { firstResponse } = slaStatus(policy, office, weekend, t('2026-03-09T09:30:00Z'));
    expect(iso(firstResponse?.dueAt)).toBe('2026-03-09T10:00:00.000Z');
    expect(firstResponse).toMatchObject({ state: 'active', elapsedMinutes: 30 });
  });

  it('is achieved by a reply in time and breached by a late one', () => {
    const later = t('2026-03-05T12:00:00Z');
    const inTime = { ...created, firstRespondedAt: t('2026-03-04T10:45:00Z') };
    expect(slaStatus(policy, office, inTime, later).firstResponse).toMatchObject({
      state: 'achieved',
      elapsedMinutes: 45,
    });
    const tooLate = { ...created, firstRespondedAt: t('2026-03-04T11:30:00Z') };
    expect(slaStatus(policy, office, tooLate, later).firstResponse?.state).toBe('breached');
  });

  it('stops when the ticket is solved without a reply', () => {
    const solved = ticket([
      ['new', '2026-03-04T10:00:00Z'],
      ['solved', '2026-03-04T10:20:00Z'],
    ]);
    expect(
      slaStatus(policy, office, solved, t('2026-03-06T10:00:00Z')).firstResponse,
    ).toMatchObject({ state: 'achieved', elapsedMinutes: 20 });
  });

  it('has no first response target where the policy sets none', () => {
    const medium = { ...created, priority: 'medium' as const };
    expect(slaStatus(policy, office, medium, t('2026-03-04T11:00:00Z')).firstResponse).toBeNull();
  });
});

describe('SLA: resolution, paused while waiting', () => {
  const waited = ticket([
    ['new', '2026-03-04T10:00:00Z'],
    ['open', '2026-03-04T10:05:00Z'],
    ['pending', '2026-03-04T12:00:00Z'],
    ['open', '2026-03-05T10:00:00Z'],
  ]);

  it('pauses while pending: no due time, minutes frozen', () => {
    const pending = { ...waited, history: waited.history.slice(0, 3) };
    const { resolution } = slaStatus(policy, office, pending, t('2026-03-04T16:00:00Z'));
    expect(resolution).toMatchObject({ state: 'paused', elapsedMinutes: 120, dueAt: null });
  });

  it('pauses while on hold the same way', () => {
    const onHold = ticket([
      ['new', '2026-03-04T10:00:00Z'],
      ['on_hold', '2026-03-04T11:00:00Z'],
    ]);
    const { resolution } = slaStatus(policy, office, onHold, t('2026-03-06T16:00:00Z'));
    expect(resolution).toMatchObject({ state: 'paused', elapsedMinutes: 60, dueAt: null });
  });

  it('resumes on reopen, pushing the due time by the paused stretch', () => {
    const { resolution } = slaStatus(policy, office, waited, t('2026-03-05T11:00:00Z'));
    expect(resolution).toMatchObject({ state: 'active', elapsedMinutes: 180, atRisk: false });
    // 120 used on Wednesday; the 360 left run from Thursday 10:00.
    expect(iso(resolution?.dueAt)).toBe('2026-03-05T16:00:00.000Z');
  });

  it('is achieved when solved in time, and stays so however long after', () => {
    const solved = ticket([
      ['new', '2026-03-04T10:00:00Z'],
      ['solved', '2026-03-04T14:00:00Z'],
    ]);
    expect(slaStatus(policy, office, solved, t('2026-04-01T10:00:00Z')).resolution).toMatchObject({
      state: 'achieved',
      elapsedMinutes: 240,
    });
  });

  it('counts on from where it stopped when a solved ticket is reopened', () => {
    const reopened = ticket([
      ['new', '2026-03-04T10:00:00Z'],
      ['solved', '2026-03-04T14:00:00Z'],
      ['open', '2026-03-05T09:00:00Z'],
    ]);
    const { resolution } = slaStatus(policy, office, reopened, t('2026-03-05T12:00:00Z'));
    expect(resolution).toMatchObject({ state: 'active', elapsedMinutes: 420, atRisk: true });
    expect(iso(resolution?.dueAt)).toBe('2026-03-05T13:00:00.000Z');
  });

  it('is breached overnight once the due time has passed, with no business minute since', () => {
    const allDay = ticket([['new', '2026-03-04T09:00:00Z']]);
    const { resolution } = slaStatus(policy, office, allDay, t('2026-03-05T08:00:00Z'));
    expect(resolution).toMatchObject({ state: 'breached', elapsedMinutes: 480 });
    expect(iso(resolution?.dueAt)).toBe('2026-03-04T17:00:00.000Z');
  });

  it('stays breached while paused after the due time', () => {
    const late = ticket([
      ['new', '2026-03-04T09:00:00Z'],
      ['pending', '2026-03-05T10:00:00Z'],
    ]);
    expect(slaStatus(policy, office, late, t('2026-03-05T12:00:00Z')).resolution?.state).toBe(
      'breached',
    );
  });

  it('counts solving at the due instant as achieved', () => {
    const justInTime = ticket([
      ['new', '2026-03-04T09:00:00Z'],
      ['solved', '2026-03-04T17:00:00Z'],
    ]);
    expect(slaStatus(policy, office, justInTime, t('2026-03-06T09:00:00Z')).resolution?.state).toBe(
      'achieved',
    );
  });
});

describe('SLA: DST, holidays and the round-the-clock policy', () => {
  it('is due at 16:00 local on the Monday after the clocks go forward', () => {
    const friday = ticket([['new', '2026-03-27T16:00:00Z']]);
    const { resolution } = slaStatus(policy, office, friday, t('2026-03-27T16:30:00Z'));
    expect(iso(resolution?.dueAt)).toBe('2026-03-30T15:00:00.000Z');
  });

  it('is due at 16:00 local on the Monday after the clocks go back', () => {
    const friday = ticket([['new', '2026-10-23T15:00:00Z']]);
    const { resolution } = slaStatus(policy, office, friday, t('2026-10-23T15:30:00Z'));
    expect(iso(resolution?.dueAt)).toBe('2026-10-26T16:00:00.000Z');
  });

  it('skips a holiday', () => {
    const christmasEve = ticket([['new', '2026-12-24T16:00:00Z']]);
    const { firstResponse } = slaStatus(policy, office, christmasEve, t('2026-12-24T16:10:00Z'));
    expect(iso(firstResponse?.dueAt)).toBe('2026-12-24T17:00:00.000Z');
    const { resolution } = slaStatus(policy, office, christmasEve, t('2026-12-24T16:10:00Z'));
    expect(iso(resolution?.dueAt)).toBe('2026-12-28T16:00:00.000Z');
  });

  it('counts every minute on a calendar-clock policy, without a calendar', () => {
    const urgent = ticket([['new', '2026-03-07T23:00:00Z']], { priority: 'urgent' });
    const { firstResponse, resolution } = slaStatus(
      roundTheClock,
      null,
      urgent,
      t('2026-03-08T00:00:00Z'),
    );
    expect(firstResponse).toMatchObject({ state: 'breached', elapsedMinutes: 60 });
    expect(iso(resolution?.dueAt)).toBe('2026-03-08T03:00:00.000Z');
  });

  it('has no SLA for a priority the policy leaves out', () => {
    const low = { ...created, priority: 'low' as const };
    expect(slaStatus(policy, office, low, t('2026-03-04T11:00:00Z'))).toEqual({
      firstResponse: null,
      nextResponse: null,
      resolution: null,
    });
  });

  it('needs a calendar for a business-hours policy', () => {
    expect(() => slaStatus(policy, null, created, t('2026-03-04T11:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'calendar' }),
    );
  });
});

describe('SLA policy validation', () => {
  it('accepts the policies above', () => {
    expect(() => assertSlaPolicy(policy)).not.toThrow();
    expect(() => assertSlaPolicy(roundTheClock)).not.toThrow();
  });

  it.each([
    [
      {
        clock: 'business',
        targets: { critical: { firstResponseMinutes: 5, resolutionMinutes: null } },
      },
      'targets: "critical" is not a priority (low, medium, high, urgent)',
    ],
    [
      { clock: 'business', targets: { low: { firstResponseMinutes: 0, resolutionMinutes: null } } },
      'targets.low.firstResponseMinutes: must be a whole number of minutes, 1 or more',
    ],
    [
      {
        clock: 'business',
        targets: { low: { firstResponseMinutes: null, resolutionMinutes: 2.5 } },
      },
      'targets.low.resolutionMinutes: must be a whole number of minutes, 1 or more',
    ],
    [
      { clock: 'business', targets: {}, atRiskFraction: 1 },
      'atRiskFraction: must be at least 0 and less than 1',
    ],
  ])('names what is wrong (%#)', (bad, message) => {
    expect(() => assertSlaPolicy(bad as SlaPolicy)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', message }),
    );
  });
});
