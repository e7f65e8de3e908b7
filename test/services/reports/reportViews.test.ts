// The heatmap on the desk's wall clock (DST days in Berlin) and the agent report, from chats
// constructed with the facts each case needs and rolled up as the worker does.
import { expect, it } from 'vitest';
import { boundOf } from '../../../src/domain/reports/deskTime.js';
import { binOf, representativeMs } from '../../../src/domain/reports/histogram.js';
import { agentReport } from '../../../src/services/reports/agentReport.js';
import { chatHeatmap } from '../../../src/services/reports/chatHeatmap.js';
import { createTeam, setTeamMember } from '../../../src/services/teams/teams.js';
import { describeEachDatabase } from '../../support/databases.js';
import { insertReportChats } from '../../support/reportChats.js';
import { makeWorld, type World } from '../../support/world.js';
import type { Viewer } from '../../../src/domain/policies.js';

const BERLIN = 'Europe/Berlin';
const day = (date: string) => ({
  from: boundOf(date, 'from', BERLIN),
  to: boundOf(date, 'to', BERLIN),
});
const sum = (row: readonly number[]) => row.reduce((a, b) => a + b, 0);

async function team(world: World, boss: Viewer, name: string) {
  const { row } = await createTeam(world.ctx, boss, { name, description: '' });
  return row.id;
}

describeEachDatabase('reports on the desk’s clock', (db) => {
  it('counts the day clocks go forward in Berlin as its 23 local hours', async () => {
    const world = makeWorld(db(), { timeZone: BERLIN });
    const boss = await world.superAdmin('Ada');
    const customer = await world.customer('Yaw');
    await insertReportChats(world.ctx, customer.id, [
      // Saturday 23:30 in Berlin: the day before, outside the range.
      { startedAt: Date.UTC(2026, 2, 28, 22, 30) },
      // Sunday 00:10 and 01:30 (CET, UTC+1), then 03:30 (CEST, UTC+2) twice.
      { startedAt: Date.UTC(2026, 2, 28, 23, 10) },
      { startedAt: Date.UTC(2026, 2, 29, 0, 30) },
      { startedAt: Date.UTC(2026, 2, 29, 1, 30) },
      { startedAt: Date.UTC(2026, 2, 29, 1, 45) },
    ]);
    const heatmap = await chatHeatmap(world.ctx, { viewer: boss, ...day('2026-03-29') });
    expect(heatmap.timeZone).toBe(BERLIN);
    expect(heatmap.to - heatmap.from).toBe(23 * 3_600_000);
    const sunday = heatmap.chats[6]!;
    expect(sunday.slice(0, 5)).toEqual([1, 1, 0, 2, 0]);
    expect(sum(heatmap.chats.flat())).toBe(4);
    expect(heatmap.hoursPerCell[6]![2]).toBe(0);
    expect(sum(heatmap.hoursPerCell[6]!)).toBe(23);
  });

  it('puts both real hours of the hour that repeats when Berlin’s clocks go back in its cell', async () => {
    const world = makeWorld(db(), { timeZone: BERLIN });
    const boss = await world.superAdmin('Ada');
    const customer = await world.customer('Yaw');
    // Sunday 2026-10-25: 02:15 CEST (00:15 UTC) and 02:15 CET (01:15 UTC).
    await insertReportChats(world.ctx, customer.id, [
      { startedAt: Date.UTC(2026, 9, 25, 0, 15) },
      { startedAt: Date.UTC(2026, 9, 25, 1, 15) },
    ]);
    const heatmap = await chatHeatmap(world.ctx, { viewer: boss, ...day('2026-10-25') });
    expect(heatmap.chats[6]![2]).toBe(2);
    expect(heatmap.hoursPerCell[6]![2]).toBe(2);
    expect(sum(heatmap.hoursPerCell[6]!)).toBe(25);
  });

  it('gives each agent their chats, median first response and CSAT, to whom may see them', async () => {
    const world = makeWorld(db());
    const boss = await world.superAdmin('Ada');
    const [ama, esi, kofi, kwame] = await Promise.all(
      ['Ama', 'Esi', 'Kofi', 'Kwame'].map((name) => world.agent(name, { status: 'offline' })),
    );
    const finance = await team(world, boss, 'Finance');
    const it_ = await team(world, boss, 'IT');
    await setTeamMember(world.ctx, boss, { teamId: finance, agentId: ama!.id, isLead: true });
    await setTeamMember(world.ctx, boss, { teamId: finance, agentId: esi!.id, isLead: false });
    await setTeamMember(world.ctx, boss, { teamId: it_, agentId: kofi!.id, isLead: true });
    await setTeamMember(world.ctx, boss, { teamId: it_, agentId: kwame!.id, isLead: false });
    const customer = await world.customer('Yaw');
    const start = Date.UTC(2026, 4, 4, 9);
    const answered = (agentId: string, teamId: string, responseS: number, rating: number) => ({
      startedAt: start,
      firstAssignedAt: start + 5_000,
      firstResponseAt: start + 5_000 + responseS * 1000,
      endedAt: start + 600_000,
      agentId,
      teamId,
      rating,
    });
    await insertReportChats(world.ctx, customer.id, [
      answered(esi!.id, finance, 10, 5),
      answered(esi!.id, finance, 20, 4),
      answered(esi!.id, finance, 300, 1),
      answered(kwame!.id, it_, 40, 5),
      // Esi answered one IT chat too (moved to her directly).
      answered(esi!.id, it_, 60, 3),
    ]);
    const range = { from: start, to: start + 3_600_000 };
    const rows = async (viewer: Viewer, teamId?: string) =>
      Object.fromEntries(
        (await agentReport(world.ctx, { viewer, ...range, teamId })).agents.map((row) => [
          row.name,
          row.metrics,
        ]),
      );

    const desk = await rows(boss);
    expect(Object.keys(desk).sort()).toEqual(['Ada', 'Ama', 'Esi', 'Kofi', 'Kwame']);
    expect(desk.Esi).toMatchObject({ chats: 4, csat: 2 / 4 });
    expect(desk.Esi!.firstResponse.medianMs).toBe(representativeMs(binOf(20_000)));
    expect(desk.Kwame).toMatchObject({ chats: 1, csat: 1 });
    expect(desk.Ama).toMatchObject({ chats: 0, csat: null, firstResponse: { medianMs: null } });

    // Ama leads Finance: its agents, over its chats.
    const lead = await rows(ama!);
    expect(Object.keys(lead).sort()).toEqual(['Ama', 'Esi']);
    expect(lead.Esi).toMatchObject({ chats: 3, csat: 2 / 3 });
    await expect(
      agentReport(world.ctx, { viewer: ama!, ...range, teamId: it_ }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // Esi leads nothing: her own row, over all her chats or one team's.
    expect(Object.keys(await rows(esi!))).toEqual(['Esi']);
    expect((await rows(esi!)).Esi).toMatchObject({ chats: 4 });
    expect((await rows(esi!, it_)).Esi).toMatchObject({ chats: 1, csat: 0 });

    await expect(agentReport(world.ctx, { viewer: customer, ...range })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
