// The offline form in the browser: outside its team's opening hours the Live Chat page says when
// live chat opens and offers "Leave a message"; the message becomes a request whose page shows
// the desk's automatic reply, and the team's agent finds it in the inbox.
import { beforeAll, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { createCalendar } from '../../src/services/tickets/businessCalendars.js';
import { createTeam, setTeamMember, updateTeam } from '../../src/services/teams/teams.js';
import { createTopic } from '../../src/services/topics/topics.js';
import type { Page as TicketPage } from '../../src/shared/api.js';
import type { Ticket } from '../../src/shared/ticketsApi.js';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import type { Person } from './support/server.js';
import { visible } from './support/ui.js';

describeInBrowser('the offline form', () => {
  const suite = useServerAndBrowser();
  let customer: Person;
  let agent: Person;

  beforeAll(async () => {
    const admin = await suite.server.person('Ada Admin', 'super_admin');
    agent = await suite.server.person('Kofi Boateng', 'admin');
    customer = await suite.server.person('Yaw Asante');
    const { ctx } = suite.server.node;
    // Open all day every day, but closed from yesterday to tomorrow: closed now, whenever now is.
    const today = DateTime.utc().startOf('day');
    const calendar = await createCalendar(ctx, admin, {
      name: 'Term time',
      timeZone: 'UTC',
      weeklyHours: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
          d,
          [{ start: '00:00', end: '24:00' }],
        ]),
      ),
      holidays: [
        { from: today.minus({ days: 1 }).toISODate()!, to: today.plus({ days: 1 }).toISODate()! },
      ],
    });
    const { row } = await createTeam(ctx, admin, { name: 'Finance', description: '' });
    await setTeamMember(ctx, admin, { teamId: row.id, agentId: agent.id, isLead: false });
    await updateTeam(ctx, admin, row.id, { openingHoursCalendarId: calendar.row.id });
    await createTopic(ctx, admin, {
      name: 'Fees',
      slug: 'fees',
      teamId: row.id,
      isDefault: true,
      position: 0,
    });
  });

  it('offers to leave a message outside business hours, and the request appears', async () => {
    const page = await suite.signIn(customer);
    await visible(page.getByRole('heading', { name: 'Leave a message' }));
    await visible(page.getByText(/We're closed — we open \w+ 00:00\./));
    await page.getByLabel('Subject').fill('Fee statement');
    await page.getByLabel('Your message').fill('Please send my fee statement for this term.');
    await page.getByRole('button', { name: 'Leave message' }).click();
    await visible(page.getByRole('heading', { name: 'Fee statement' }));
    expect(new URL(page.url()).pathname).toBe('/requests/1');
    await visible(page.getByText('Please send my fee statement for this term.'));
    await visible(page.getByText(/We are closed right now and open again/));
    expect(page.errors).toEqual([]);

    const agentPage = await suite.signIn(agent);
    const listed = await agentPage.request.get('/api/v1/tickets');
    const inbox = (await listed.json()) as TicketPage<Ticket>;
    expect(inbox.items.map((t) => [t.subject, t.channel, t.team?.name])).toEqual([
      ['Fee statement', 'web', 'Finance'],
    ]);
  });
});
