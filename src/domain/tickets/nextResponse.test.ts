import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from './businessCalendar.js';
import { latestResponseCycle, type PublicReply } from './responseCycle.js';
import { assertSlaPolicy, type SlaPolicy } from './slaPolicy.js';
import { slaStatus, type SlaTicket } from './slaStatus.js';

const t = (s: string) => new Date(s);
const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
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
  holidays: [],
};
const policy: SlaPolicy = {
  clock: 'business',
  targets: {
    high: { firstResponseMinutes: 60, nextResponseMinutes: 120, resolutionMinutes: 960 },
    low: { firstResponseMinutes: 60, resolutionMinutes: 960 },
  },
};
const requester = (at: string): PublicReply => ({ at: t(at), byRequester: true });
const desk = (at: string): PublicReply => ({ at: t(at), byRequester: false });

describe('the next response cycle', () => {
  it('starts with the first requester reply after the desk answered and ends at its next reply', () => {
    const answered = t('2026-03-04T10:10:00Z');
    const replies = [
      requester('2026-03-04T10:00:00Z'),
      desk('2026-03-04T10:10:00Z'),
      requester('2026-03-04T11:00:00Z'),
      requester('2026-03-04T11:05:00Z'),
    ];
    expect(latestResponseCycle(replies, answered)).toEqual({
      since: t('2026-03-04T11:00:00Z'),
      answeredAt: null,
    });
    expect(latestResponseCycle([...replies, desk('2026-03-04T12:00:00Z')], answered)).toEqual({
      since: t('2026-03-04T11:00:00Z'),
      answeredAt: t('2026-03-04T12:00:00Z'),
    });
    const again = [...replies, desk('2026-03-04T12:00:00Z'), requester('2026-03-04T13:00:00Z')];
    expect(latestResponseCycle(again, answered)).toEqual({
      since: t('2026-03-04T13:00:00Z'),
      answeredAt: null,
    });
  });

  it('has none before the first response, nor when the desk writes twice', () => {
    expect(latestResponseCycle([requester('2026-03-04T10:00:00Z')], null)).toBeNull();
    const answered = t('2026-03-04T10:10:00Z');
    const replies = [desk('2026-03-04T10:10:00Z'), desk('2026-03-04T10:20:00Z')];
    expect(latestResponseCycle(replies, answered)).toBeNull();
  });
});

/** A high ticket created Wednesday 4 March 2026 10:00 (London = UTC), answered at 10:10. */
function waiting(since: string | null, answeredAt: string | null = null): SlaTicket {
  return {
    priority: 'high',
    createdAt: t('2026-03-04T10:00:00Z'),
    firstRespondedAt: t('2026-03-04T10:10:00Z'),
    history: [
      { status: 'new', at: t('2026-03-04T10:00:00Z') },
      { status: 'open', at: t('2026-03-04T10:10:00Z') },
    ],
    responseCycle: since
      ? { since: t(since), answeredAt: answeredAt ? t(answeredAt) : null }
      : null,
  };
}

describe('SLA: next response', () => {
  it('runs on business hours from the requester reply, at risk then breached', () => {
    // 16:00 Wednesday + 120 business minutes: 10:00 Thursday.
    const ticket = waiting('2026-03-04T16:00:00Z');
    const running = slaStatus(policy, office, ticket, t('2026-03-04T16:30:00Z')).nextResponse;
    expect(running).toMatchObject({ state: 'active', elapsedMinutes: 30, atRisk: false });
    expect(iso(running?.dueAt)).toBe('2026-03-05T10:00:00.000Z');
    expect(iso(running?.atRiskAt)).toBe('2026-03-05T09:36:00.000Z');
    const late = slaStatus(policy, office, ticket, t('2026-03-05T09:40:00Z')).nextResponse;
    expect(late).toMatchObject({ state: 'active', atRisk: true });
    const missed = slaStatus(policy, office, ticket, t('2026-03-05T10:01:00Z')).nextResponse;
    expect(missed?.state).toBe('breached');
  });

  it('is achieved when the desk answered in time and breached when it answered late', () => {
    const now = t('2026-03-06T12:00:00Z');
    const inTime = waiting('2026-03-04T16:00:00Z', '2026-03-05T09:30:00Z');
    expect(slaStatus(policy, office, inTime, now).nextResponse?.state).toBe('achieved');
    const late = waiting('2026-03-04T16:00:00Z', '2026-03-05T10:30:00Z');
    expect(slaStatus(policy, office, late, now).nextResponse?.state).toBe('breached');
  });

  it('stops when the ticket is solved without an answer', () => {
    const ticket = waiting('2026-03-04T16:00:00Z');
    ticket.history = [...ticket.history, { status: 'solved', at: t('2026-03-04T16:20:00Z') }];
    const status = slaStatus(policy, office, ticket, t('2026-03-06T12:00:00Z')).nextResponse;
    expect(status).toMatchObject({ state: 'achieved', elapsedMinutes: 20 });
  });

  it('is null without a wait, and for a priority whose targets leave it out', () => {
    const now = t('2026-03-04T16:30:00Z');
    expect(slaStatus(policy, office, waiting(null), now).nextResponse).toBeNull();
    const low = { ...waiting('2026-03-04T16:00:00Z'), priority: 'low' as const };
    expect(slaStatus(policy, office, low, now).nextResponse).toBeNull();
  });

  it('is validated like the other targets', () => {
    const bad = (minutes: number): SlaPolicy => ({
      clock: 'calendar',
      targets: {
        high: { firstResponseMinutes: null, nextResponseMinutes: minutes, resolutionMinutes: null },
      },
    });
    expect(() => assertSlaPolicy(bad(0))).toThrow(/targets.high.nextResponseMinutes/);
    expect(() => assertSlaPolicy(bad(1.5))).toThrow(/nextResponseMinutes/);
    expect(() => assertSlaPolicy(bad(30))).not.toThrow();
  });
});
