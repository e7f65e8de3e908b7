// The reports over HTTP: the raw chats streamed as CSV (2,000 of them, read in pages), dates read
// as days on the desk's clock (DESK_TIME_ZONE), chats per day on that clock, the heatmap and
// agent report's shapes, and the chat reports' agent, topic and priority filters.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Viewer } from '../../src/domain/policies.js';
import { createTeam } from '../../src/services/teams/teams.js';
import { createTopic } from '../../src/services/topics/topics.js';
import { describeEachDatabase } from '../support/databases.js';
import { insertReportChats } from '../support/reportChats.js';
import { type Client, startTestNode, type TestNode } from '../support/testNode.js';

describeEachDatabase('reports over HTTP', (db) => {
  let server: TestNode;
  let boss: Client;
  let bossViewer: Viewer;
  beforeAll(async () => {
    server = await startTestNode(db(), { DESK_TIME_ZONE: 'Africa/Nairobi' });
  });
  afterAll(() => server.stop());

  /** Every test starts from an empty database (describeEachDatabase), so signs in anew. */
  async function signInBoss() {
    boss = await server.signUp('Boss', 'super_admin');
    bossViewer = { id: boss.user!.id, role: 'super_admin' };
  }

  it('streams 2,000 chats of a team as CSV, one row each, oldest first', async () => {
    await signInBoss();
    const ctx = server.node.ctx;
    const { row: team } = await createTeam(ctx, bossViewer, { name: 'Bursary', description: '' });
    const { row: other } = await createTeam(ctx, bossViewer, { name: 'Library', description: '' });
    const customer = await server.signUp('Yaw');
    const customerId = customer.user!.id;
    const start = Date.UTC(2026, 5, 1, 6);
    await insertReportChats(ctx, customerId, [
      // A waiting chat of the other team, outside the team's export.
      { startedAt: start + 1_000, teamId: other.id },
      ...Array.from({ length: 2000 }, (_, i) => ({
        startedAt: start + i * 60_000,
        teamId: team.id,
        firstAssignedAt: start + i * 60_000 + 30_000,
        firstResponseAt: i === 0 ? null : start + i * 60_000 + 45_000,
        endedAt: start + i * 60_000 + 330_000,
        rating: (i % 5) + 1,
      })),
    ]);
    const csv = await boss.download(
      `/api/v1/reports/chats.csv?from=2026-06-01T00:00:00Z&to=2026-06-10T00:00:00Z&teamId=${team.id}`,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="chats-2026-06-01T00-2026-06-10T00.csv"',
    );
    const lines = csv.body.toString('utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2001);
    expect(lines[0]).toBe(
      'id,started,team,topic,agent,wait_s,first_response_s,handle_s,status,outcome,transfers,rating',
    );
    expect(lines[1]).toMatch(
      /^[0-9a-f-]{36},2026-06-01T06:00:00\.000Z,Bursary,,,30,,300,ended,unanswered,0,1$/,
    );
    expect(lines[2]).toMatch(/,2026-06-01T06:01:00\.000Z,Bursary,,,30,15,300,ended,answered,0,2$/);
    expect(lines[2000]).toMatch(/,2026-06-02T15:19:00\.000Z,Bursary,/);
    const ids = new Set(lines.slice(1).map((line) => line.split(',')[0]));
    expect(ids.size).toBe(2000);

    const all = await boss.download('/api/v1/reports/chats.csv?from=2026-06-01&to=2026-06-01');
    // Nairobi is UTC+3: its 1 June ends at 21:00 UTC, after 900 of the team's chats and the other.
    expect(all.body.toString('utf8').trimEnd().split('\n')).toHaveLength(1 + 901);
  });

  it('reads dates as whole days in DESK_TIME_ZONE in every report', async () => {
    await signInBoss();
    const report = await boss.get('/api/v1/reports/chats?from=2026-03-01&to=2026-03-01');
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      from: '2026-02-28T21:00:00.000Z',
      to: '2026-03-01T21:00:00.000Z',
    });
    const heatmap = await boss.get('/api/v1/reports/chats/heatmap?from=2026-03-02&to=2026-03-08');
    expect(heatmap.status).toBe(200);
    expect(heatmap.body.timeZone).toBe('Africa/Nairobi');
    // A whole local week: every cell spans one real hour.
    expect(heatmap.body.hoursPerCell.flat().every((hours: number) => hours === 1)).toBe(true);
    const agents = await boss.get('/api/v1/reports/agents?from=2026-03-01&to=2026-03-31');
    expect(agents.status).toBe(200);
    expect(agents.body.agents.map((row: { name: string }) => row.name)).toContain('Boss');
  });

  it('gives each agent row their time in each status and utilisation', async () => {
    await signInBoss();
    const ama = await server.signUp('Ama', 'admin');
    expect((await ama.patch('/api/v1/agents/me', { status: 'online' })).status).toBe(200);
    const from = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const report = await boss.get(`/api/v1/reports/agents?from=${from}&to=${to}`);
    expect(report.status).toBe(200);
    const row = report.body.agents.find((agent: { name: string }) => agent.name === 'Ama');
    const { onlineMs, busyMs, awayMs, offlineMs } = row.time;
    // Online since a moment ago; offline (nothing on record) before; nothing after now.
    expect(onlineMs).toBeGreaterThanOrEqual(0);
    expect(busyMs + awayMs).toBe(0);
    expect(offlineMs).toBeGreaterThan(3_600_000);
    expect(onlineMs + offlineMs).toBeLessThanOrEqual(4 * 3_600_000);
    expect(row.utilisation === null || row.utilisation === 0).toBe(true);
    // Ama reads her own row only.
    const own = await ama.get(`/api/v1/reports/agents?from=${from}&to=${to}`);
    expect(own.body.agents.map((agent: { name: string }) => agent.name)).toEqual(['Ama']);
    expect(own.body.agents[0].time).toHaveProperty('onlineMs');
  });

  it("counts chats per day on the desk's clock, with every day and the median wait", async () => {
    await signInBoss();
    const ctx = server.node.ctx;
    const { row: team } = await createTeam(ctx, bossViewer, { name: 'Bursary', description: '' });
    const customerId = (await server.signUp('Ama')).user!.id;
    // Nairobi is UTC+3: 22:30 UTC on 1 June is already 2 June there.
    await insertReportChats(ctx, customerId, [
      {
        startedAt: Date.UTC(2026, 5, 1, 8),
        teamId: team.id,
        firstAssignedAt: Date.UTC(2026, 5, 1, 8, 1),
      },
      { startedAt: Date.UTC(2026, 5, 1, 22, 30), teamId: team.id },
      { startedAt: Date.UTC(2026, 5, 2, 9), firstAssignedAt: Date.UTC(2026, 5, 2, 9, 0, 20) },
    ]);
    const all = await boss.get('/api/v1/reports/chats/daily?from=2026-06-01&to=2026-06-03');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({
      from: '2026-05-31T21:00:00.000Z',
      to: '2026-06-03T21:00:00.000Z',
      timeZone: 'Africa/Nairobi',
      teamIds: null,
    });
    expect(all.body.days).toEqual([
      { date: '2026-06-01', hours: 24, chats: 1, waited: 1, waitMedianMs: expect.any(Number) },
      { date: '2026-06-02', hours: 24, chats: 2, waited: 1, waitMedianMs: expect.any(Number) },
      { date: '2026-06-03', hours: 24, chats: 0, waited: 0, waitMedianMs: null },
    ]);
    // A minute's wait reads within a bin of a minute; 20 s within a bin of 20 s.
    expect(all.body.days[0].waitMedianMs).toBeGreaterThan(50_000);
    expect(all.body.days[0].waitMedianMs).toBeLessThan(72_000);
    expect(all.body.days[1].waitMedianMs).toBeLessThan(24_000);
    const one = await boss.get(
      `/api/v1/reports/chats/daily?from=2026-06-01&to=2026-06-02&teamId=${team.id}`,
    );
    expect(one.status).toBe(200);
    expect(one.body.days.map((day: { chats: number }) => day.chats)).toEqual([1, 1]);
  });

  it('filters every chat report by agent, topic and priority from the query', async () => {
    await signInBoss();
    const ctx = server.node.ctx;
    const { row: team } = await createTeam(ctx, bossViewer, { name: 'Bursary', description: '' });
    const topic = async (name: string, position: number) =>
      (
        await createTopic(ctx, bossViewer, {
          name,
          slug: name.toLowerCase(),
          teamId: team.id,
          position,
          isDefault: position === 0,
        })
      ).row.id;
    const fees = await topic('Fees', 0);
    const loans = await topic('Loans', 1);
    const ama = (await server.signUp('Ama', 'admin')).user!.id;
    const customerId = (await server.signUp('Yaw')).user!.id;
    const at = Date.UTC(2026, 5, 1, 8);
    const answered = { teamId: team.id, firstAssignedAt: at + 60_000, endedAt: at + 600_000 };
    const [rated] = await insertReportChats(ctx, customerId, [
      { ...answered, startedAt: at, topicId: fees, priority: 'high', agentId: ama, rating: 5 },
      { ...answered, startedAt: at + 1, topicId: fees, priority: 'low', agentId: bossViewer.id },
      { ...answered, startedAt: at + 2, topicId: loans, priority: 'high', agentId: bossViewer.id },
    ]);
    await ctx.store.db
      .updateTable('chat_sessions')
      .set({ feedback: 'Quick and kind' })
      .where('id', '=', rated!)
      .execute();
    const range = 'from=2026-06-01&to=2026-06-01';
    const chats = async (filter: string) =>
      (await boss.get(`/api/v1/reports/chats?${range}&${filter}`)).body.chats;
    expect(await chats('')).toBe(3);
    expect(await chats('priority=high')).toBe(2);
    expect(await chats(`topicId=${fees}`)).toBe(2);
    expect(await chats(`agentId=${ama}`)).toBe(1);
    expect(await chats(`topicId=${loans}&priority=low`)).toBe(0);
    const heatmap = await boss.get(`/api/v1/reports/chats/heatmap?${range}&priority=low`);
    expect(heatmap.body.chats.flat().reduce((a: number, b: number) => a + b, 0)).toBe(1);
    const daily = await boss.get(`/api/v1/reports/chats/daily?${range}&topicId=${loans}`);
    expect(daily.body.days.map((day: { chats: number }) => day.chats)).toEqual([1]);
    const agents = await boss.get(`/api/v1/reports/agents?${range}&agentId=${bossViewer.id}`);
    expect(
      agents.body.agents.map((row: { name: string; chats: number }) => [row.name, row.chats]),
    ).toEqual([['Boss', 2]]);
    // The raw chats take the same filters: one row per chat the report counts.
    const exported = async (filter: string) => {
      const csv = await boss.download(`/api/v1/reports/chats.csv?${range}&${filter}`);
      expect(csv.status).toBe(200);
      return csv.body.toString('utf8').trimEnd().split('\n').slice(1);
    };
    expect(await exported('priority=high')).toHaveLength(2);
    expect(await exported(`topicId=${fees}&priority=low`)).toEqual([
      expect.stringMatching(/,Bursary,Fees,Boss,/),
    ]);
    expect(await exported(`agentId=${ama}`)).toEqual([expect.stringMatching(/,Fees,Ama,.*,5$/)]);
    expect(await exported(`topicId=${loans}&priority=low`)).toEqual([]);
    const comments = async (filter: string) =>
      (await boss.get(`/api/v1/reports/surveys?${range}&${filter}`)).body.comments.length;
    expect(await comments('priority=high')).toBe(1);
    expect(await comments('priority=low')).toBe(0);
    expect(await comments(`agentId=${bossViewer.id}`)).toBe(0);
  });
});
