// Quick responses on both databases: variables checked on save, shortcuts unique within their
// scope (shared, a team's, an agent's), team responses for their members, categories, and each
// agent's most used first.
import { expect, it } from 'vitest';
import { recordQuickResponseUse } from '../../src/services/quickResponses/quickResponseUses.js';
import {
  createQuickResponse,
  deleteQuickResponse,
  listQuickResponses,
  updateQuickResponse,
} from '../../src/services/quickResponses/quickResponses.js';
import {
  createTeam,
  deleteTeam,
  setTeamMember,
  updateTeam,
} from '../../src/services/teams/teams.js';
import { describeEachDatabase } from '../support/databases.js';
import { makeWorld } from '../support/world.js';

describeEachDatabase('quick responses', (db) => {
  it('refuses an unknown variable or stray braces, and keeps a valid text as written', async () => {
    const world = makeWorld(db());
    const ama = await world.agent('Ama');
    await expect(
      createQuickResponse(world.ctx, ama, { title: 'Fees', content: 'Hi {{customer.nickname}}' }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_VARIABLE', field: 'content' });
    await expect(
      createQuickResponse(world.ctx, ama, { title: 'Fees', content: 'Hi {{}}' }),
    ).rejects.toMatchObject({ code: 'MALFORMED_VARIABLE' });
    const saved = await createQuickResponse(world.ctx, ama, {
      title: 'Fees',
      content: 'Hi {{ customer.firstName }}, {{team.name}} here {see}',
      category: 'Finance',
      shortcut: 'fees',
    });
    const [listed] = await listQuickResponses(world.ctx, ama);
    expect(listed).toEqual(saved);
    expect(listed!.row).toMatchObject({
      content: 'Hi {{ customer.firstName }}, {{team.name}} here {see}',
      category: 'Finance',
      shortcut: 'fees',
    });
    await expect(
      updateQuickResponse(world.ctx, ama, saved.row.id, { content: '{{chat.topic}}' }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_VARIABLE' });
  });

  it('keeps a shortcut unique among the shared responses and among each agent’s own', async () => {
    const world = makeWorld(db());
    const boss = await world.superAdmin();
    const ama = await world.agent('Ama');
    const kofi = await world.agent('Kofi');
    const fees = { title: 'Fees', content: 'See the fees page', shortcut: 'fees' };
    const shared = await createQuickResponse(world.ctx, boss, { ...fees, shared: true });
    await expect(
      createQuickResponse(world.ctx, boss, { ...fees, title: 'Again', shared: true }),
    ).rejects.toMatchObject({ code: 'SHORTCUT_TAKEN', field: 'shortcut' });
    // Another scope may have it: each agent's own are theirs.
    const amas = await createQuickResponse(world.ctx, ama, fees);
    await createQuickResponse(world.ctx, kofi, fees);
    await expect(createQuickResponse(world.ctx, ama, fees)).rejects.toMatchObject({
      code: 'SHORTCUT_TAKEN',
    });
    const other = await createQuickResponse(world.ctx, ama, { ...fees, shortcut: 'fees-2' });
    await expect(
      updateQuickResponse(world.ctx, ama, other.row.id, { shortcut: 'fees' }),
    ).rejects.toMatchObject({ code: 'SHORTCUT_TAKEN' });
    // Saving a response with its own shortcut, or clearing one, frees nothing twice.
    expect(
      (await updateQuickResponse(world.ctx, ama, amas.row.id, { title: 'Fees!' })).row.shortcut,
    ).toBe('fees');
    await updateQuickResponse(world.ctx, ama, amas.row.id, { shortcut: null, category: null });
    expect(
      (await updateQuickResponse(world.ctx, ama, other.row.id, { shortcut: 'fees' })).row.shortcut,
    ).toBe('fees');
    await deleteQuickResponse(world.ctx, boss, shared.row.id);
    expect(
      (await createQuickResponse(world.ctx, boss, { ...fees, shared: true })).row.shortcut,
    ).toBe('fees');
  });

  it('lists each agent’s most used first, counting their uses alone', async () => {
    const world = makeWorld(db());
    const boss = await world.superAdmin();
    const ama = await world.agent('Ama');
    const kofi = await world.agent('Kofi');
    const make = (title: string) =>
      createQuickResponse(world.ctx, boss, { title, content: title, shared: true });
    const [a, b, c] = [await make('Alpha'), await make('Bravo'), await make('Charlie')];
    const titles = async (viewer: typeof ama) =>
      (await listQuickResponses(world.ctx, viewer)).map((r) => [r.row.title, r.useCount]);
    expect(await titles(ama)).toEqual([
      ['Alpha', 0],
      ['Bravo', 0],
      ['Charlie', 0],
    ]);
    await recordQuickResponseUse(world.ctx, ama, c.row.id);
    expect((await recordQuickResponseUse(world.ctx, ama, c.row.id)).useCount).toBe(2);
    await recordQuickResponseUse(world.ctx, ama, b.row.id);
    await recordQuickResponseUse(world.ctx, kofi, a.row.id);
    expect(await titles(ama)).toEqual([
      ['Charlie', 2],
      ['Bravo', 1],
      ['Alpha', 0],
    ]);
    expect(await titles(kofi)).toEqual([
      ['Alpha', 1],
      ['Bravo', 0],
      ['Charlie', 0],
    ]);
  });

  it('counts a use only of a response the agent sees', async () => {
    const world = makeWorld(db());
    const ama = await world.agent('Ama');
    const kofi = await world.agent('Kofi');
    const customer = await world.customer();
    const mine = await createQuickResponse(world.ctx, ama, { title: 'Mine', content: 'x' });
    await expect(recordQuickResponseUse(world.ctx, kofi, mine.row.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(recordQuickResponseUse(world.ctx, customer, mine.row.id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await deleteQuickResponse(world.ctx, ama, mine.row.id);
    await expect(recordQuickResponseUse(world.ctx, ama, mine.row.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  async function financeDesk(world: ReturnType<typeof makeWorld>) {
    const boss = await world.superAdmin();
    const lead = await world.agent('Afia');
    const member = await world.agent('Ama');
    const outsider = await world.agent('Kofi');
    const finance = (await createTeam(world.ctx, boss, { name: 'Finance', description: '' })).row;
    const it = (await createTeam(world.ctx, boss, { name: 'IT', description: '' })).row;
    await setTeamMember(world.ctx, boss, { teamId: finance.id, agentId: lead.id, isLead: true });
    await setTeamMember(world.ctx, boss, { teamId: finance.id, agentId: member.id, isLead: false });
    await setTeamMember(world.ctx, boss, { teamId: it.id, agentId: outsider.id, isLead: true });
    return { boss, lead, member, outsider, finance, it };
  }

  it('lets a team’s lead keep its responses, offered to its members alone', async () => {
    const world = makeWorld(db());
    const { boss, lead, member, outsider, finance } = await financeDesk(world);
    const fees = { title: 'Fees', content: 'Hi, {{team.name}} here', teamId: finance.id };
    const saved = await createQuickResponse(world.ctx, lead, fees);
    expect(saved.team).toEqual({ id: finance.id, name: 'Finance' });
    expect(saved.row).toMatchObject({ owner_id: null, team_id: finance.id });
    const titles = async (viewer: typeof lead) =>
      (await listQuickResponses(world.ctx, viewer)).map((r) => r.row.title);
    expect(await titles(member)).toEqual(['Fees']);
    expect(await titles(boss)).toEqual(['Fees']);
    expect(await titles(outsider)).toEqual([]);
    expect((await listQuickResponses(world.ctx, member))[0]).toEqual(saved);
    // A member uses it, but keeping it is the leads' (and the super admin's).
    expect((await recordQuickResponseUse(world.ctx, member, saved.row.id)).useCount).toBe(1);
    await expect(
      updateQuickResponse(world.ctx, member, saved.row.id, { title: 'Mine' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      updateQuickResponse(world.ctx, outsider, saved.row.id, { title: 'Mine' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(createQuickResponse(world.ctx, member, fees)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(createQuickResponse(world.ctx, outsider, fees)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(
      (await updateQuickResponse(world.ctx, boss, saved.row.id, { title: 'Fees!' })).row.title,
    ).toBe('Fees!');
    await deleteQuickResponse(world.ctx, lead, saved.row.id);
    expect(await titles(member)).toEqual([]);
  });

  it('refuses an unknown or archived team, and a response both shared and a team’s', async () => {
    const world = makeWorld(db());
    const { boss, lead, finance, it: itTeam } = await financeDesk(world);
    const body = { title: 'Fees', content: 'See the fees page' };
    await expect(
      createQuickResponse(world.ctx, boss, { ...body, teamId: 'no-such-team' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      createQuickResponse(world.ctx, boss, { ...body, teamId: finance.id, shared: true }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'teamId' });
    const mine = await createQuickResponse(world.ctx, lead, body);
    // A lead moves their own response to their team, not to another team.
    await expect(
      updateQuickResponse(world.ctx, lead, mine.row.id, { teamId: itTeam.id }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const moved = await updateQuickResponse(world.ctx, lead, mine.row.id, { teamId: finance.id });
    expect(moved.row).toMatchObject({ owner_id: null, team_id: finance.id });
    expect(moved.team).toEqual({ id: finance.id, name: 'Finance' });
    await updateTeam(world.ctx, boss, itTeam.id, { archived: true });
    await expect(
      createQuickResponse(world.ctx, boss, { ...body, teamId: itTeam.id }),
    ).rejects.toMatchObject({ code: 'TEAM_ARCHIVED' });
    await expect(
      updateQuickResponse(world.ctx, boss, moved.row.id, { teamId: itTeam.id }),
    ).rejects.toMatchObject({ code: 'TEAM_ARCHIVED' });
  });

  it('keeps a shortcut unique within a team, apart from the shared ones and other teams', async () => {
    const world = makeWorld(db());
    const { boss, lead, outsider, finance, it: itTeam } = await financeDesk(world);
    const fees = { title: 'Fees', content: 'See the fees page', shortcut: 'fees' };
    await createQuickResponse(world.ctx, boss, { ...fees, shared: true });
    await createQuickResponse(world.ctx, lead, fees);
    await createQuickResponse(world.ctx, lead, { ...fees, teamId: finance.id });
    await createQuickResponse(world.ctx, outsider, { ...fees, teamId: itTeam.id });
    await expect(
      createQuickResponse(world.ctx, boss, { ...fees, teamId: finance.id }),
    ).rejects.toMatchObject({ code: 'SHORTCUT_TAKEN' });
    // Moving one into a team takes the team's shortcuts into account too.
    const [itFees] = await listQuickResponses(world.ctx, outsider).then((list) =>
      list.filter((r) => r.row.team_id === itTeam.id),
    );
    await expect(
      updateQuickResponse(world.ctx, boss, itFees!.row.id, { teamId: finance.id }),
    ).rejects.toMatchObject({ code: 'SHORTCUT_TAKEN' });
  });

  it('deletes a team’s responses with the team', async () => {
    const world = makeWorld(db());
    const { boss, lead, member, finance } = await financeDesk(world);
    await createQuickResponse(world.ctx, lead, { title: 'Fees', content: 'x', teamId: finance.id });
    await deleteTeam(world.ctx, boss, finance.id);
    expect(await listQuickResponses(world.ctx, member)).toEqual([]);
    expect(await listQuickResponses(world.ctx, boss)).toEqual([]);
  });
});
