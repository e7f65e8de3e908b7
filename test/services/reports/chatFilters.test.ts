// The chat reports filtered by agent, topic and priority: each filter's counts from the hourly
// rollups (keyed by them since migration 0036), alone, together and with a team, and what a team
// lead gets for another team's agent or topic (nothing of that team, not a 403).
import { expect, it } from 'vitest';
import type { Viewer } from '../../../src/domain/policies.js';
import { HOUR_MS } from '../../../src/domain/reports/chatRollup.js';
import { agentReport } from '../../../src/services/reports/agentReport.js';
import { chatDaily } from '../../../src/services/reports/chatDaily.js';
import { chatExport } from '../../../src/services/reports/chatExport.js';
import { chatHeatmap } from '../../../src/services/reports/chatHeatmap.js';
import { chatReport } from '../../../src/services/reports/chatReport.js';
import type { ChatFilters } from '../../../src/services/reports/reportScope.js';
import { createTeam, setTeamMember } from '../../../src/services/teams/teams.js';
import { createTopic } from '../../../src/services/topics/topics.js';
import type { Priority } from '../../../src/shared/vocabulary.js';
import { describeEachDatabase } from '../../support/databases.js';
import { insertReportChats } from '../../support/reportChats.js';
import { makeWorld, type World } from '../../support/world.js';

const DAY = Date.UTC(2026, 5, 1);
const range = { from: DAY, to: DAY + 24 * HOUR_MS };

/**
 * Finance (led by Ama) has topics Fees and Loans, IT (led by Kofi, with Esi) Wifi. Seven chats
 * over two hours: Esi answered one of Finance's, and one chat of Wifi was moved to Finance.
 */
async function desk(world: World) {
  const boss = await world.superAdmin('Ada');
  const ama = await world.agent('Ama', { status: 'offline' });
  const kofi = await world.agent('Kofi', { status: 'offline' });
  const esi = await world.agent('Esi', { status: 'offline' });
  const team = async (name: string, lead: Viewer, members: Viewer[] = []) => {
    const { row } = await createTeam(world.ctx, boss, { name, description: '' });
    await setTeamMember(world.ctx, boss, { teamId: row.id, agentId: lead.id, isLead: true });
    for (const m of members) {
      await setTeamMember(world.ctx, boss, { teamId: row.id, agentId: m.id, isLead: false });
    }
    return row.id;
  };
  const finance = await team('Finance', ama);
  const it = await team('IT', kofi, [esi]);
  const topic = async (name: string, teamId: string, position: number) =>
    (
      await createTopic(world.ctx, boss, {
        name,
        slug: name.toLowerCase(),
        teamId,
        position,
        isDefault: position === 0,
      })
    ).row.id;
  const fees = await topic('Fees', finance, 0);
  const loans = await topic('Loans', finance, 1);
  const wifi = await topic('Wifi', it, 2);
  const customer = await world.customer('Yaw');
  const chat = (
    hour: number,
    teamId: string,
    topicId: string,
    priority: Priority,
    agent: Viewer | null,
    rating?: number,
  ) => {
    const startedAt = DAY + hour * HOUR_MS + 60_000;
    return {
      startedAt,
      teamId,
      topicId,
      priority,
      agentId: agent?.id ?? null,
      firstAssignedAt: agent ? startedAt + 30_000 : null,
      firstResponseAt: agent ? startedAt + 45_000 : null,
      endedAt: startedAt + 600_000,
      ...(rating ? { rating } : {}),
    };
  };
  await insertReportChats(world.ctx, customer.id, [
    chat(9, finance, fees, 'high', ama, 5),
    chat(9, finance, fees, 'low', ama, 4),
    chat(9, finance, loans, 'high', esi),
    chat(10, finance, loans, 'urgent', null),
    chat(10, it, wifi, 'high', kofi, 2),
    chat(10, it, wifi, 'low', esi),
    chat(10, finance, wifi, 'medium', ama),
  ]);
  return { boss, ama, kofi, esi, finance, it, fees, loans, wifi };
}

