// Transferring a chat to a team, against a real database: the chat goes back to the queue as the
// team's, in the place its start time and priority give it (not at the back); the desk's line
// names who acted, the customer is told where the chat is going and then who joined; the
// handover note reaches the desk and never the customer, on any path.
import { expect, it } from 'vitest';
import { topics } from '../../src/bus/bus.js';
import { frameVisibleTo } from '../../src/domain/eventVisibility.js';
import type { SessionFacts, Viewer } from '../../src/domain/policies.js';
import { getOwnAgentState } from '../../src/services/agents/agentStatus.js';
import { listMessages, replayEvents } from '../../src/services/messages/messageReader.js';
import { presentSession, audienceOf } from '../../src/services/presenters.js';
import { assignSession } from '../../src/services/sessions/chatAssigner.js';
import { endSession } from '../../src/services/sessions/sessionEnder.js';
import { getSession, listSessions } from '../../src/services/sessions/sessionReader.js';
import { createTeam, setTeamMember, updateTeam } from '../../src/services/teams/teams.js';
import { createTopic } from '../../src/services/topics/topics.js';
import { transferToTeam } from '../../src/services/transfers/teamTransfer.js';
import { findSessionRow } from '../../src/storage/repositories/sessions/sessionRecords.js';
import { describeEachDatabase } from '../support/databases.js';
import { makeWorld, type World } from '../support/world.js';

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: { code: string }) => error.code,
  );

let slugs = 0;

/**
 * Kofi has Yaw's chat (medium priority, started first, of no team); in Finance's queue wait
 * Efua's (medium, started later) and Kojo's (high, started last). Finance is Esi's team. Nobody
 * gets chats on their own.
 */
async function desk(world: World) {
  const ada = await world.superAdmin('Ada');
  const kofi = await world.agent('Kofi', { autoAssign: false, connected: true });
  const esi = await world.agent('Esi', { autoAssign: false, connected: true });
  const yaw = await world.customer('Yaw');
  const chat = await world.startChat(yaw, { subject: 'Refund' });
  const finance = (await createTeam(world.ctx, ada, { name: 'Finance', description: '' })).row;
  await setTeamMember(world.ctx, ada, { teamId: finance.id, agentId: esi.id, isLead: false });
  const fees = await createTopic(world.ctx, ada, {
    slug: `fees-${++slugs}`,
    name: 'Fees',
    teamId: finance.id,
    isDefault: false,
    position: 0,
  });
  const topicId = fees.row.id;
  const efua = await world.startChat(await world.customer('Efua'), { topicId });
  const kojo = await world.startChat(await world.customer('Kojo'), { priority: 'high', topicId });
  await assignSession(world.ctx, { viewer: kofi, sessionId: chat });
  return { ada, kofi, esi, finance, yaw, chat, efua, kojo };
}

const texts = async (world: World, viewer: Viewer, sessionId: string) =>
  (await listMessages(world.ctx, viewer, sessionId, { limit: 100 })).records.map(
    (r) => r.row.message_text,
  );

