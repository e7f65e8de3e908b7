// Handing a chat to someone else against a real database: the transcript names who acted, and
// only an agent who could take the chat now may be handed it (the rule the picker shows).
import { expect, it } from 'vitest';
import type { Viewer } from '../../src/domain/policies.js';
import { listMessages } from '../../src/services/messages/messageReader.js';
import { assignSession } from '../../src/services/sessions/chatAssigner.js';
import { transferSession } from '../../src/services/transfers/agentTransfer.js';
import { describeEachDatabase } from '../support/databases.js';
import { makeWorld, type World } from '../support/world.js';

/** Yaw's chat, which Kofi took. Nobody gets chats from the queue on their own. */
async function kofisChat(world: World) {
  const kofi = await world.agent('Kofi', { autoAssign: false, connected: true });
  const sessionId = await world.startChat(await world.customer('Yaw'));
  await assignSession(world.ctx, { viewer: kofi, sessionId });
  return { kofi, sessionId };
}

async function systemLines(world: World, sessionId: string, viewer: Viewer): Promise<string[]> {
  const page = await listMessages(world.ctx, viewer, sessionId, { limit: 100 });
  return page.records
    .filter(({ row }) => row.message_type === 'system')
    .map(({ row }) => row.message_text);
}

describeEachDatabase('handing a chat to another agent', (db) => {
  it('says an agent transferred their own chat', async () => {
    const world = makeWorld(db());
    const { kofi, sessionId } = await kofisChat(world);
    const esi = await world.agent('Esi', { autoAssign: false, connected: true });
    await transferSession(world.ctx, { viewer: kofi, sessionId, agentId: esi.id });
    expect(await systemLines(world, sessionId, esi)).toEqual([
      'Kofi joined the chat',
      'Kofi transferred the chat to Esi',
    ]);
  });

  it('names the super admin who moved a colleague’s chat, not the agent who had it', async () => {
    const world = makeWorld(db());
    const { sessionId } = await kofisChat(world);
    const ada = await world.superAdmin('Ada');
    const esi = await world.agent('Esi', { autoAssign: false, connected: true });
    await transferSession(world.ctx, { viewer: ada, sessionId, agentId: esi.id });
    expect(await systemLines(world, sessionId, ada)).toEqual([
      'Kofi joined the chat',
      'Ada moved the chat from Kofi to Esi',
    ]);
  });

  it('names the super admin who assigned a waiting chat, and the agent who took one', async () => {
    const world = makeWorld(db());
    const ada = await world.superAdmin('Ada');
    const esi = await world.agent('Esi', { autoAssign: false, connected: true });
    const kofi = await world.agent('Kofi', { autoAssign: false });
    const yaw = await world.customer('Yaw');
    const assigned = await world.startChat(yaw);
    const taken = await world.startChat(yaw);
    await assignSession(world.ctx, { viewer: ada, sessionId: assigned, agentId: esi.id });
    await assignSession(world.ctx, { viewer: kofi, sessionId: taken });
    expect(await systemLines(world, assigned, ada)).toEqual(['Ada assigned the chat to Esi']);
    expect(await systemLines(world, taken, ada)).toEqual(['Kofi joined the chat']);
  });

  it('hands a chat to a busy or away agent, who chose only to get none from the queue', async () => {
    const world = makeWorld(db());
    const { kofi, sessionId } = await kofisChat(world);
    const esi = await world.agent('Esi', { status: 'away', autoAssign: false, connected: true });
    const moved = await transferSession(world.ctx, { viewer: kofi, sessionId, agentId: esi.id });
    expect(moved.agent?.id).toBe(esi.id);
  });

  it('refuses an offline, a not connected or a full agent, for transfers and assignments', async () => {
    const world = makeWorld(db());
    const { kofi, sessionId } = await kofisChat(world);
    const ada = await world.superAdmin('Ada');
    const waiting = await world.startChat(await world.customer('Abena'));
    const offline = await world.agent('Efua', { status: 'offline', connected: true });
    const gone = await world.agent('Kwame', { autoAssign: false });
    const full = await world.agent('Esi', { max: 1, autoAssign: false, connected: true });
    const kojo = await world.startChat(await world.customer('Kojo'));
    await assignSession(world.ctx, { viewer: full, sessionId: kojo });
    const refusals = [
      [offline.id, 'AGENT_UNAVAILABLE', 'Efua is offline'],
      [gone.id, 'AGENT_UNAVAILABLE', 'Kwame is not connected to Switchboard'],
      [full.id, 'AGENT_AT_CAPACITY', 'Esi is at their maximum number of open chats'],
    ] as const;
    for (const [agentId, code, message] of refusals) {
      await expect(
        transferSession(world.ctx, { viewer: kofi, sessionId, agentId }),
      ).rejects.toMatchObject({ code, message });
      await expect(
        assignSession(world.ctx, { viewer: ada, sessionId: waiting, agentId }),
      ).rejects.toMatchObject({ code, message });
    }
  });

  it('hands a chat to a full agent when the deployment allows going over capacity', async () => {
    const world = makeWorld(db(), { allowTakeOverCapacity: true });
    const { kofi, sessionId } = await kofisChat(world);
    const esi = await world.agent('Esi', { max: 1, autoAssign: false, connected: true });
    const kojo = await world.startChat(await world.customer('Kojo'));
    await assignSession(world.ctx, { viewer: esi, sessionId: kojo });
    const moved = await transferSession(world.ctx, { viewer: kofi, sessionId, agentId: esi.id });
    expect(moved.agent?.id).toBe(esi.id);
  });
});
