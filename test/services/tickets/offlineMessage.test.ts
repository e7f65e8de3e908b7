// Opening hours and the offline form against a real database: a team with office hours is
// closed at the weekend (availability says when it opens, a chat is refused, chats waiting
// already stay), and a message left then becomes the team's ticket with an automatic reply.
import { expect, it } from 'vitest';
import { deleteCalendar, createCalendar } from '../../../src/services/tickets/businessCalendars.js';
import { leaveOfflineMessage } from '../../../src/services/tickets/offlineMessage.js';
import { listTicketMessages } from '../../../src/services/tickets/ticketReader.js';
import { setTeamMember, updateTeam } from '../../../src/services/teams/teams.js';
import { liveChatAvailability } from '../../../src/services/topics/liveChatAvailability.js';
import { createVisitor } from '../../../src/services/visitors/visitorCreator.js';
import { findUserById } from '../../../src/storage/repositories/users.js';
import { findSessionRecord } from '../../../src/storage/repositories/sessions/sessionRecords.js';
import { describeEachDatabase } from '../../support/databases.js';
import { makeDesk, refusal, type Desk } from '../../support/ticketDesk.js';

const HOUR = 3_600_000;
/** Saturday 10 January 2026, noon in London: Finance opens on Monday at 09:00. */
const SATURDAY = Date.UTC(2026, 0, 10, 12, 0, 0);

/** Finance keeps office hours (Mon–Fri 09:00–17:00, London); IT has none (always open). */
async function officeHours(desk: Desk) {
  const { ctx } = desk.world;
  const calendar = await createCalendar(ctx, desk.ada, {
    name: 'Office',
    timeZone: 'Europe/London',
    weeklyHours: Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '17:00' }]]),
    ),
    holidays: [],
  });
  const team = await updateTeam(ctx, desk.ada, desk.finance, {
    openingHoursCalendarId: calendar.row.id,
  });
  expect(team.openingHours).toEqual({ id: calendar.row.id, name: 'Office' });
  return calendar.row.id;
}

async function stateOf(desk: Desk, topicId: string) {
  const [item] = await liveChatAvailability(desk.world.ctx, { topicId });
  return item;
}

