// The ticket report against a real database, with the clock in the test's hands: three tickets
// over three days (one answered after hours, one reopened and solved again, one of a team with
// no SLA) give counts, the backlog at each day's end, exact first response and resolution times
// on the calendar and in business hours, and SLA achievement; a team lead sees their team's only.
import { expect, it } from 'vitest';
import { ticketReport } from '../../../src/services/reports/ticketReport.js';
import { createCalendar } from '../../../src/services/tickets/businessCalendars.js';
import { createSlaPolicy } from '../../../src/services/tickets/slaPolicies.js';
import { describeEachDatabase } from '../../support/databases.js';
import { makeDesk, refusal } from '../../support/ticketDesk.js';

const HOUR = 3_600_000;
const at = (day: number, hour: number, minute = 0) => Date.UTC(2026, 0, day, hour, minute);
const range = (first: number, last: number) => ({ from: at(first, 0), to: at(last + 1, 0) });

describeEachDatabase('ticket report', (db) => {
  it('counts, times, backlog and SLA of a few days, on the calendar and in business hours', async () => {
    const desk = await makeDesk(db());
    const { ctx, clock } = desk.world;
    const calendar = await createCalendar(ctx, desk.ada, {
      name: 'Bursary',
      timeZone: 'Europe/London',
      weeklyHours: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '17:00' }]]),
      ),
      holidays: [],
    });
    await createSlaPolicy(ctx, desk.ada, {
      name: 'Finance',
      teamId: desk.finance,
      clock: 'business',
      calendarId: calendar.row.id,
      targets: { medium: { firstResponseMinutes: 180, resolutionMinutes: 600 } },
      atRiskFraction: 0.2,
    });
    const when = (ms: number) => (clock.ms = ms);

    // Monday 5 January 2026 (London is on UTC in winter).
    when(at(5, 9));
    const t1 = await desk.file(desk.yaw);
    when(at(5, 11));
    await desk.reply(desk.kofi, t1, 'Refund on its way');
    when(at(5, 16));
    const t2 = await desk.file(desk.abena);
    when(at(5, 17, 30));
    await desk.change(desk.kofi, t1, { status: 'solved' });
    when(at(6, 10));
    await desk.reply(desk.kofi, t2, 'Looking into it');
    when(at(6, 12));
    const t3 = await desk.file(desk.yaw, { topicId: desk.wifi, priority: 'high' });
    when(at(6, 13));
    await desk.reply(desk.yaw, t1, 'It has not arrived');
    when(at(6, 14));
    await desk.reply(desk.ama, t3, 'Try the other network');
    when(at(7, 10));
    await desk.change(desk.kofi, t1, { status: 'solved' });
    when(at(7, 12));

    const report = await ticketReport(ctx, { viewer: desk.ada, ...range(5, 6) });
    expect(report).toMatchObject({
      from: at(5, 0),
      to: at(7, 0),
      teamIds: null,
      created: 3,
      // T1's last solve is on the 7th.
      solved: 0,
      reopened: 1,
      backlogNow: 2,
      backlog: [
        { date: '2026-01-05', backlog: 1 },
        { date: '2026-01-06', backlog: 3 },
      ],
    });
    // T1 answered in 2 h, T2 after 18 h of which 2 in business hours, T3 (no calendar) in 2 h.
    expect(report.firstResponse.calendar).toEqual({
      count: 3,
      meanMs: Math.round((22 * HOUR) / 3),
      medianMs: 2 * HOUR,
      p90Ms: 18 * HOUR,
    });
    expect(report.firstResponse.business).toMatchObject({
      count: 3,
      medianMs: 2 * HOUR,
      p90Ms: 2 * HOUR,
    });
    expect(report.resolution.calendar.count).toBe(0);
    // T1 and T2 are under Finance's policy, T3 under none.
    expect(report.sla.firstResponse).toEqual({ achieved: 2, breached: 0, open: 0, achievement: 1 });
    expect(report.sla.resolution).toMatchObject({ breached: 1, open: 1 });

    // Solved again on the 7th: 49 h on the calendar, 17 business hours (8 + 8 + 1), counted anew
    // after the reopen rather than kept from the first solve.
    const seventh = await ticketReport(ctx, { viewer: desk.ada, ...range(7, 7) });
    expect(seventh).toMatchObject({ created: 0, solved: 1, reopened: 0, backlog: [] });
    expect(seventh.resolution.calendar).toMatchObject({ count: 1, medianMs: 49 * HOUR });
    expect(seventh.resolution.business).toMatchObject({ count: 1, medianMs: 17 * HOUR });

    // Filters: priority and channel are the ticket's; a lead sees the teams they lead.
    const high = await ticketReport(ctx, { viewer: desk.ada, ...range(5, 6), priority: 'high' });
    expect(high.created).toBe(1);
    const email = await ticketReport(ctx, { viewer: desk.ada, ...range(5, 6), channel: 'email' });
    expect(email.created).toBe(0);
    const lead = await ticketReport(ctx, { viewer: desk.ama, ...range(5, 6) });
    expect(lead).toMatchObject({ teamIds: [desk.it], created: 1, backlogNow: 1 });
    expect(lead.backlog).toEqual([
      { date: '2026-01-05', backlog: 0 },
      { date: '2026-01-06', backlog: 1 },
    ]);
    expect(
      await refusal(ticketReport(ctx, { viewer: desk.ama, ...range(5, 6), teamId: desk.finance })),
    ).toBe('FORBIDDEN');
    expect(await refusal(ticketReport(ctx, { viewer: desk.esi, ...range(5, 6) }))).toBe(
      'FORBIDDEN',
    );
    expect(await refusal(ticketReport(ctx, { viewer: desk.yaw, ...range(5, 6) }))).toBe(
      'FORBIDDEN',
    );
  });
});
