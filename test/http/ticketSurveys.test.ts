// The survey of a solved ticket over HTTP: the link read from the mail the solve queued, answered
// once without signing in, refused when expired or made up, not sent again on a second solve,
// and counted for the team that solved it in the ticket report; and the raw tickets as CSV,
// streamed in pages, a team lead getting only their teams' tickets.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Viewer } from '../../src/domain/policies.js';
import { TICKET_SURVEY_LIFETIME_MS } from '../../src/domain/tickets/ticketSurvey.js';
import { createTeam, setTeamMember } from '../../src/services/teams/teams.js';
import { createTicket } from '../../src/services/tickets/ticketCreator.js';
import { describeEachDatabase } from '../support/databases.js';
import { SmtpSink } from '../support/smtpSink.js';
import { Client, startTestNode, type TestNode } from '../support/testNode.js';
import { ManualClock } from '../support/world.js';

const DAY = 86_400_000;

describeEachDatabase('ticket surveys and the ticket CSV over HTTP', (db) => {
  let sink: SmtpSink;
  let server: TestNode;
  const clock = new ManualClock(Date.now());
  beforeAll(async () => {
    sink = await SmtpSink.start();
    server = await startTestNode(
      db(),
      {
        SMTP_URL: sink.url,
        MAIL_FROM: 'Campus Help <help@desk.test>',
        PUBLIC_URL: 'http://desk.test',
      },
      { clock },
    );
  });
  afterAll(async () => {
    await server.stop();
    await sink.stop();
  });

  const viewerOf = (client: Client): Viewer => ({ id: client.user!.id, role: client.user!.role });
  const iso = (ms: number) => new Date(ms).toISOString();

  /** Boss (super admin), Esi in Finance, Kofi leading IT, and Yaw the customer. */
  async function desk() {
    const boss = await server.signUp('Boss', 'super_admin');
    const esi = await server.signUp('Esi', 'admin');
    const kofi = await server.signUp('Kofi', 'admin');
    const yaw = await server.signUp('Yaw');
    const ctx = server.node.ctx;
    const team = (name: string) => createTeam(ctx, viewerOf(boss), { name, description: '' });
    const finance = (await team('Finance')).row.id;
    const it = (await team('IT')).row.id;
    await setTeamMember(ctx, viewerOf(boss), {
      teamId: finance,
      agentId: esi.user!.id,
      isLead: false,
    });
    await setTeamMember(ctx, viewerOf(boss), { teamId: it, agentId: kofi.user!.id, isLead: true });
    const file = async (subject: string, teamId: string, assignee: Client | null = null) => {
      const record = await createTicket(ctx, {
        viewer: viewerOf(boss),
        body: {
          subject,
          message: 'Please help',
          priority: 'medium',
          requesterId: yaw.user!.id,
          teamId,
          assigneeId: assignee?.user!.id ?? null,
        },
      });
      clock.advance(1000);
      return record.row;
    };
    return { boss, esi, kofi, yaw, finance, it, file };
  }

  /** The survey links mailed for the ticket, oldest first. */
  async function surveyTokens(ticketId: string): Promise<string[]> {
    const rows = await server.node.ctx.store.db
      .selectFrom('mail_outbox')
      .select(['text_body', 'recipient'])
      .where('kind', '=', 'ticket_survey')
      .where('ticket_id', '=', ticketId)
      .orderBy('created_at')
      .execute();
    return rows.map((row) => {
      const match = /http:\/\/desk\.test\/ticket-survey\?token=([\w-]+)/.exec(row.text_body);
      if (!match) throw new Error(`no survey link in: ${row.text_body}`);
      return match[1]!;
    });
  }

  it('mails one link on solving that anyone holding it answers once, for the team that solved it', async () => {
    const { boss, esi, yaw, finance, it: itTeam, file } = await desk();
    const ticket = await file('Refund', finance, esi);
    expect(await surveyTokens(ticket.id)).toEqual([]);
    const solved = await esi.patch(`/api/v1/tickets/${ticket.id}`, { status: 'solved' });
    expect(solved.status).toBe(200);
    const [token, ...more] = await surveyTokens(ticket.id);
    expect(more).toEqual([]);

    const anonymous = new Client(server.url);
    const read = await anonymous.get(`/api/v1/ticket-surveys/${token}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      ticket: { number: ticket.number, subject: 'Refund' },
      state: 'open',
      answer: null,
    });
    // Moved to another team afterwards: the answer stays Finance's.
    await boss.patch(`/api/v1/tickets/${ticket.id}`, { teamId: itTeam });
    const answered = await anonymous.post(`/api/v1/ticket-surveys/${token}`, {
      rating: 4,
      comment: 'Quick and kind',
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({
      state: 'answered',
      answer: { rating: 4, comment: 'Quick and kind' },
    });
    const again = await yaw.post(`/api/v1/ticket-surveys/${token}`, { rating: 1 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('SURVEY_ALREADY_ANSWERED');
    expect((await anonymous.get(`/api/v1/ticket-surveys/${token}`)).body).toMatchObject({
      state: 'answered',
      answer: { rating: 4 },
    });

    const range = `from=${iso(clock.now() - DAY)}&to=${iso(clock.now() + DAY)}`;
    const financeReport = await boss.get(`/api/v1/reports/tickets?${range}&teamId=${finance}`);
    expect(financeReport.body.satisfaction).toEqual({
      rated: 1,
      csat: 1,
      distribution: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 0 },
    });
    const itReport = await boss.get(`/api/v1/reports/tickets?${range}&teamId=${itTeam}`);
    expect(itReport.body.satisfaction.rated).toBe(0);

    // The desk sees the answer on the ticket's page; the requester does not get it back there.
    const page = await esi.get(`/api/v1/tickets/${ticket.id}`);
    expect(page.body.satisfaction).toMatchObject({ rating: 4, comment: 'Quick and kind' });
    expect((await yaw.get(`/api/v1/tickets/${ticket.id}`)).body.satisfaction).toBeUndefined();
  });

  it('sends no second survey when a reopened ticket is solved again', async () => {
    const { esi, yaw, finance, file } = await desk();
    const ticket = await file('Wifi', finance, esi);
    await esi.post(`/api/v1/tickets/${ticket.id}/messages`, { body: 'Done', status: 'solved' });
    expect(await surveyTokens(ticket.id)).toHaveLength(1);
    const reopened = await yaw.post(`/api/v1/tickets/${ticket.id}/messages`, {
      body: 'Still broken',
    });
    expect(reopened.status).toBe(201);
    expect((await esi.get(`/api/v1/tickets/${ticket.id}`)).body.status).toBe('open');
    await esi.patch(`/api/v1/tickets/${ticket.id}`, { status: 'solved' });
    expect(await surveyTokens(ticket.id)).toHaveLength(1);
  });

  it('refuses a link past its 30 days, and one nobody made', async () => {
    const { esi, finance, file } = await desk();
    const ticket = await file('Late', finance, esi);
    await esi.patch(`/api/v1/tickets/${ticket.id}`, { status: 'solved' });
    const [token] = await surveyTokens(ticket.id);
    clock.advance(TICKET_SURVEY_LIFETIME_MS);
    const anonymous = new Client(server.url);
    expect((await anonymous.get(`/api/v1/ticket-surveys/${token}`)).body.state).toBe('expired');
    const late = await anonymous.post(`/api/v1/ticket-surveys/${token}`, { rating: 5 });
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('SURVEY_EXPIRED');
    const made = await anonymous.post(`/api/v1/ticket-surveys/${token!.slice(1)}x`, { rating: 5 });
    expect(made.status).toBe(404);
    expect((await anonymous.get('/api/v1/ticket-surveys/not-a-survey-link')).status).toBe(404);
  });

  it('streams 1,200 tickets as CSV in pages, and a team lead only their team’s', async () => {
    const { boss, kofi, esi, finance, it: itTeam, file } = await desk();
    const first = await file('Refund of fees', finance, esi);
    await esi.patch(`/api/v1/tickets/${first.id}`, { status: 'solved' });
    const [token] = await surveyTokens(first.id);
    await new Client(server.url).post(`/api/v1/ticket-surveys/${token}`, { rating: 5 });
    const ctx = server.node.ctx;
    // More than two pages of 500, written straight in (filing 1,200 one by one is slow).
    const rows = Array.from({ length: 1200 }, (_, i) => ({
      ...first,
      id: `${first.id.slice(0, 24)}${String(i).padStart(12, '0')}`,
      number: 100 + i,
      subject: `Login ${i}`,
      team_id: itTeam,
      assignee_id: null,
      status: 'new' as const,
      solved_at: null,
      first_responded_at: null,
      created_at: first.created_at + 1000 + i * 1000,
      updated_at: first.created_at + 1000 + i * 1000,
    }));
    for (let i = 0; i < rows.length; i += 200) {
      await ctx.store.db
        .insertInto('tickets')
        .values(rows.slice(i, i + 200))
        .execute();
    }
    const range = `from=${iso(first.created_at - DAY)}&to=${iso(first.created_at + 2 * DAY)}`;
    const all = await boss.download(`/api/v1/reports/tickets.csv?${range}`);
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(all.headers.get('content-disposition')).toMatch(
      /^attachment; filename="tickets-.*\.csv"$/,
    );
    const lines = all.body.toString('utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(
      'number,created,subject,requester,requester_email,team,assignee,status,priority,channel,first_response_s,resolution_s,first_response_business_s,resolution_business_s,first_response_sla,resolution_sla,rating',
    );
    expect(lines).toHaveLength(1 + 1201);
    expect(lines[1]).toMatch(
      new RegExp(
        `^${first.number},${iso(first.created_at).replace(/\./g, '\\.')},Refund of fees,Yaw,yaw\\.\\d+@example\\.com,Finance,Esi,solved,medium,api,,\\d+(\\.\\d)?,,\\d+(\\.\\d)?,,,5$`,
      ),
    );
    expect(lines[2]).toMatch(/^100,.*,Login 0,Yaw,.*,IT,,new,medium,api,,,,,,,$/);
    expect(lines.at(-1)).toMatch(/^1299,.*,Login 1199,/);
    expect(new Set(lines.slice(1).map((line) => line.split(',')[0])).size).toBe(1201);

    // Kofi leads IT: all his teams are IT, Finance is refused.
    const lead = await kofi.download(`/api/v1/reports/tickets.csv?${range}`);
    const leadLines = lead.body.toString('utf8').trimEnd().split('\n');
    expect(leadLines).toHaveLength(1 + 1200);
    expect(leadLines.slice(1).every((line) => line.includes(',IT,'))).toBe(true);
    const other = await kofi.download(`/api/v1/reports/tickets.csv?${range}&teamId=${finance}`);
    expect(other.status).toBe(403);
    expect((await esi.download(`/api/v1/reports/tickets.csv?${range}`)).status).toBe(403);
  });
});