describeEachDatabase('opening hours and the offline form', (db) => {
  it('tells per topic whether live chat is open, and when a closed team opens', async () => {
    const desk = await makeDesk(db());
    const { ctx, clock } = desk.world;
    await officeHours(desk);
    // Monday 5 January, 09:00 London: open, but Finance's agents take no chats on their own.
    expect(await stateOf(desk, desk.fees)).toMatchObject({ state: 'no_agents', opensAt: null });
    const nana = await desk.world.agent('Nana');
    await setTeamMember(ctx, desk.ada, { teamId: desk.finance, agentId: nana.id, isLead: false });
    expect(await stateOf(desk, desk.fees)).toMatchObject({ state: 'available' });
    clock.ms = SATURDAY;
    const all = await liveChatAvailability(ctx, {});
    expect(all).toEqual([
      {
        topicId: desk.fees,
        teamId: desk.finance,
        state: 'closed',
        opensAt: Date.UTC(2026, 0, 12, 9, 0, 0),
        timeZone: 'Europe/London',
      },
      { topicId: desk.wifi, teamId: desk.it, state: 'no_agents', opensAt: null, timeZone: null },
    ]);
    expect(await refusal(liveChatAvailability(ctx, { topicId: 'nope' }))).toBe('VALIDATION_FAILED');
  });

  it('refuses a chat on a closed team and keeps the chats already waiting', async () => {
    const desk = await makeDesk(db());
    const { ctx, clock } = desk.world;
    await officeHours(desk);
    clock.ms = Date.UTC(2026, 0, 9, 16, 30, 0); // Friday 16:30
    const waiting = await desk.world.startChat(desk.yaw, { topicId: desk.fees });
    clock.ms = SATURDAY;
    expect(await refusal(desk.world.startChat(desk.abena, { topicId: desk.fees }))).toBe(
      'TEAM_CLOSED',
    );
    // Fees is the default topic: a chat without one is refused too; IT's topic is open.
    expect(await refusal(desk.world.startChat(desk.abena))).toBe('TEAM_CLOSED');
    await desk.world.startChat(desk.abena, { topicId: desk.wifi });
    expect((await findSessionRecord(ctx.store.db, waiting))?.row.status).toBe('waiting');
  });

  it('makes a ticket of the team with an automatic reply saying when it opens', async () => {
    const desk = await makeDesk(db());
    const { ctx, clock } = desk.world;
    await officeHours(desk);
    clock.ms = SATURDAY;
    const ticket = await leaveOfflineMessage(ctx, {
      viewer: desk.yaw,
      body: {
        topicId: desk.fees,
        subject: 'Refund',
        message: 'Please refund my fees',
        timeZone: 'America/New_York',
      },
    });
    expect(ticket.row).toMatchObject({
      team_id: desk.finance,
      channel: 'web',
      requester_id: desk.yaw.id,
      status: 'new',
      first_responded_at: null,
    });
    const thread = await listTicketMessages(ctx, desk.yaw, ticket.row.id, { limit: 50 });
    expect(thread.records.map(({ row }) => [row.author_id, row.kind, row.body])).toEqual([
      [desk.yaw.id, 'reply', 'Please refund my fees'],
      [
        null,
        'reply',
        'Thank you for your message. We are closed right now and open again Monday 12 January, 04:00 (America/New_York): someone will answer you here then.',
      ],
    ]);
  });

  it('says "as soon as possible" while the team is open but nobody is free', async () => {
    const desk = await makeDesk(db());
    const ticket = await leaveOfflineMessage(desk.world.ctx, {
      viewer: desk.yaw,
      body: { topicId: desk.wifi, subject: 'Wi-Fi', message: 'It is down' },
    });
    const thread = await listTicketMessages(desk.world.ctx, desk.yaw, ticket.row.id, { limit: 9 });
    expect(thread.records.at(-1)?.row.body).toMatch(/as soon as possible/);
    expect(ticket.row.team_id).toBe(desk.it);
  });

  it('asks a visitor for an address to answer at, and keeps it', async () => {
    const desk = await makeDesk(db());
    const { ctx } = desk.world;
    const { user } = await createVisitor(ctx, {
      name: 'Kwame',
      client: { ip: '203.0.113.9', userAgent: 'test' },
    });
    const visitor = { id: user.id, role: user.role };
    const body = { topicId: desk.wifi, subject: 'Wi-Fi', message: 'It is down' };
    expect(await refusal(leaveOfflineMessage(ctx, { viewer: visitor, body }))).toBe(
      'VALIDATION_FAILED',
    );
    const email = 'kwame@example.org';
    await leaveOfflineMessage(ctx, { viewer: visitor, body: { ...body, email } });
    expect((await findUserById(ctx.store.db, user.id))?.contact_email).toBe(email);
    // Left once, it is not asked again.
    await leaveOfflineMessage(ctx, { viewer: visitor, body });
  });

  it('keeps a calendar that is a team’s opening hours, and refuses an unknown one', async () => {
    const desk = await makeDesk(db());
    const { ctx } = desk.world;
    const calendarId = await officeHours(desk);
    expect(await refusal(deleteCalendar(ctx, desk.ada, calendarId))).toBe('CALENDAR_IN_USE');
    expect(
      await refusal(updateTeam(ctx, desk.ada, desk.it, { openingHoursCalendarId: 'nope' })),
    ).toBe('NOT_FOUND');
    const always = await updateTeam(ctx, desk.ada, desk.finance, { openingHoursCalendarId: null });
    expect(always.openingHours).toBeNull();
    desk.world.clock.ms = SATURDAY + HOUR;
    expect((await stateOf(desk, desk.fees))?.state).not.toBe('closed');
    await deleteCalendar(ctx, desk.ada, calendarId);
  });
});
