// The SLA sweep against a real database with the clock in the test's hands: a warning once a
// target is at risk and a breach once it is missed, each recorded once in the history however
// often (and however concurrently) the sweep runs, told to the assignee and the team's leads and
// never to the requester; nothing while the resolution clock is paused.
import { expect, it } from 'vitest';
import { createSlaPolicy } from '../../../src/services/tickets/slaPolicies.js';
import { getTicket, listTicketHistory } from '../../../src/services/tickets/ticketReader.js';
import { sweepSlaAlerts } from '../../../src/services/tickets/ticketSlaSweeper.js';
import { describeEachDatabase } from '../../support/databases.js';
import { makeDesk, type Desk } from '../../support/ticketDesk.js';

const MIN = 60_000;

async function deskPolicy(desk: Desk) {
  await createSlaPolicy(desk.world.ctx, desk.ada, {
    name: 'Desk',
    teamId: null,
    clock: 'calendar',
    calendarId: null,
    targets: { medium: { firstResponseMinutes: 60, resolutionMinutes: 240 } },
    atRiskFraction: 0.2,
  });
}

/** The `ticket.sla` frames published since `from`, as `topic: alert target`. */
const slaFrames = (desk: Desk, from = 0) =>
  desk.world.published
    .slice(from)
    .flatMap(({ topic, frame }) =>
      frame.type === 'ticket.sla' ? [`${topic}: ${frame.alert} ${frame.target}`] : [],
    );

const alertsOf = async (desk: Desk, id: string) =>
  (await listTicketHistory(desk.world.ctx, desk.ada, id, { limit: 100 })).records
    .filter((e) => e.row.kind === 'sla_warning' || e.row.kind === 'sla_breach')
    .map((e) => `${e.row.kind} ${e.row.field}`);

describeEachDatabase('the SLA sweep', (db) => {
  it('warns when a target is at risk and records its breach, once each, to the desk only', async () => {
    const desk = await makeDesk(db());
    const { ctx, clock } = desk.world;
    await deskPolicy(desk);
    const filedAt = clock.now();
    const id = await desk.file(desk.yaw);
    await desk.change(desk.esi, id, { assigneeId: desk.esi.id });
    const until = (minutes: number) => clock.advance(filedAt + minutes * MIN - clock.now());

    until(47);
    expect(await sweepSlaAlerts(ctx)).toEqual([]);
    until(49);
    const mark = desk.world.published.length;
    const [warning, ...more] = await sweepSlaAlerts(ctx);
    expect(more).toEqual([]);
    expect(warning).toMatchObject({
      target: 'first_response',
      kind: 'sla_warning',
      dueAt: new Date(filedAt + 60 * MIN),
    });
    expect(warning!.recipientIds.sort()).toEqual([desk.esi.id, desk.kofi.id].sort());
    expect(slaFrames(desk, mark).sort()).toEqual(
      [
        `user:${desk.esi.id}: warning first_response`,
        `user:${desk.kofi.id}: warning first_response`,
      ].sort(),
    );
    // Looked at again only when the breach falls due; swept twice at once, it records nothing more.
    expect((await getTicket(ctx, desk.ada, id)).row.sla_check_at).toBe(filedAt + 60 * MIN + 1);
    expect(await Promise.all([sweepSlaAlerts(ctx), sweepSlaAlerts(ctx)])).toEqual([[], []]);

    until(61);
    const [breaches] = await Promise.all([sweepSlaAlerts(ctx), sweepSlaAlerts(ctx)]).then(
      (runs) => [runs.flat()],
    );
    expect(breaches!.map((a) => `${a.kind} ${a.target}`)).toEqual(['sla_breach first_response']);
    expect(await sweepSlaAlerts(ctx)).toEqual([]);
    expect(await alertsOf(desk, id)).toEqual([
      'sla_warning first_response',
      'sla_breach first_response',
    ]);
    expect(slaFrames(desk).filter((f) => f.startsWith(`user:${desk.yaw.id}`))).toEqual([]);

    // The reply ends the first response; the resolution target warns in its turn.
    await desk.reply(desk.esi, id, 'Looking into it');
    until(193);
    expect((await sweepSlaAlerts(ctx)).map((a) => `${a.kind} ${a.target}`)).toEqual([
      'sla_warning resolution',
    ]);
  });

  it('owes nothing while the resolution clock is paused, and picks up again on reopening', async () => {
    const desk = await makeDesk(db());
    const { ctx, clock } = desk.world;
    await deskPolicy(desk);
    const id = await desk.file(desk.yaw);
    await desk.reply(desk.esi, id, 'Please send the receipt', { status: 'pending' });
    expect((await getTicket(ctx, desk.ada, id)).row.sla_check_at).toBeNull();
    clock.advance(300 * MIN);
    expect(await sweepSlaAlerts(ctx)).toEqual([]);
    // The requester answers: the clock resumes with what was left (about 238 minutes).
    await desk.reply(desk.yaw, id, 'Here it is');
    clock.advance(200 * MIN);
    expect((await sweepSlaAlerts(ctx)).map((a) => `${a.kind} ${a.target}`)).toEqual([
      'sla_warning resolution',
    ]);
  });

  it('leaves tickets without an SLA out of the sweep', async () => {
    const desk = await makeDesk(db());
    const id = await desk.file(desk.yaw);
    expect((await getTicket(desk.world.ctx, desk.ada, id)).row.sla_check_at).toBeNull();
  });
});