describeEachDatabase('chat report filters', (db) => {
  it('counts the chats of each agent, topic and priority, alone and together', async () => {
    const world = makeWorld(db());
    const d = await desk(world);
    const chats = async (filters: ChatFilters & { teamId?: string }, viewer: Viewer = d.boss) =>
      (await chatReport(world.ctx, { viewer, ...range, ...filters })).metrics;
    expect(await chats({})).toMatchObject({
      chats: 7,
      abandoned: 1,
      ratings: { 5: 1, 4: 1, 2: 1 },
    });
    expect((await chats({ priority: 'high' })).chats).toBe(3);
    expect((await chats({ priority: 'urgent' })).chats).toBe(1);
    expect((await chats({ priority: 'urgent' })).abandoned).toBe(1);
    expect((await chats({ topicId: d.fees })).chats).toBe(2);
    expect((await chats({ topicId: d.loans })).chats).toBe(2);
    expect((await chats({ topicId: d.wifi })).chats).toBe(3);
    expect(await chats({ agentId: d.ama.id })).toMatchObject({ chats: 3, csat: 1 });
    expect((await chats({ agentId: d.esi.id })).chats).toBe(2);
    expect((await chats({ agentId: d.ama.id, priority: 'high' })).chats).toBe(1);
    expect((await chats({ topicId: d.fees, priority: 'low' })).chats).toBe(1);
    expect((await chats({ teamId: d.finance, agentId: d.esi.id })).chats).toBe(1);
    expect((await chats({ teamId: d.it, topicId: d.fees })).chats).toBe(0);
    const high = await chats({ priority: 'high' });
    expect(high.wait).toMatchObject({ count: 3, meanMs: 30_000 });
  });

  it('gives a lead nothing of another team for its agent or topic, only their own teams’ chats', async () => {
    const world = makeWorld(db());
    const d = await desk(world);
    const chats = async (filters: ChatFilters) =>
      (await chatReport(world.ctx, { viewer: d.ama, ...range, ...filters })).metrics.chats;
    expect(await chats({})).toBe(5);
    expect(await chats({ agentId: d.kofi.id })).toBe(0);
    // Esi is of IT, but answered one of Finance's; Wifi is IT's, but one of its chats is Finance's.
    expect(await chats({ agentId: d.esi.id })).toBe(1);
    expect(await chats({ topicId: d.wifi })).toBe(1);
    await expect(
      chatReport(world.ctx, { viewer: d.ama, ...range, teamId: d.it, topicId: d.wifi }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('exports the chats each filter counts, for a super admin and a lead', async () => {
    const world = makeWorld(db());
    const d = await desk(world);
    const exported = async (viewer: Viewer, filters: ChatFilters & { teamId?: string }) => {
      const { records } = await chatExport(world.ctx, { viewer, ...range, ...filters });
      const rows = [];
      for await (const record of records) rows.push(record);
      return rows;
    };
    const filters: (ChatFilters & { teamId?: string })[] = [
      {},
      { priority: 'high' },
      { topicId: d.wifi },
      { agentId: d.esi.id },
      { agentId: d.ama.id, priority: 'high' },
      { teamId: d.finance, topicId: d.loans },
      { agentId: d.kofi.id },
    ];
    for (const viewer of [d.boss, d.ama]) {
      for (const filter of filters) {
        if (viewer === d.ama && filter.teamId !== undefined && filter.teamId !== d.finance)
          continue;
        const { metrics } = await chatReport(world.ctx, { viewer, ...range, ...filter });
        const rows = await exported(viewer, filter);
        expect(rows.length, `${viewer.id} ${JSON.stringify(filter)}`).toBe(metrics.chats);
      }
    }
    // The lead's Wifi chat is the one moved to Finance; Kofi answered none of Finance's.
    expect(
      (await exported(d.ama, { topicId: d.wifi })).map((row) => [row.team, row.topic]),
    ).toEqual([['Finance', 'Wifi']]);
    expect(await exported(d.ama, { agentId: d.kofi.id })).toEqual([]);
    expect((await exported(d.boss, { agentId: d.esi.id })).map((row) => row.agent)).toEqual([
      'Esi',
      'Esi',
    ]);
    await expect(
      chatExport(world.ctx, { viewer: d.ama, ...range, teamId: d.it, agentId: d.kofi.id }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('filters the heatmap and the chats per day the same way', async () => {
    const world = makeWorld(db());
    const d = await desk(world);
    const cells = async (filters: ChatFilters) =>
      (await chatHeatmap(world.ctx, { viewer: d.boss, ...range, ...filters })).chats
        .flat()
        .reduce((a, b) => a + b, 0);
    expect(await cells({})).toBe(7);
    expect(await cells({ priority: 'high' })).toBe(3);
    expect(await cells({ topicId: d.loans, agentId: d.esi.id })).toBe(1);
    const days = async (filters: ChatFilters) =>
      (await chatDaily(world.ctx, { viewer: d.boss, ...range, ...filters })).days.map((day) => [
        day.chats,
        day.waited,
      ]);
    expect(await days({})).toEqual([[7, 6]]);
    expect(await days({ topicId: d.wifi })).toEqual([[3, 3]]);
    expect(await days({ priority: 'urgent' })).toEqual([[1, 0]]);
  });

  it('narrows the agent report to one agent, and its chats to a topic or priority', async () => {
    const world = makeWorld(db());
    const d = await desk(world);
    const rows = async (viewer: Viewer, filters: ChatFilters) =>
      (await agentReport(world.ctx, { viewer, ...range, ...filters })).agents
        .map((row) => [row.name, row.metrics.chats])
        .sort();
    expect(await rows(d.boss, {})).toEqual([
      ['Ada', 0],
      ['Ama', 3],
      ['Esi', 2],
      ['Kofi', 1],
    ]);
    expect(await rows(d.boss, { agentId: d.esi.id })).toEqual([['Esi', 2]]);
    expect(await rows(d.boss, { priority: 'high' })).toEqual([
      ['Ada', 0],
      ['Ama', 1],
      ['Esi', 1],
      ['Kofi', 1],
    ]);
    expect(await rows(d.ama, { topicId: d.fees })).toEqual([['Ama', 2]]);
    // Kofi is not one of Finance's agents: no row for its lead, and no 403.
    expect(await rows(d.ama, { agentId: d.kofi.id })).toEqual([]);
    // An agent who leads no team reads only their own row, whoever they name.
    expect(await rows(d.esi, { priority: 'low' })).toEqual([['Esi', 1]]);
    expect(await rows(d.esi, { agentId: d.kofi.id })).toEqual([]);
  });
});
