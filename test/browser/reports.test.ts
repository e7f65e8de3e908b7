// The Reports page: four chats of two teams (answered and rated, answered and rated low,
// abandoned in the queue, ended unanswered and rated), two survey answers and a comment, and two
// chats of no team the week before are counted by the rollup worker (run here rather than waited
// for), then a super admin reads their tiles (against the week before), ratings, chats per day,
// heatmap and survey results, narrows them to one team in the address, links a past period with
// no chats; a team lead finds Reports in the Admin menu and only the team they lead in its team
// filter (and only its agents in the agent table, which sorts by any column); an agent who
// leads no team has no link.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { updateOwnAgentState } from '../../src/services/agents/agentStatus.js';
import { sendMessage } from '../../src/services/messages/messageSender.js';
import { heatmapCell } from '../../src/domain/reports/heatmap.js';
import { rollUpDirtyHours } from '../../src/services/reports/chatRollupWorker.js';
import { answerChatSurvey } from '../../src/services/surveys/chatSurveyAnswerer.js';
import { setSurveyQuestions } from '../../src/services/surveys/surveyQuestions.js';
import { assignSession } from '../../src/services/sessions/chatAssigner.js';
import { endSession } from '../../src/services/sessions/sessionEnder.js';
import { rateSession } from '../../src/services/sessions/sessionRater.js';
import { startSession } from '../../src/services/sessions/sessionStarter.js';
import { createTicket } from '../../src/services/tickets/ticketCreator.js';
import { replyToTicket } from '../../src/services/tickets/ticketReplier.js';
import { CreateTicketBody } from '../../src/shared/ticketsApi.js';
import { createTeam, setTeamMember } from '../../src/services/teams/teams.js';
import { createTopic } from '../../src/services/topics/topics.js';
import { insertReportChats } from '../support/reportChats.js';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import type { Person } from './support/server.js';
import { until, visible, type SignedInPage } from './support/ui.js';

/** Each tile's label and value (its first line), as the page shows them, of chats or tickets. */
const tiles = (page: Page, of = 'Chat metrics'): Promise<Record<string, string>> =>
  page
    .locator(`dl[aria-label="${of}"] .report-tile`)
    .evaluateAll((items) =>
      Object.fromEntries(
        items.map((item) => [
          item.querySelector('dt')!.textContent,
          item.querySelector('.report-tile__value')!.textContent,
        ]),
      ),
    );

/** The agent table's rows, as shown: each cell's text. */
const agentRows = (page: Page): Promise<string[][]> =>
  page
    .getByRole('region', { name: 'Agents' })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent!)));

/** The ratings table's rows: rating → chats. */
const ratingRows = (page: Page): Promise<string[][]> =>
  page
    .getByRole('table', { name: /Chats by rating/ })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent!)));

/** A table's body rows as the texts of their cells. */
const tableRows = (page: Page, name: RegExp): Promise<string[][]> =>
  page
    .getByRole('table', { name })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent!)));

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

