// Due times counted again after an edit of an SLA policy or a business calendar, against a real
// database: the edit only owes the recount; the housekeeping node works it off in batches, only
// on open tickets, starting a set over when it is edited again meanwhile.
import { expect, it } from 'vitest';
import { addBusinessMinutes } from '../../../src/domain/tickets/businessCalendar.js';
import { runHousekeeping } from '../../../src/services/jobs/housekeeping.js';
import { createCalendar, updateCalendar } from '../../../src/services/tickets/businessCalendars.js';
import { recountSla } from '../../../src/services/tickets/slaRecounts.js';
import {
  createSlaPolicy,
  deleteSlaPolicy,
  updateSlaPolicy,
} from '../../../src/services/tickets/slaPolicies.js';
import { getTicket } from '../../../src/services/tickets/ticketReader.js';
import { describeEachDatabase } from '../../support/databases.js';
import { makeDesk, type Desk } from '../../support/ticketDesk.js';

const MIN = 60_000;
const allDay = [{ start: '00:00', end: '24:00' }];
const everyDay = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, allDay]),
);
const targets = (firstResponseMinutes: number) => ({
  medium: { firstResponseMinutes, resolutionMinutes: null },
});

async function deskPolicy(desk: Desk, teamId: string | null = null, minutes = 60) {
  return createSlaPolicy(desk.world.ctx, desk.ada, {
    name: teamId ? 'Team' : 'Desk',
    teamId,
    clock: 'calendar',
    calendarId: null,
    targets: targets(minutes),
    atRiskFraction: 0.2,
  });
}

const dueOf = async (desk: Desk, id: string) =>
  (await getTicket(desk.world.ctx, desk.ada, id)).row.first_response_due_at;
/** The first response due time `minutes` after the ticket was filed. */
const filedPlus = async (desk: Desk, id: string, minutes: number) =>
  (await getTicket(desk.world.ctx, desk.ada, id)).row.created_at + minutes * MIN;

describeEachDatabase('SLA recounts after an edit', (db) => {
  it('counts the open tickets of an edited policy again in batches, and only those', async () => {
    const desk = await makeDesk(db());
    const { ctx } = desk.world;
    const policy = await deskPolicy(desk);
    const ids = [await desk.file(desk.yaw), await desk.file(desk.yaw), await desk.file(desk.abena)];
    const solved = await desk.file(desk.yaw);
    await desk.change(desk.esi, solved, { status: 'solved' });
    const solvedDue = await dueOf(desk, solved);
    await recountSla(ctx); // nothing owed yet
    const mark = desk.world.published.length;

    await updateSlaPolicy(ctx, desk.ada, policy.row.id, { targets: targets(120) });
    // The edit returns before any ticket is counted again.
    for (const id of ids) expect(await dueOf(desk, id)).toBe(await filedPlus(desk, id, 60));
    expect(await recountSla(ctx, 2)).toBe(2);
    expect(await recountSla(ctx, 2)).toBe(1);
    expect(await recountSla(ctx, 2)).toBe(0);
    for (const id of ids) expect(await dueOf(desk, id)).toBe(await filedPlus(desk, id, 120));
    expect(await dueOf(desk, solved)).toBe(solvedDue);
    const told = desk.world.published
      .slice(mark)
      .flatMap(({ frame }) => (frame.type === 'ticket.updated' ? [frame.changes] : []));
    expect(told).toContainEqual(['sla']);

    // Edited again halfway through: the set starts over with the newest settings.
    await updateSlaPolicy(ctx, desk.ada, policy.row.id, { targets: targets(30) });
    expect(await recountSla(ctx, 2)).toBe(2);
    await updateSlaPolicy(ctx, desk.ada, policy.row.id, { targets: targets(45) });
    expect(await recountSla(ctx, 10)).toBe(3);
    expect(await recountSla(ctx, 10)).toBe(0);
    for (const id of ids) expect(await dueOf(desk, id)).toBe(await filedPlus(desk, id, 45));
  });

  it('moves tickets to a team policy created, and back to the desk when it is deleted', async () => {
    const desk = await makeDesk(db());
    const { ctx } = desk.world;
    await deskPolicy(desk);
    const finance = await desk.file(desk.yaw, { topicId: desk.fees });
    const team = await deskPolicy(desk, desk.finance, 15);
    await recountSla(ctx);
    expect(await getTicket(ctx, desk.ada, finance)).toMatchObject({
      row: {
        sla_policy_id: team.row.id,
        first_response_due_at: await filedPlus(desk, finance, 15),
      },
    });
    await deleteSlaPolicy(ctx, desk.ada, team.row.id);
    await recountSla(ctx);
    expect(await dueOf(desk, finance)).toBe(await filedPlus(desk, finance, 60));
  });

  it('counts again the tickets of the policies on an edited calendar, in housekeeping', async () => {
    const desk = await makeDesk(db());
    const { ctx } = desk.world;
    const calendar = await createCalendar(ctx, desk.ada, {
      name: 'Always',
      timeZone: 'Europe/London',
      weeklyHours: everyDay,
      holidays: [],
    });
    await createSlaPolicy(ctx, desk.ada, {
      name: 'Desk',
      teamId: null,
      clock: 'business',
      calendarId: calendar.row.id,
      targets: targets(60),
      atRiskFraction: 0.2,
    });
    const id = await desk.file(desk.yaw);
    const filedAt = (await getTicket(ctx, desk.ada, id)).row.created_at;
    expect(await dueOf(desk, id)).toBe(filedAt + 60 * MIN);
    const today = new Date(filedAt).toISOString().slice(0, 10);
    const edited = await updateCalendar(ctx, desk.ada, calendar.row.id, { holidays: [today] });
    expect(await dueOf(desk, id)).toBe(filedAt + 60 * MIN);
    expect(await runHousekeeping(ctx, 10_000)).toBe(true);
    const expected = addBusinessMinutes(edited.calendar, new Date(filedAt), 60).getTime();
    expect(expected).toBeGreaterThan(filedAt + 60 * MIN);
    expect(await dueOf(desk, id)).toBe(expected);
  });
});