describeEachDatabase('transfer to a team', (db) => {
  it('puts the chat back in the queue as the team’s, in its place, with its start and priority', async () => {
    const world = makeWorld(db());
    const { kofi, finance, chat, efua, kojo } = await desk(world);
    const before = (await findSessionRow(db().db, chat))!;
    world.clock.advance(60_000);

    const moved = await transferToTeam(world.ctx, {
      viewer: kofi,
      sessionId: chat,
      teamId: finance.id,
    });

    expect(moved.row).toMatchObject({
      status: 'waiting',
      assigned_agent_id: null,
      assigned_at: null,
      team_id: finance.id,
      started_at: before.started_at,
      priority: before.priority,
      priority_rank: before.priority_rank,
      awaiting_agent_since: before.awaiting_agent_since,
    });
    expect(moved.team).toEqual({ id: finance.id, name: 'Finance' });
    // In Finance's queue: behind its high-priority chat, ahead of the one started after it, not
    // at the back.
    const queue = await listSessions(world.ctx, kofi, { view: 'waiting', limit: 10 });
    expect(queue.items.map((item) => [item.row.id, item.queuePosition])).toEqual([
      [kojo, 1],
      [chat, 2],
      [efua, 3],
    ]);
    expect((await getOwnAgentState(world.ctx, kofi)).status.current_chat_count).toBe(0);
    const queueFrames = world.published.filter(
      (p) => p.topic === topics.queue && p.frame.type === 'queue.changed',
    );
    expect(queueFrames.at(-1)?.frame).toMatchObject({ sessionId: chat, status: 'waiting' });
  });

  it('routes the chat, once in the team’s queue, to an agent of that team only', async () => {
    const world = makeWorld(db());
    const { ada, kofi, finance, chat } = await desk(world);
    // Adwoa, of Finance, gets Finance's two chats waiting; Ama, free, would win on load, but is
    // not in Finance.
    const adwoa = await world.agent('Adwoa');
    await setTeamMember(world.ctx, ada, { teamId: finance.id, agentId: adwoa.id, isLead: false });
    const ama = await world.agent('Ama');
    await world.routing.idle();
    const before = (await getOwnAgentState(world.ctx, adwoa)).status.current_chat_count;
    expect(before).toBe(2);
    expect((await getOwnAgentState(world.ctx, ama)).status.current_chat_count).toBe(0);

    await transferToTeam(world.ctx, { viewer: kofi, sessionId: chat, teamId: finance.id });
    await world.routing.idle();

    expect((await findSessionRow(db().db, chat))!.assigned_agent_id).toBe(adwoa.id);
    expect((await getOwnAgentState(world.ctx, adwoa)).status.current_chat_count).toBe(before + 1);
  });

  it('names who acted for the desk, tells the customer where it goes, then who joined', async () => {
    const world = makeWorld(db());
    const { ada, kofi, esi, finance, yaw, chat } = await desk(world);
    await transferToTeam(world.ctx, { viewer: ada, sessionId: chat, teamId: finance.id });
    await assignSession(world.ctx, { viewer: esi, sessionId: chat });

    expect(await texts(world, esi, chat)).toEqual([
      'Hello, I need help',
      'Kofi joined the chat',
      'Ada moved the chat from Kofi to Finance',
      "You're being transferred to Finance",
      'Esi joined the chat',
    ]);
    expect(await texts(world, yaw, chat)).toEqual([
      'Hello, I need help',
      'Kofi joined the chat',
      "You're being transferred to Finance",
      'Esi joined the chat',
    ]);
    // Kofi handed it on himself: the desk reads that he did.
    const other = await desk(world);
    await transferToTeam(world.ctx, {
      viewer: other.kofi,
      sessionId: other.chat,
      teamId: other.finance.id,
    });
    expect(await texts(world, other.ada, other.chat)).toContain(
      'Kofi transferred the chat to Finance',
    );
    expect(kofi.id).not.toBe(other.kofi.id);
  });

  it('gives the handover note to the desk, at the top for the receiver, and never to the customer', async () => {
    const world = makeWorld(db());
    const { kofi, esi, finance, yaw, chat } = await desk(world);
    const note = 'He paid twice; Finance approved the refund of the second payment';
    const mark = world.published.length;
    await transferToTeam(world.ctx, { viewer: kofi, sessionId: chat, teamId: finance.id, note });
    await assignSession(world.ctx, { viewer: esi, sessionId: chat });

    const forEsi = await getSession(world.ctx, esi, chat);
    const forYaw = await getSession(world.ctx, yaw, chat);
    const desksView = (await listMessages(world.ctx, esi, chat, { limit: 100 })).records;
    const handover = desksView.find((r) => r.row.message_type === 'note' && r.sender);
    expect(handover).toMatchObject({ row: { message_text: note }, sender: { id: kofi.id } });
    expect(presentSession(forEsi, audienceOf(world.ctx.settings, esi)).handoverNoteId).toBe(
      handover!.row.id,
    );
    expect(presentSession(forYaw, audienceOf(world.ctx.settings, yaw)).handoverNoteId).toBeNull();

    // The REST list, the socket's replay and every live frame, as the customer's socket sees them.
    const facts: SessionFacts = { customerId: yaw.id, agentId: esi.id, status: 'active' };
    // The note, and the desk's line naming who moved the chat.
    const leaks = (text: string) =>
      text.includes('paid twice') || text.includes('transferred the chat to Finance');
    expect((await texts(world, yaw, chat)).filter(leaks)).toEqual([]);
    const replayed = await replayEvents(world.ctx, chat, 0, 100);
    const live = world.published.slice(mark).map((p) => p.frame);
    for (const frame of [...replayed, ...live]) {
      if (!frameVisibleTo(yaw, facts, frame)) continue;
      expect(leaks(JSON.stringify(frame)), JSON.stringify(frame)).toBe(false);
    }
    expect(replayed.filter((f) => leaks(JSON.stringify(f)))).toHaveLength(2);

    // The transcript, once it has ended.
    await endSession(world.ctx, { viewer: yaw, sessionId: chat });
    expect((await texts(world, yaw, chat)).filter(leaks)).toEqual([]);
  });

  it('takes a team that exists and is not archived', async () => {
    const world = makeWorld(db());
    const { ada, kofi, chat } = await desk(world);
    const library = (await createTeam(world.ctx, ada, { name: 'Library', description: '' })).row;
    await updateTeam(world.ctx, ada, library.id, { archived: true });
    const to = (teamId: string) =>
      transferToTeam(world.ctx, { viewer: kofi, sessionId: chat, teamId });
    expect(await refusal(to(library.id))).toBe('TEAM_ARCHIVED');
    expect(await refusal(to('01890a5d-ac96-774b-bcce-b302099a8057'))).toBe('NOT_FOUND');
    expect((await findSessionRow(db().db, chat))!.assigned_agent_id).toBe(kofi.id);
  });

  it('is for the chat’s agent, its team’s lead and super admins, and for active chats', async () => {
    const world = makeWorld(db());
    const { ada, kofi, esi, finance, chat, efua } = await desk(world);
    const to = (viewer: Viewer, sessionId = chat) =>
      transferToTeam(world.ctx, { viewer, sessionId, teamId: finance.id });
    expect(await refusal(to(esi))).toBe('NOT_FOUND');
    expect(await refusal(to(await world.customer('Abena')))).toBe('NOT_FOUND');
    expect(await refusal(to(ada, efua))).toBe('SESSION_NOT_ACTIVE');
    // Kofi leads Finance now, and the chat is Finance's once moved: its lead moves it on.
    await setTeamMember(world.ctx, ada, { teamId: finance.id, agentId: kofi.id, isLead: true });
    await to(kofi);
    await assignSession(world.ctx, { viewer: esi, sessionId: chat });
    const it = (await createTeam(world.ctx, ada, { name: 'IT', description: '' })).row;
    const moved = await transferToTeam(world.ctx, { viewer: kofi, sessionId: chat, teamId: it.id });
    expect(moved.row.team_id).toBe(it.id);
  });
});
