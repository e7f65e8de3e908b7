// Who sees which chat report: super admins the desk's (or one team's), a team lead the teams
// they lead, nobody else; the range is rounded outwards to whole UTC hours.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { HOUR_MS, utcHourOf } from '../../../src/domain/reports/chatRollup.js';
import { updateOwnAgentState } from '../../../src/services/agents/agentStatus.js';
import { chatReport } from '../../../src/services/reports/chatReport.js';
import { rollUpDirtyHours } from '../../../src/services/reports/chatRollupWorker.js';
import { createTeam, setTeamMember } from '../../../src/services/teams/teams.js';
import { createTopic } from '../../../src/services/topics/topics.js';
import { transferToTeam } from '../../../src/services/transfers/teamTransfer.js';
import { describeEachDatabase } from '../../support/databases.js';
import { makeWorld, type World } from '../../support/world.js';

/** Finance (led by Ama) has two chats of this hour, IT (led by Kofi) one. */
async function twoTeams(world: World) {
  const boss = await world.superAdmin('Ada');
  const ama = await world.agent('Ama', { status: 'offline' });
  const kofi = await world.agent('Kofi', { status: 'offline' });
  const esi = await world.agent('Esi', { status: 'offline' });
  const teams: Record<string, { teamId: string; topicId: string }> = {};
  for (const [name, lead] of [
    ['Finance', ama],
    ['IT', kofi],
  ] as const) {
    const { row } = await createTeam(world.ctx, boss, { name, description: '' });
    await setTeamMember(world.ctx, boss, { teamId: row.id, agentId: lead.id, isLead: true });
    const topic = await createTopic(world.ctx, boss, {
      name,
      slug: name.toLowerCase(),
      teamId: row.id,
      position: 0,
      isDefault: name === 'Finance',
    });
    teams[name] = { teamId: row.id, topicId: topic.row.id };
  }
  const customer = await world.customer('Yaw');
  await world.startChat(customer, { topicId: teams.Finance!.topicId });
  await world.startChat(customer, { topicId: teams.Finance!.topicId });
  await world.startChat(customer, { topicId: teams.IT!.topicId });
  await rollUpDirtyHours(world.ctx);
  return { boss, ama, kofi, esi, finance: teams.Finance!.teamId, it: teams.IT!.teamId };
}

describeEachDatabase('chat report', (db) => {
  it('shows super admins every chat or one team, and a lead only the teams they lead', async () => {
    const world = makeWorld(db());
    const hour = utcHourOf(world.clock.now());
    const { boss, ama, finance, it: itTeam } = await twoTeams(world);
    const range = { from: hour, to: hour + HOUR_MS };
    const desk = await chatReport(world.ctx, { viewer: boss, ...range });
    expect(desk).toMatchObject({ teamIds: null, metrics: { chats: 3 } });
    const it_ = await chatReport(world.ctx, { viewer: boss, ...range, teamId: itTeam });
    expect(it_).toMatchObject({ teamIds: [itTeam], metrics: { chats: 1 } });
    const own = await chatReport(world.ctx, { viewer: ama, ...range });
    expect(own).toMatchObject({ teamIds: [finance], metrics: { chats: 2 } });
    await expect(
      chatReport(world.ctx, { viewer: ama, ...range, teamId: itTeam }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('moves a chat transferred to another team into that team’s report, with its transfer', async () => {
    const world = makeWorld(db());
    const hour = utcHourOf(world.clock.now());
    const { boss, ama, finance, it: itTeam } = await twoTeams(world);
    await updateOwnAgentState(world.ctx, ama, { status: 'online' });
    await world.routing.idle();
    const [chat] = await db()
      .db.selectFrom('chat_sessions')
      .select('id')
      .where('assigned_agent_id', '=', ama.id)
      .execute();
    await transferToTeam(world.ctx, { viewer: ama, sessionId: chat!.id, teamId: itTeam });
    await rollUpDirtyHours(world.ctx);
    const range = { from: hour, to: hour + HOUR_MS };
    const report = (teamId: string) => chatReport(world.ctx, { viewer: boss, ...range, teamId });
    expect((await report(finance)).metrics).toMatchObject({ chats: 1, transfers: 0 });
    expect((await report(itTeam)).metrics).toMatchObject({
      chats: 2,
      transfers: 1,
      transferredChats: 1,
      wait: { count: 1 },
    });
  });

  it('refuses agents who lead no team and customers, and names an unknown team', async () => {
    const world = makeWorld(db());
    const hour = utcHourOf(world.clock.now());
    const { boss, esi } = await twoTeams(world);
    const range = { from: hour, to: hour + HOUR_MS };
    await expect(chatReport(world.ctx, { viewer: esi, ...range })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const yaw = await world.customer('Kojo');
    await expect(chatReport(world.ctx, { viewer: yaw, ...range })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      chatReport(world.ctx, { viewer: boss, ...range, teamId: randomUUID() }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rounds the range outwards to whole UTC hours, and refuses an empty one', async () => {
    const world = makeWorld(db());
    const hour = utcHourOf(world.clock.now());
    const { boss } = await twoTeams(world);
    const inside = await chatReport(world.ctx, {
      viewer: boss,
      from: hour + 20 * 60_000,
      to: hour + 21 * 60_000,
    });
    expect(inside).toMatchObject({ from: hour, to: hour + HOUR_MS, metrics: { chats: 3 } });
    const before = await chatReport(world.ctx, { viewer: boss, from: hour - HOUR_MS, to: hour });
    expect(before.metrics.chats).toBe(0);
    await expect(
      chatReport(world.ctx, { viewer: boss, from: hour, to: hour }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
