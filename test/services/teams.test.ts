// Teams, topics and team leads against a real database: a chat records the topic the customer
// picked (or the default) and its team; a team lead sees, follows and reassigns the chats of the
// teams they lead, and nothing of another team's; teams and topics with chats are archived, not
// deleted.
import { expect, it } from 'vitest';
import type { AppError } from '../../src/domain/errors.js';
import { FAN_OUT, presentSession, presentTopic } from '../../src/services/presenters.js';
import { assignSession } from '../../src/services/sessions/chatAssigner.js';
import { transferSession } from '../../src/services/transfers/agentTransfer.js';
import { getSession, listSessions } from '../../src/services/sessions/sessionReader.js';
import { loadSessionFor } from '../../src/services/sessions/sessionAccess.js';
import { listTeamAgents } from '../../src/services/teams/teamAgents.js';
import {
  createTeam,
  deleteTeam,
  removeTeamMember,
  setTeamMember,
  updateTeam,
} from '../../src/services/teams/teams.js';
import {
  createTopic,
  deleteTopic,
  listTopics,
  updateTopic,
} from '../../src/services/topics/topics.js';
import { describeEachDatabase } from '../support/databases.js';
import { makeWorld, type Person, type World } from '../support/world.js';

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: AppError) => error.code,
  );

/** Finance (led by Kofi, with Esi) and IT (led by Ama), a topic each; nobody auto-assigned. */
async function desks(world: World) {
  const ada = await world.superAdmin('Ada');
  const kofi = await world.agent('Kofi', { autoAssign: false, connected: true });
  const esi = await world.agent('Esi', { autoAssign: false, connected: true });
  const ama = await world.agent('Ama', { autoAssign: false, connected: true });
  const finance = (await createTeam(world.ctx, ada, { name: 'Finance', description: '' })).row;
  const it = (await createTeam(world.ctx, ada, { name: 'IT', description: 'Wi-Fi' })).row;
  await setTeamMember(world.ctx, ada, { teamId: finance.id, agentId: kofi.id, isLead: true });
  await setTeamMember(world.ctx, ada, { teamId: finance.id, agentId: esi.id, isLead: false });
  await setTeamMember(world.ctx, ada, { teamId: it.id, agentId: ama.id, isLead: true });
  const topic = (slug: string, name: string, teamId: string) =>
    createTopic(world.ctx, ada, { slug, name, teamId, isDefault: false, position: 0 });
  const fees = (await topic('fees', 'Fees and payments', finance.id)).row;
  const wifi = (await topic('wifi', 'Wi-Fi and accounts', it.id)).row;
  return { ada, kofi, esi, ama, finance, it, fees, wifi };
}

