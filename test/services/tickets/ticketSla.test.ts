// SLA due times, the automatic close and custom fields against a real database, with the clock
// in the test's hands: due times set on filing, met by the first reply, paused while pending and
// resumed with what was left, counted on business hours; solved tickets closing after N days,
// once, on any number of sweeps; field values checked on every write and recorded in the history.
import { expect, it } from 'vitest';
import { createCalendar } from '../../../src/services/tickets/businessCalendars.js';
import { createSlaPolicy } from '../../../src/services/tickets/slaPolicies.js';
import { closeSolvedTickets } from '../../../src/services/tickets/ticketAutoCloser.js';
import {
  createTicketField,
  deleteTicketField,
} from '../../../src/services/tickets/ticketFields.js';
import {
  presentTicket,
  presentTicketEvent,
} from '../../../src/services/tickets/ticketPresenters.js';
import {
  getTicket,
  listTicketHistory,
  listTickets,
} from '../../../src/services/tickets/ticketReader.js';
import { FAN_OUT } from '../../../src/services/presenters.js';
import type { CreateTicketFieldBody } from '../../../src/shared/ticketSettingsApi.js';
import { describeEachDatabase } from '../../support/databases.js';
import { makeDesk, refusal, type Desk } from '../../support/ticketDesk.js';
import { makeWorld } from '../../support/world.js';

const MIN = 60_000;
const DAY = 86_400_000;

async function deskPolicy(desk: Desk, teamId: string | null = null) {
  await createSlaPolicy(desk.world.ctx, desk.ada, {
    name: 'Desk',
    teamId,
    clock: 'calendar',
    calendarId: null,
    targets: { medium: { firstResponseMinutes: 60, resolutionMinutes: 240 } },
    atRiskFraction: 0.2,
  });
}

const field = (
  body: Partial<CreateTicketFieldBody> & Pick<CreateTicketFieldBody, 'key' | 'type'>,
) => ({
  label: body.key,
  required: false,
  maxLength: null,
  min: null,
  max: null,
  integer: false,
  options: null,
  position: 0,
  ...body,
});