describeInBrowser('reports', () => {
  const suite = useServerAndBrowser();
  let admin: Person;
  let kofi: Person;
  let esi: Person;
  let financeId: string;
  /** "Monday 10:00" → chats the heatmap should show there. */
  const heatmapCells = new Map<string, number>();

  beforeAll(async () => {
    const { ctx } = suite.server.node;
    admin = await suite.server.person('Ada Admin', 'super_admin');
    kofi = await suite.server.person('Kofi Boateng', 'admin');
    esi = await suite.server.person('Esi Owusu', 'admin');
    const abena = await suite.server.person('Abena Ofori', 'admin');
    const customers = await Promise.all(
      ['Yaw Asante', 'Ama Mensah', 'Kojo Annan', 'Efua Sarpong'].map((name) =>
        suite.server.person(name),
      ),
    );
    const [yaw, ama, kojo, efua] = customers as [Person, Person, Person, Person];

    const finance = await createTeam(ctx, admin, { name: 'Finance', description: '' });
    const it = await createTeam(ctx, admin, { name: 'IT Support', description: '' });
    financeId = finance.row.id;
    for (const [team, agent, isLead] of [
      [finance, kofi, true],
      [finance, esi, false],
      [it, abena, true],
    ] as const) {
      await setTeamMember(ctx, admin, { teamId: team.row.id, agentId: agent.id, isLead });
    }
    const topic = async (teamId: string, slug: string, position: number) =>
      (
        await createTopic(ctx, admin, {
          name: slug,
          slug,
          teamId,
          isDefault: position === 0,
          position,
        })
      ).row.id;
    const fees = await topic(finance.row.id, 'fees', 0);
    const wifi = await topic(it.row.id, 'wifi', 1);

    // On duty, taking nothing by themselves: each chat waits until it is assigned.
    for (const agent of [esi, abena]) {
      await suite.signIn(agent);
      await updateOwnAgentState(ctx, agent, { status: 'online', autoAssign: false });
    }
    const start = async (viewer: Person, topicId: string) => {
      const { row } = await startSession(ctx, {
        viewer,
        subject: `${viewer.name}'s question`,
        priority: 'medium',
        message: 'Hello?',
        topicId,
      });
      const { weekday, hour } = heatmapCell(row.started_at, ctx.settings.timeZone);
      const cell = `${WEEKDAYS[weekday - 1]} ${String(hour).padStart(2, '0')}:00`;
      heatmapCells.set(cell, (heatmapCells.get(cell) ?? 0) + 1);
      return row.id;
    };
    const [question] = await setSurveyQuestions(ctx, admin, {
      questions: [{ text: 'Was the answer clear?' }],
    });

    // Finance: answered, rated 5; answered, ended by the agent, rated 2; abandoned.
    const answered = await start(yaw, fees);
    await assignSession(ctx, { viewer: admin, sessionId: answered, agentId: esi.id });
    await sendMessage(ctx, { viewer: esi, sessionId: answered, text: 'Hi Yaw' });
    await endSession(ctx, {
      viewer: yaw,
      sessionId: answered,
      rating: 5,
      feedback: 'Quick and kind, thank you',
    });
    const ratedLow = await start(ama, fees);
    await assignSession(ctx, { viewer: admin, sessionId: ratedLow, agentId: esi.id });
    await sendMessage(ctx, { viewer: esi, sessionId: ratedLow, text: 'Hi Ama' });
    await endSession(ctx, { viewer: esi, sessionId: ratedLow });
    await rateSession(ctx, { viewer: ama, sessionId: ratedLow, rating: 2 });
    for (const [viewer, sessionId, value] of [
      [yaw, answered, 4],
      [ama, ratedLow, 2],
    ] as const) {
      await answerChatSurvey(ctx, {
        viewer,
        sessionId,
        answers: [{ questionId: question!.id, value }],
      });
    }
    const abandoned = await start(kojo, fees);
    await endSession(ctx, { viewer: kojo, sessionId: abandoned });
    // IT Support: assigned, never answered, rated 4 all the same.
    const unanswered = await start(efua, wifi);
    await assignSession(ctx, { viewer: admin, sessionId: unanswered, agentId: abena.id });
    await endSession(ctx, { viewer: abena, sessionId: unanswered });
    await rateSession(ctx, { viewer: efua, sessionId: unanswered, rating: 4 });

    // A request, answered: the ticket half of the page.
    const ticket = await createTicket(ctx, {
      viewer: yaw,
      body: CreateTicketBody.parse({ subject: 'Refund', message: 'Please refund', topicId: fees }),
    });
    await replyToTicket(ctx, {
      viewer: esi,
      ticketId: ticket.row.id,
      body: 'On its way',
      kind: 'reply',
    });

    // The week before: two chats of no team, nine days ago (outside the last 7 days, inside the
    // 7 days before them, and outside Finance's report).
    const nineDaysAgo = Date.now() - 9 * 86_400_000;
    await insertReportChats(ctx, yaw.id, [
      { startedAt: nineDaysAgo, firstAssignedAt: nineDaysAgo + 60_000 },
      { startedAt: nineDaysAgo + 60_000 },
    ]);

    // What housekeeping does every period, now; whatever it has counted already stays counted.
    while ((await rollUpDirtyHours(ctx)) > 0);
  });

  let adminPage: SignedInPage;

  it("shows a super admin every chat's numbers, with a definition under each", async () => {
    adminPage = await suite.signIn(admin);
    await adminPage.getByRole('button', { name: 'Admin', exact: true }).click();
    await adminPage.getByRole('link', { name: 'Reports' }).click();
    await visible(adminPage.getByRole('heading', { name: 'Reports' }));
    await visible(adminPage.locator('.report-tile'));
    expect(await tiles(adminPage)).toEqual({
      Chats: '4',
      'Median wait': expect.stringMatching(/^(< 1 s|\d+ s)$/),
      '90th percentile wait': expect.stringMatching(/^(< 1 s|\d+ s)$/),
      'Median first response': expect.stringMatching(/^(< 1 s|\d+ s)$/),
      'Median handle time': expect.stringMatching(/^(< 1 s|\d+ s)$/),
      Abandoned: '1',
      Unanswered: '1',
      Transfers: '0',
      CSAT: '67 %',
    });
    const csat = adminPage.locator('.report-tile').filter({ hasText: 'CSAT' });
    await visible(csat.getByText('3 ratings'));
    await visible(csat.getByText('The share of rated chats rated 4 or 5 out of 5.'));
    await visible(
      adminPage.locator('.report-tile').filter({ hasText: 'Median wait' }).getByText('of 3 chats'),
    );
    expect(await ratingRows(adminPage)).toEqual([
      ['1 of 5', '0'],
      ['2 of 5', '1'],
      ['3 of 5', '0'],
      ['4 of 5', '1'],
      ['5 of 5', '1'],
    ]);
    // The chart is drawn beside the table (uPlot's canvas), hidden from screen readers.
    await visible(adminPage.locator('.report-chart[aria-hidden="true"] canvas'));
    // Against the 7 days before: twice the chats (neither better nor worse), no ratings then.
    const change = (label: string) =>
      adminPage
        .locator('.report-tile')
        .filter({ has: adminPage.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
        .locator('.report-tile__change');
    await visible(change('Chats').getByText('▲ 100 % vs previous 7 days'));
    expect(await change('Chats').locator('.sr-only').textContent()).toBe(
      'up 100 % vs previous 7 days',
    );
    await visible(change('CSAT').getByText('none in the previous 7 days'));
    expect(await change('Abandoned').textContent()).toContain('from 0 vs previous 7 days');
    expect(await change('Abandoned').getAttribute('class')).toContain('--worse');
    // Chats per day: two charts, and the table beside them adds up to the four chats.
    await until(async () =>
      expect(await adminPage.locator('.report-charts .report-chart canvas').count()).toBe(2),
    );
    const days = await tableRows(adminPage, /per day/);
    expect(days.length).toBeGreaterThanOrEqual(7);
    expect(days.reduce((sum, [, chats]) => sum + Number(chats), 0)).toBe(4);
    // The heatmap: Monday first, 24 hours, each chat in the cell of its start on the desk's clock.
    const rows = await tableRows(adminPage, /by weekday and hour/);
    expect(rows.map((row) => row[0])).toEqual(WEEKDAYS.map((day) => day.slice(0, 3) + day));
    expect(rows.every((row) => row.length === 25)).toBe(true);
    for (const [cell, chats] of heatmapCells) {
      const [weekday, hour] = cell.split(' ') as [string, string];
      expect(rows[WEEKDAYS.indexOf(weekday)]![Number(hour.slice(0, 2)) + 1], cell).toBe(
        String(chats),
      );
    }
    const shown = rows.flatMap((row) => row.slice(1)).map((text) => Number(text) || 0);
    expect(shown.reduce((a, b) => a + b, 0)).toBe(4);
    // Survey results: the question's two answers and their mean, and the newest comment.
    const questions = await tableRows(adminPage, /survey question/);
    expect(questions.map((row) => row.slice(0, 3))).toEqual([
      ['Was the answer clear?', '2', '3.00 of 5'],
    ]);
    // Against the 7 days before, when nobody answered it.
    expect(questions[0]?.[3]).toContain('none in the previous 7 days');
    const comments = adminPage.getByRole('list', { name: /Rating comments/ });
    await visible(comments.getByText('Quick and kind, thank you'));
    await visible(comments.getByText(/Rated 5 of 5 · Esi Owusu/));
    await visible(adminPage.locator('dl[aria-label="Ticket metrics"] .report-tile'));
    expect(await tiles(adminPage, 'Ticket metrics')).toMatchObject({
      Created: '1',
      Solved: '0',
      'Backlog now': '1',
      'Median first response': expect.stringMatching(/^(< 1 s|\d+ s)$/),
    });
    // The ticket tiles compare too: no ticket was created in the 7 days before.
    const ticketChange = adminPage
      .locator('dl[aria-label="Ticket metrics"] .report-tile')
      .filter({ has: adminPage.locator('dt', { hasText: /^Created$/ }) })
      .locator('.report-tile__change');
    await visible(ticketChange.getByText('▲ from 0 vs previous 7 days'));
    expect(adminPage.errors).toEqual([]);
  });

  it('lists every agent with their chats, CSAT and time online, sorted by the header clicked', async () => {
    await visible(adminPage.getByRole('heading', { name: 'Agents' }));
    await until(async () => expect((await agentRows(adminPage)).length).toBe(4));
    const rows = await agentRows(adminPage);
    // By name: agent, chats, median first response, CSAT, online, busy, away, utilisation.
    expect(rows.map((row) => row[0])).toEqual([
      'Abena Ofori',
      'Ada Admin',
      'Esi Owusu',
      'Kofi Boateng',
    ]);
    const esiRow = rows[2]!;
    expect(esiRow[1]).toBe('2');
    expect(esiRow[3]).toBe('50 %');
    // Online since the chats began (set by the suite), never busy or away.
    expect(esiRow[4]).toMatch(/^(< 1 s|\d+ s|\d+ min)$/);
    expect(esiRow.slice(5, 7)).toEqual(['0 s', '0 s']);
    expect(esiRow[7]).toMatch(/^\d+ %$/);
    // Ada never went online: no utilisation.
    expect(rows[1]!.slice(4)).toEqual(['0 s', '0 s', '0 s', '—']);

    const chats = adminPage
      .getByRole('region', { name: 'Agents' })
      .getByRole('button', { name: 'Chats', exact: true });
    await chats.click();
    await until(async () =>
      expect((await agentRows(adminPage)).map((row) => row[0])).toEqual([
        'Esi Owusu',
        'Abena Ofori',
        'Ada Admin',
        'Kofi Boateng',
      ]),
    );
    expect(
      await adminPage
        .getByRole('region', { name: 'Agents' })
        .getByRole('columnheader', { name: /Chats/ })
        .getAttribute('aria-sort'),
    ).toBe('descending');
    await chats.click();
    await until(async () => expect((await agentRows(adminPage))[3]![0]).toBe('Esi Owusu'));

    // The same rows as a CSV file, made in the browser from the report on the page.
    const [download] = await Promise.all([
      adminPage.waitForEvent('download'),
      adminPage.getByRole('button', { name: 'Download the agent report as CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^agent-report-\d{4}-\d\d-\d\d-.*\.csv$/);
    const [header, ...lines] = fs
      .readFileSync((await download.path())!, 'utf8')
      .trimEnd()
      .split('\n');
    const columns = header!.split(',');
    const esi = lines.find((line) => line.includes(',Esi Owusu,'))!.split(',');
    expect(lines).toHaveLength(4);
    expect(esi[columns.indexOf('chats')]).toBe('2');
    expect(esi[columns.indexOf('csat')]).toBe('0.5');
    expect(esi[columns.indexOf('busy_s')]).toBe('0');
    expect(adminPage.errors).toEqual([]);
  });

  it('narrows the report to one team and keeps the filters in the address', async () => {
    await adminPage.getByLabel('Team').selectOption({ label: 'Finance' });
    await adminPage.getByLabel('Period').selectOption({ label: 'Last 30 days' });
    await until(() => expect(new URL(adminPage.url()).search).toBe(`?range=30d&team=${financeId}`));
    await adminPage.reload();
    await until(async () =>
      expect(await tiles(adminPage)).toMatchObject({
        Chats: '3',
        Abandoned: '1',
        Unanswered: '0',
        CSAT: '50 %',
      }),
    );
    expect(await adminPage.getByLabel('Team').inputValue()).toBe(financeId);
    expect(await adminPage.getByLabel('Period').inputValue()).toBe('30d');
  });

  it('narrows the chats to one agent, topic and priority, offering the team’s', async () => {
    // A filter of the bar by its own label (the select's options are in the label's text too).
    const filter = (name: string) =>
      adminPage
        .locator('form.filters label')
        .filter({ has: adminPage.getByText(name, { exact: true }) })
        .locator('select');
    const agent = filter('Agent');
    // The choices come with the teams, read after the page.
    await until(async () =>
      expect(
        await agent.locator('option').evaluateAll((items) => items.map((i) => i.textContent)),
      ).toEqual(['Any agent', 'Esi Owusu', 'Kofi Boateng']),
    );
    await agent.selectOption({ label: 'Esi Owusu' });
    await filter('Topic').selectOption({ label: 'fees' });
    await until(() => expect(new URL(adminPage.url()).searchParams.get('agent')).toBe(esi.id));
    // Esi's two chats of Finance: the abandoned one was nobody's.
    await until(async () =>
      expect(await tiles(adminPage)).toMatchObject({ Chats: '2', Abandoned: '0', CSAT: '50 %' }),
    );
    // The raw chats download with the same filters: Esi's two chats, nobody else's.
    const link = adminPage.getByRole('link', { name: 'Download chats (CSV)' });
    const [download] = await Promise.all([adminPage.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^chats-.*\.csv$/);
    const csv = fs
      .readFileSync((await download.path())!, 'utf8')
      .trimEnd()
      .split('\n');
    expect(csv[0]).toMatch(/^id,started,team,topic,agent,/);
    expect(csv.slice(1)).toEqual([
      expect.stringMatching(/,Finance,fees,Esi Owusu,/),
      expect.stringMatching(/,Finance,fees,Esi Owusu,/),
    ]);
    await filter('Priority').selectOption({ label: 'High' });
    await visible(adminPage.getByText('No chats in this period'));
    expect(new URL(adminPage.url()).searchParams.get('priority')).toBe('high');
    expect(adminPage.errors).toEqual([]);
  });

  it('says when a linked period has no chats', async () => {
    await adminPage.goto('/reports?range=custom&from=2020-01-01&to=2020-01-31');
    await visible(adminPage.getByText('No chats in this period'));
    expect(await adminPage.getByLabel('From').inputValue()).toBe('2020-01-01');
    expect(await adminPage.locator('dl[aria-label="Chat metrics"] .report-tile').count()).toBe(0);
    // The ticket half says its zeros.
    await visible(adminPage.locator('dl[aria-label="Ticket metrics"] .report-tile'));
    expect(await tiles(adminPage, 'Ticket metrics')).toMatchObject({ Created: '0' });
    expect(adminPage.errors).toEqual([]);
  });

  it('offers a team lead only the team they lead, and an agent who leads none no Reports', async () => {
    const kofiPage = await suite.signIn(kofi);
    await kofiPage.getByRole('button', { name: 'Admin', exact: true }).click();
    await kofiPage.getByRole('link', { name: 'Reports' }).click();
    await visible(kofiPage.locator('.report-tile'));
    const options = await kofiPage
      .getByLabel('Team')
      .locator('option')
      .evaluateAll((items) => items.map((item) => item.textContent));
    expect(options).toEqual(['All my teams', 'Finance']);
    expect(await tiles(kofiPage)).toMatchObject({ Chats: '3', Unanswered: '0', CSAT: '50 %' });
    await until(async () =>
      expect((await agentRows(kofiPage)).map((row) => row[0])).toEqual([
        'Esi Owusu',
        'Kofi Boateng',
      ]),
    );
    expect(kofiPage.errors).toEqual([]);

    const esiPage = await suite.signIn(esi);
    await visible(esiPage.getByRole('navigation', { name: 'Main' }));
    expect(await esiPage.getByRole('button', { name: 'Admin', exact: true }).count()).toBe(0);
    await esiPage.goto('/reports');
    await visible(esiPage.getByText('Reports are for super admins and team leads'));
  });
});