describeEachDatabase('teams and topics', (db) => {
  it('starts a chat without topic or team while no topics exist', async () => {
    const world = makeWorld(db());
    const sessionId = await world.startChat(await world.customer());
    const { record } = await loadSessionFor(db().db, await world.superAdmin(), sessionId);
    expect(record.row).toMatchObject({ topic_id: null, team_id: null });
  });

  it('records the picked topic and its team, or the default topic when none is picked', async () => {
    const world = makeWorld(db());
    const { ada, fees, wifi, finance, it } = await desks(world);
    const yaw = await world.customer('Yaw');
    const picked = await world.startChat(yaw, { topicId: wifi.id });
    const unpicked = await world.startChat(yaw);
    const rows = await db().db.selectFrom('chat_sessions').selectAll().execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(picked)).toMatchObject({ topic_id: wifi.id, team_id: it.id });
    // The first topic became the default.
    expect(byId.get(unpicked)).toMatchObject({ topic_id: fees.id, team_id: finance.id });
    const seen = await getSession(world.ctx, ada, picked);
    expect(presentSession(seen, FAN_OUT)).toMatchObject({
      topic: { id: wifi.id, name: 'Wi-Fi and accounts' },
      team: { id: it.id, name: 'IT' },
    });
    const ownView = await getSession(world.ctx, yaw, picked);
    expect(presentSession(ownView, { viewer: yaw, agentEmailsToCustomers: false })).toMatchObject({
      topic: { name: 'Wi-Fi and accounts' },
      team: null,
    });
  });

  it('refuses a topic that is archived or unknown', async () => {
    const world = makeWorld(db());
    const { ada, wifi } = await desks(world);
    await updateTopic(world.ctx, ada, wifi.id, { archived: true });
    const yaw = await world.customer();
    expect(await refusal(world.startChat(yaw, { topicId: wifi.id }))).toBe('VALIDATION_FAILED');
    expect(await refusal(world.startChat(yaw, { topicId: world.ctx.ids.next() }))).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('keeps exactly one default topic: it moves on request, and on archiving or deleting', async () => {
    const world = makeWorld(db());
    const { ada, fees, wifi } = await desks(world);
    const defaults = async () =>
      (await listTopics(world.ctx, ada, { includeArchived: true }))
        .filter((t) => t.row.is_default === 1)
        .map((t) => t.row.slug);
    expect(await defaults()).toEqual(['fees']);
    await updateTopic(world.ctx, ada, wifi.id, { isDefault: true });
    expect(await defaults()).toEqual(['wifi']);
    await updateTopic(world.ctx, ada, wifi.id, { archived: true });
    expect(await defaults()).toEqual(['fees']);
    await deleteTopic(world.ctx, ada, fees.id);
    expect(await defaults()).toEqual([]);
    // The one topic left comes back: it is the only choice, so the default.
    await updateTopic(world.ctx, ada, wifi.id, { archived: false });
    expect(await defaults()).toEqual(['wifi']);
  });

  it('shows customers the topics without the team they lead to', async () => {
    const world = makeWorld(db());
    await desks(world);
    const yaw = await world.customer();
    const topics = await listTopics(world.ctx, yaw, { includeArchived: true });
    expect(
      topics.map((t) => presentTopic(t, { viewer: yaw, agentEmailsToCustomers: false })),
    ).toMatchObject([
      { slug: 'fees', team: null, isDefault: true },
      { slug: 'wifi', team: null, isDefault: false },
    ]);
  });

  it('refuses a slug another topic has, and topics for an archived team', async () => {
    const world = makeWorld(db());
    const { ada, finance, it: itTeam } = await desks(world);
    expect(
      await refusal(
        createTopic(world.ctx, ada, {
          slug: 'fees',
          name: 'Fees again',
          teamId: finance.id,
          isDefault: false,
          position: 0,
        }),
      ),
    ).toBe('SLUG_TAKEN');
    const empty = (await createTeam(world.ctx, ada, { name: 'Old', description: '' })).row;
    await updateTeam(world.ctx, ada, empty.id, { archived: true });
    expect(
      await refusal(
        createTopic(world.ctx, ada, {
          slug: 'old',
          name: 'Old',
          teamId: empty.id,
          isDefault: false,
          position: 0,
        }),
      ),
    ).toBe('TEAM_ARCHIVED');
    expect(await refusal(updateTeam(world.ctx, ada, itTeam.id, { archived: true }))).toBe(
      'TEAM_IN_USE',
    );
  });

  it('archives teams and topics with chats instead of deleting them', async () => {
    const world = makeWorld(db());
    const { ada, finance, fees } = await desks(world);
    await world.startChat(await world.customer(), { topicId: fees.id });
    expect(await refusal(deleteTopic(world.ctx, ada, fees.id))).toBe('TOPIC_IN_USE');
    expect(await refusal(deleteTeam(world.ctx, ada, finance.id))).toBe('TEAM_IN_USE');
    await updateTopic(world.ctx, ada, fees.id, { archived: true });
    const archived = await updateTeam(world.ctx, ada, finance.id, { archived: true });
    expect(archived.row.archived_at).not.toBeNull();
    const unused = (await createTeam(world.ctx, ada, { name: 'Spare', description: '' })).row;
    await deleteTeam(world.ctx, ada, unused.id);
  });

  it("lets a team lead see their team's active chats, and not another team's", async () => {
    const world = makeWorld(db());
    const { kofi, esi, ama, fees, wifi, finance } = await desks(world);
    const yaw = await world.customer();
    const feesChat = await world.startChat(yaw, { topicId: fees.id });
    const wifiChat = await world.startChat(yaw, { topicId: wifi.id });
    await assignSession(world.ctx, { viewer: esi, sessionId: feesChat });
    const other = await world.agent('Efua', { autoAssign: false, connected: true });
    await assignSession(world.ctx, { viewer: other, sessionId: wifiChat });
    const activeOf = async (viewer: Person, teamId?: string) =>
      (
        await listSessions(world.ctx, viewer, { view: 'all', status: 'active', teamId, limit: 20 })
      ).items.map((item) => item.row.id);
    expect(await activeOf(kofi)).toEqual([feesChat]);
    expect(await activeOf(kofi, finance.id)).toEqual([feesChat]);
    expect(await activeOf(ama)).toEqual([wifiChat]);
    // Not a lead: only their own.
    expect(await activeOf(esi)).toEqual([feesChat]);
    expect(await refusal(getSession(world.ctx, ama, feesChat))).toBe('NOT_FOUND');
    const { viewer } = await loadSessionFor(db().db, kofi, feesChat);
    expect(viewer.leadTeamIds).toEqual([finance.id]);
  });

  it("lets a team lead reassign and transfer their team's chats only", async () => {
    const world = makeWorld(db());
    const { kofi, esi, ama, fees, wifi } = await desks(world);
    const yaw = await world.customer();
    const waiting = await world.startChat(yaw, { topicId: fees.id });
    const elsewhere = await world.startChat(yaw, { topicId: wifi.id });
    expect(
      await refusal(
        assignSession(world.ctx, { viewer: kofi, sessionId: elsewhere, agentId: esi.id }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      await refusal(
        assignSession(world.ctx, { viewer: esi, sessionId: waiting, agentId: kofi.id }),
      ),
    ).toBe('FORBIDDEN');
    await assignSession(world.ctx, { viewer: kofi, sessionId: waiting, agentId: esi.id });
    await transferSession(world.ctx, { viewer: kofi, sessionId: waiting, agentId: ama.id });
    const { record } = await loadSessionFor(db().db, kofi, waiting);
    expect(record.agent?.id).toBe(ama.id);
    // Ama leads IT, not Finance: the chat is hers now, so she sees it, but a colleague's chat
    // of another team is not found.
    await assignSession(world.ctx, { viewer: esi, sessionId: elsewhere });
    expect(
      await refusal(
        transferSession(world.ctx, { viewer: kofi, sessionId: elsewhere, agentId: ama.id }),
      ),
    ).toBe('NOT_FOUND');
  });

  it("shows a team's agents and load to its leads only, and lead rights end with the flag", async () => {
    const world = makeWorld(db());
    const { ada, kofi, esi, ama, finance, fees } = await desks(world);
    const load = await listTeamAgents(world.ctx, kofi, finance.id);
    expect(load.map((a) => [a.agent.name, a.isLead, a.status.current_chat_count])).toEqual([
      ['Esi', false, 0],
      ['Kofi', true, 0],
    ]);
    expect(await refusal(listTeamAgents(world.ctx, ama, finance.id))).toBe('FORBIDDEN');
    expect(await refusal(listTeamAgents(world.ctx, esi, finance.id))).toBe('FORBIDDEN');
    const chat = await world.startChat(await world.customer(), { topicId: fees.id });
    await assignSession(world.ctx, { viewer: esi, sessionId: chat });
    await loadSessionFor(db().db, kofi, chat);
    await setTeamMember(world.ctx, ada, { teamId: finance.id, agentId: kofi.id, isLead: false });
    expect(await refusal(loadSessionFor(db().db, kofi, chat))).toBe('NOT_FOUND');
    await removeTeamMember(world.ctx, ada, { teamId: finance.id, agentId: kofi.id });
    expect(
      await refusal(removeTeamMember(world.ctx, ada, { teamId: finance.id, agentId: kofi.id })),
    ).toBe('NOT_FOUND');
  });
});