describeEachDatabase('ticket SLA, automatic close and fields', (db) => {
  it('sets the due times on filing, meets the first response, pauses while pending and resumes', async () => {
    const desk = await makeDesk(db());
    const { ctx, clock } = desk.world;
    await deskPolicy(desk);
    const filedAt = clock.now();
    const id = await desk.file(desk.yaw);
    const row = async () => (await getTicket(ctx, desk.ada, id)).row;
    expect(await row()).toMatchObject({
      first_response_due_at: filedAt + 60 * MIN,
      first_response_state: 'active',
      resolution_due_at: filedAt + 240 * MIN,
      resolution_state: 'active',
      next_due_at: filedAt + 60 * MIN,
    });
    clock.advance(30 * MIN);
    await desk.reply(desk.esi, id, 'On it');
    expect(await row()).toMatchObject({
      first_response_state: 'achieved',
      next_due_at: filedAt + 240 * MIN,
    });
    clock.advance(30 * MIN);
    const pendingAt = clock.now();
    await desk.change(desk.esi, id, { status: 'pending' });
    expect(await row()).toMatchObject({
      resolution_state: 'paused',
      resolution_due_at: null,
      next_due_at: null,
    });
    const paused = presentTicket(await getTicket(ctx, desk.ada, id), FAN_OUT, clock.now());
    expect(paused.sla).toMatchObject({ resolution: { state: 'paused', dueAt: null } });
    clock.advance(120 * MIN);
    const reopenedAt = clock.now();
    await desk.reply(desk.yaw, id, 'Here is the receipt');
    const used = pendingAt - filedAt;
    const due = reopenedAt + 240 * MIN - used;
    expect(await row()).toMatchObject({
      status: 'open',
      resolution_state: 'active',
      resolution_due_at: due,
      next_due_at: due,
    });
    // Past due with nothing written since: shown as breached.
    const late = presentTicket(await getTicket(ctx, desk.ada, id), FAN_OUT, due + MIN);
    expect(late.sla?.resolution).toEqual({ state: 'breached', dueAt: new Date(due).toISOString() });
  });

  it('counts on the team’s business hours, and the team’s policy before the desk’s', async () => {
    const world = makeWorld(db());
    // Friday 16:00 in London (UTC in January).
    world.clock.ms = Date.UTC(2026, 0, 9, 16, 0);
    const desk = await makeDesk(db(), world);
    const { ctx } = world;
    await deskPolicy(desk);
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
      targets: { medium: { firstResponseMinutes: 120, resolutionMinutes: null } },
      atRiskFraction: 0.2,
    });
    world.clock.ms = Date.UTC(2026, 0, 9, 16, 0);
    const finance = await desk.file(desk.yaw);
    const it = await desk.file(desk.yaw, { topicId: desk.wifi });
    const financeRow = (await getTicket(ctx, desk.ada, finance)).row;
    // One business hour left on Friday, the other on Monday from 09:00.
    expect(financeRow.first_response_due_at).toBe(Date.UTC(2026, 0, 12, 10, 0));
    expect(financeRow.resolution_due_at).toBeNull();
    const itRow = (await getTicket(ctx, desk.ada, it)).row;
    expect(itRow.first_response_due_at).toBe(Date.UTC(2026, 0, 9, 16, 0, 1) + 60 * MIN);
    // Moving it to IT counts it by the desk's policy from then on.
    await desk.change(desk.kofi, finance, { teamId: desk.it });
    expect((await getTicket(ctx, desk.ada, finance)).row.resolution_due_at).not.toBeNull();
  });

  it('sorts by the soonest due time, tickets without one last, page after page', async () => {
    const desk = await makeDesk(db());
    const { ctx, clock } = desk.world;
    await deskPolicy(desk, desk.finance);
    const noSla = await desk.file(desk.yaw, { topicId: desk.wifi });
    const later = await desk.file(desk.yaw);
    clock.advance(-10 * MIN);
    const sooner = await desk.file(desk.yaw);
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listTickets(ctx, desk.ada, { sort: 'due', limit: 1, cursor });
      ids.push(...page.items.map((t) => t.row.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(ids).toEqual([sooner, later, noSla]);
  });

  it('closes solved tickets after the configured days, once, whoever sweeps', async () => {
    const desk = await makeDesk(db(), makeWorld(db(), { ticketAutoCloseDays: 2 }));
    const { ctx, clock } = desk.world;
    const solved = await desk.file(desk.yaw);
    const reopened = await desk.file(desk.yaw);
    const open = await desk.file(desk.yaw);
    await desk.change(desk.esi, solved, { status: 'solved' });
    await desk.change(desk.esi, reopened, { status: 'solved' });
    clock.advance(DAY);
    await desk.reply(desk.yaw, reopened, 'Not fixed after all');
    clock.advance(DAY - 10_000);
    expect(await closeSolvedTickets(ctx)).toEqual([]);
    clock.advance(10_000);
    const sweeps = await Promise.all([closeSolvedTickets(ctx), closeSolvedTickets(ctx)]);
    expect(sweeps.flat()).toEqual([solved]);
    const statuses = await Promise.all(
      [solved, reopened, open].map(async (id) => (await getTicket(ctx, desk.ada, id)).row.status),
    );
    expect(statuses).toEqual(['closed', 'open', 'new']);
    const history = await listTicketHistory(ctx, desk.ada, solved, { limit: 50 });
    const closes = history.records.filter(
      (e) => e.row.kind === 'status' && e.row.to_value === '"closed"',
    );
    expect(closes.map((e) => presentTicketEvent(e, FAN_OUT))).toMatchObject([
      { from: 'solved', to: 'closed', actor: null },
    ]);
    expect((await getTicket(ctx, desk.ada, solved)).row.closed_at).toBe(clock.now());
  });

  it('checks custom field values on filing and on change, and records each change', async () => {
    const desk = await makeDesk(db());
    const { ctx } = desk.world;
    const define = (body: Parameters<typeof field>[0]) =>
      createTicketField(ctx, desk.ada, field(body));
    await define({
      key: 'programme',
      label: 'Programme',
      type: 'select',
      options: ['BSc', 'MSc'],
      required: true,
    });
    const studentId = await define({
      key: 'student_id',
      label: 'Student ID',
      type: 'text',
      maxLength: 8,
    });
    await define({ key: 'year', label: 'Year', type: 'number', integer: true, min: 1, max: 6 });
    expect(await refusal(desk.file(desk.yaw))).toBe('VALIDATION_FAILED');
    expect(await refusal(desk.file(desk.yaw, { fields: { programme: 'BSc', year: 2.5 } }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(await refusal(desk.file(desk.yaw, { fields: { programme: 'PhD' } }))).toBe(
      'VALIDATION_FAILED',
    );
    const id = await desk.file(desk.yaw, {
      fields: { programme: 'BSc', student_id: '  10042  ', year: 2 },
    });
    expect((await getTicket(ctx, desk.yaw, id)).fields).toEqual({
      programme: 'BSc',
      student_id: '10042',
      year: 2,
    });
    await desk.change(desk.esi, id, { fields: { year: 3, student_id: null } });
    expect((await getTicket(ctx, desk.esi, id)).fields).toEqual({ programme: 'BSc', year: 3 });
    expect(await refusal(desk.change(desk.esi, id, { fields: { programme: null } }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(await refusal(desk.change(desk.yaw, id, { fields: { year: 4 } }))).toBe('FORBIDDEN');
    const { records } = await listTicketHistory(ctx, desk.esi, id, { limit: 50 });
    expect(
      records.filter((e) => e.row.kind === 'field').map((e) => presentTicketEvent(e, FAN_OUT)),
    ).toMatchObject([
      { field: 'student_id', from: '10042', to: null },
      { field: 'year', from: 2, to: 3 },
    ]);
    await deleteTicketField(ctx, desk.ada, studentId.row.id);
    expect(await refusal(deleteTicketField(ctx, desk.esi, studentId.row.id))).toBe('FORBIDDEN');
  });
});
