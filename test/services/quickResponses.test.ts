// Quick responses on both databases: variables checked on save, shortcuts unique within their
// scope, categories, and each agent's most used first.
import { expect, it } from 'vitest';
import { recordQuickResponseUse } from '../../src/services/quickResponses/quickResponseUses.js';
import {
  createQuickResponse,
  deleteQuickResponse,
  listQuickResponses,
  updateQuickResponse,
} from '../../src/services/quickResponses/quickResponses.js';
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
});
