// The next response target against a real database, with the clock in the test's hands: a
// requester's reply after the desk answered starts a wait, the desk's next public reply ends it
// (a note does not), and the sweep warns and records the breach of a wait left unanswered.
import { expect, it } from 'vitest';
import { createSlaPolicy } from '../../../src/services/tickets/slaPolicies.js';
import { getTicket, listTicketHistory } from '../../../src/services/tickets/ticketReader.js';
import { presentTicket } from '../../../src/services/tickets/ticketPresenters.js';
import { FAN_OUT } from '../../../src/services/presenters.js';
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
    targets: {
      medium: { firstResponseMinutes: 60, nextResponseMinutes: 30, resolutionMinutes: 2400 },
    },
    atRiskFraction: 0.2,
  });
}

describeEachDatabase('the next response target', (db) => {
  it('runs from a requester reply to the desk’s next public reply, warned and breached by the sweep', async () => {
    const desk = await makeDesk(db());
    const { ctx, clock } = desk.world;
    await deskPolicy(desk);
    const id = await desk.file(desk.yaw);
    await desk.change(desk.esi, id, { assigneeId: desk.esi.id });
    const row = async () => (await getTicket(ctx, desk.ada, id)).row;

    clock.advance(5 * MIN);
    await desk.reply(desk.esi, id);
    // Answered at first: no wait yet.
    expect((await row()).next_response_state).toBeNull();

    clock.advance(5 * MIN);
    const askedAt = clock.now();
    await desk.reply(desk.yaw, id, 'Still broken');
    clock.advance(2 * MIN);
    await desk.reply(desk.yaw, id, 'Any news?');
    expect(await row()).toMatchObject({
      next_response_state: 'active',
      next_response_due_at: askedAt + 30 * MIN,
    });
    // A note is no answer.
    await desk.note(desk.esi, id);
    expect((await row()).next_response_state).toBe('active');

    clock.advance(23 * MIN);
    const warned = await sweepSlaAlerts(ctx);
    expect(warned.map((a) => `${a.kind} ${a.target}`)).toEqual(['sla_warning next_response']);
    clock.advance(6 * MIN);
    const breached = await sweepSlaAlerts(ctx);
    expect(breached.map((a) => `${a.kind} ${a.target}`)).toEqual(['sla_breach next_response']);
    expect(
      presentTicket(await getTicket(ctx, desk.ada, id), FAN_OUT, clock.now()).sla?.nextResponse,
    ).toMatchObject({
      state: 'breached',
    });

    await desk.reply(desk.esi, id, 'On it');
    expect((await row()).next_response_state).toBe('breached');

    // The next wait is counted afresh, and answered in time.
    clock.advance(MIN);
    const againAt = clock.now();
    await desk.reply(desk.yaw, id, 'Thanks, one more thing');
    expect(await row()).toMatchObject({
      next_response_state: 'active',
      next_response_due_at: againAt + 30 * MIN,
    });
    clock.advance(10 * MIN);
    await desk.reply(desk.esi, id, 'Done');
    expect((await row()).next_response_state).toBe('achieved');
    expect(await sweepSlaAlerts(ctx)).toEqual([]);
    const history = (await listTicketHistory(ctx, desk.ada, id, { limit: 100 })).records;
    expect(history.filter((e) => e.row.field === 'next_response').map((e) => e.row.kind)).toEqual([
      'sla_warning',
      'sla_breach',
    ]);
  });
});
