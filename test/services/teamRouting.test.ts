// Routing per team against a real database: a team's chat goes to its own agents only, to its
// fallback team's agents once it has waited the team's overflow delay (the pass is timed for
// that moment by the injected clock, not found by a sweep), one hop only, and a team without
// room holds back no other team's chat. The overflow settings' own rules are here too.
import { expect, it } from 'vitest';
import type { AppError } from '../../src/domain/errors.js';
import { updateOwnAgentState } from '../../src/services/agents/agentStatus.js';
import { queuePositionFor } from '../../src/services/sessions/queueEstimator.js';
import { routeQueue } from '../../src/services/sessions/queueRouter.js';
import {
  createTeam,
  deleteTeam,
  getTeam,
  setTeamMember,
  updateTeam,
} from '../../src/services/teams/teams.js';
import { createTopic, updateTopic } from '../../src/services/topics/topics.js';
import { findSessionRow } from '../../src/storage/repositories/sessions/sessionRecords.js';
import { queuePositions } from '../../src/storage/repositories/sessions/sessionLists.js';
import { describeEachDatabase } from '../support/databases.js';
import { allViolations } from '../support/routingInvariants.js';
import { makeWorld, type Person, type World } from '../support/world.js';

const MINUTE = 60_000;

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: AppError) => ({ code: error.code, field: error.field }),
  );

/**
 * Finance, IT and Records, each with a topic; Kofi is in Finance, Ama in IT, Rita in Records,
 * all offline until a test puts them online.
 */
async function desks(world: World) {
  const ada = await world.superAdmin('Ada');
  const team = async (name: string) =>
    (await createTeam(world.ctx, ada, { name, description: '' })).row;
  const finance = await team('Finance');
  const it = await team('IT');
  const records = await team('Records');
  const topic = async (slug: string, teamId: string) =>
    (await createTopic(world.ctx, ada, { slug, name: slug, teamId, isDefault: false, position: 0 }))
      .row;
  const topics = {
    fees: await topic('fees', finance.id),
    wifi: await topic('wifi', it.id),
    transcripts: await topic('transcripts', records.id),
  };
  const member = async (teamId: string, name: string) => {
    const agent = await world.agent(name, { status: 'offline' });
    await setTeamMember(world.ctx, ada, { teamId, agentId: agent.id, isLead: false });
    return agent;
  };
  const kofi = await member(finance.id, 'Kofi');
  const ama = await member(it.id, 'Ama');
  const rita = await member(records.id, 'Rita');
  await world.routing.idle();
  return { ada, finance, it, records, topics, kofi, ama, rita };
}

async function online(world: World, agent: Person, max = 5) {
  await updateOwnAgentState(world.ctx, agent, { status: 'online', maxConcurrentChats: max });
  await world.routing.idle();
}

describeEachDatabase('routing per team', (db) => {
  const agentOf = async (sessionId: string) =>
    (await findSessionRow(db().db, sessionId))?.assigned_agent_id ?? null;

  it("gives a team's chat only to that team's agent, though another has more room", async () => {
    const world = makeWorld(db());
    const { topics, kofi, ama } = await desks(world);
    await online(world, kofi, 3);
    await online(world, ama, 5);
    const yaw = await world.customer('Yaw');
    const first = await world.startChat(yaw, { topicId: topics.fees.id });
    const second = await world.startChat(yaw, { topicId: topics.fees.id });
    const wifi = await world.startChat(yaw, { topicId: topics.wifi.id });
    await world.routing.idle();
    expect(await agentOf(first)).toBe(kofi.id);
    expect(await agentOf(second)).toBe(kofi.id);
    expect(await agentOf(wifi)).toBe(ama.id);
    expect(await allViolations(db().db)).toEqual([]);
  });

  it('keeps a chat of a team with nobody online waiting, and routes it when a member comes online', async () => {
    const world = makeWorld(db());
    const { topics, kofi, ama } = await desks(world);
    await online(world, ama);
    const chat = await world.startChat(await world.customer(), { topicId: topics.fees.id });
    await world.routing.idle();
    expect(await agentOf(chat)).toBeNull();
    await online(world, kofi);
    expect(await agentOf(chat)).toBe(kofi.id);
  });

  it('routes waiting chats to an agent as soon as they join the team', async () => {
    const world = makeWorld(db());
    const { ada, finance, topics, ama } = await desks(world);
    await online(world, ama);
    const chat = await world.startChat(await world.customer(), { topicId: topics.fees.id });
    await world.routing.idle();
    expect(await agentOf(chat)).toBeNull();
    await setTeamMember(world.ctx, ada, { teamId: finance.id, agentId: ama.id, isLead: false });
    await world.routing.idle();
    expect(await agentOf(chat)).toBe(ama.id);
  });

  it("overflows to the fallback team's agent once the chat has waited the delay, by a pass timed for that moment", async () => {
    const world = makeWorld(db());
    const { ada, finance, it: itTeam, topics, kofi, ama } = await desks(world);
    await updateTeam(world.ctx, ada, finance.id, {
      overflow: { teamId: itTeam.id, afterSeconds: 120 },
    });
    await online(world, kofi, 1);
    await online(world, ama, 5);
    const yaw = await world.customer();
    const kofis = await world.startChat(yaw, { topicId: topics.fees.id });
    const waiting = await world.startChat(yaw, { topicId: topics.fees.id });
    await world.routing.idle();
    expect(await agentOf(kofis)).toBe(kofi.id);
    expect(await agentOf(waiting)).toBeNull();
    const startedAt = (await findSessionRow(db().db, waiting))!.started_at;
    // Nothing else happens: the pass that found Kofi full timed the next one for the overflow.
    expect(world.routing.nextPassAt).toBe(startedAt + 2 * MINUTE);

    world.clock.advance(startedAt + 2 * MINUTE - 1 - world.clock.now());
    await world.routing.idle();
    expect(await agentOf(waiting)).toBeNull();

    world.clock.advance(1);
    await world.routing.idle();
    expect(await agentOf(waiting)).toBe(ama.id);
    expect(world.routing.nextPassAt).toBeNull();
    expect(await allViolations(db().db)).toEqual([]);
  });

  it('decides overflow by the clock of the pass itself: a pass after the delay routes it, one before does not', async () => {
    const world = makeWorld(db());
    const { ada, finance, it: itTeam, topics, ama } = await desks(world);
    await updateTeam(world.ctx, ada, finance.id, {
      overflow: { teamId: itTeam.id, afterSeconds: 30 },
    });
    await online(world, ama);
    const chat = await world.startChat(await world.customer(), { topicId: topics.fees.id });
    await world.routing.idle();
    const startedAt = (await findSessionRow(db().db, chat))!.started_at;
    expect(await routeQueue(world.ctx)).toEqual({ placed: 0, nextPassAt: startedAt + 30_000 });
    world.clock.ms = startedAt + 30_000;
    expect(await routeQueue(world.ctx)).toEqual({ placed: 1, nextPassAt: null });
    expect(await agentOf(chat)).toBe(ama.id);
  });

  it('times no pass while the fallback team has no room: its agent freeing up routes the chat', async () => {
    const world = makeWorld(db());
    const { ada, finance, it: itTeam, topics, ama } = await desks(world);
    await updateTeam(world.ctx, ada, finance.id, {
      overflow: { teamId: itTeam.id, afterSeconds: 10 },
    });
    const chat = await world.startChat(await world.customer(), { topicId: topics.fees.id });
    await world.routing.idle();
    expect(world.routing.nextPassAt).toBeNull();
    world.clock.advance(MINUTE);
    await online(world, ama);
    expect(await agentOf(chat)).toBe(ama.id);
  });

  it('overflows one hop only: a chat of Finance never goes on to IT’s fallback', async () => {
    const world = makeWorld(db());
    const { ada, finance, it: itTeam, records, topics, rita } = await desks(world);
    await updateTeam(world.ctx, ada, finance.id, {
      overflow: { teamId: itTeam.id, afterSeconds: 10 },
    });
    await updateTeam(world.ctx, ada, itTeam.id, {
      overflow: { teamId: records.id, afterSeconds: 10 },
    });
    await online(world, rita);
    const fees = await world.startChat(await world.customer(), { topicId: topics.fees.id });
    const wifi = await world.startChat(await world.customer('Abena'), { topicId: topics.wifi.id });
    await world.routing.idle();
    expect(await agentOf(wifi)).toBeNull();
    world.clock.advance(60 * MINUTE);
    await world.routing.idle();
    expect(await agentOf(wifi)).toBe(rita.id);
    expect(await agentOf(fees)).toBeNull();
    expect((await routeQueue(world.ctx)).placed).toBe(0);
  });

  it("does not hold back another team's chat behind a full team's, and keeps the full team's places", async () => {
    const world = makeWorld(db());
    const { topics, kofi, ama } = await desks(world);
    await online(world, kofi, 1);
    const yaw = await world.customer();
    const kofis = await world.startChat(yaw, { topicId: topics.fees.id });
    // Finance's urgent chats come first in the queue; Kofi, its only agent, is full.
    const urgent = [];
    for (let i = 0; i < 4; i++) {
      urgent.push(
        await world.startChat(await world.customer(`C${i}`), {
          topicId: topics.fees.id,
          priority: 'urgent',
        }),
      );
    }
    const wifi = await world.startChat(await world.customer('Abena'), { topicId: topics.wifi.id });
    await online(world, ama, 1);
    expect(await agentOf(kofis)).toBe(kofi.id);
    expect(await agentOf(wifi)).toBe(ama.id);
    const places = await queuePositions(db().db);
    expect(urgent.map((id) => places.get(id))).toEqual([1, 2, 3, 4]);
    expect(await allViolations(db().db)).toEqual([]);
  });

  it("tells each waiting customer their place in their team's queue, and that team's agents", async () => {
    const world = makeWorld(db());
    const { topics, kofi, ama } = await desks(world);
    // Kofi (Finance) has one slot, taken by the first Finance chat; Ama (IT) takes chats by hand.
    await online(world, kofi, 1);
    await updateOwnAgentState(world.ctx, ama, { status: 'online', autoAssign: false });
    const customers = await Promise.all(['Yaw', 'Esi', 'Kojo', 'Abena'].map(world.customer));
    const [yaw, esi, kojo, abena] = customers as [Person, Person, Person, Person];
    await world.startChat(yaw, { topicId: topics.fees.id });
    await world.routing.idle();
    const fees = await world.startChat(esi, { topicId: topics.fees.id });
    const wifi = await world.startChat(kojo, { topicId: topics.wifi.id });
    const moreFees = await world.startChat(abena, { topicId: topics.fees.id });
    await world.routing.idle();

    const place = (viewer: Person, sessionId: string) =>
      queuePositionFor(world.ctx, viewer, sessionId);
    // The IT chat started between the two Finance ones: first in its own queue, and not counted
    // ahead of the second Finance chat.
    expect(await place(esi, fees)).toMatchObject({ position: 1, agentsAvailable: 1 });
    expect(await place(kojo, wifi)).toMatchObject({
      position: 1,
      agentsAvailable: 0,
      agentsOnline: 1,
    });
    expect(await place(abena, moreFees)).toMatchObject({ position: 2, agentsAvailable: 1 });
  });

  it("counts an agent's max once across their teams", async () => {
    const world = makeWorld(db());
    const { ada, it: itTeam, topics, kofi } = await desks(world);
    await setTeamMember(world.ctx, ada, { teamId: itTeam.id, agentId: kofi.id, isLead: false });
    await online(world, kofi, 2);
    const chats = [];
    for (const topic of [topics.fees, topics.wifi, topics.fees, topics.wifi]) {
      chats.push(await world.startChat(await world.customer(), { topicId: topic.id }));
    }
    await world.routing.idle();
    expect(await Promise.all(chats.map(agentOf))).toEqual([kofi.id, kofi.id, null, null]);
    expect(await allViolations(db().db)).toEqual([]);
  });

  it('routes a chat without a team to any agent, whatever their teams', async () => {
    const world = makeWorld(db());
    const ada = await world.superAdmin();
    const finance = (await createTeam(world.ctx, ada, { name: 'Finance', description: '' })).row;
    const kofi = await world.agent('Kofi', { status: 'offline' });
    await setTeamMember(world.ctx, ada, { teamId: finance.id, agentId: kofi.id, isLead: false });
    // No topics: chats have no team.
    const chat = await world.startChat(await world.customer());
    await online(world, kofi);
    expect(await agentOf(chat)).toBe(kofi.id);
  });

  it('keeps routing a team’s chats to its members after the team is archived', async () => {
    const world = makeWorld(db());
    const { ada, finance, topics, kofi } = await desks(world);
    const chat = await world.startChat(await world.customer(), { topicId: topics.fees.id });
    await updateTopic(world.ctx, ada, topics.fees.id, { archived: true });
    await updateTeam(world.ctx, ada, finance.id, { archived: true });
    await online(world, kofi);
    expect(await agentOf(chat)).toBe(kofi.id);
  });
});

describeEachDatabase('overflow settings', (db) => {
  it('sets, shows and clears a fallback team and delay', async () => {
    const world = makeWorld(db());
    const { ada, finance, it: itTeam, kofi } = await desks(world);
    const set = await updateTeam(world.ctx, ada, finance.id, {
      overflow: { teamId: itTeam.id, afterSeconds: 90 },
    });
    expect(set.row).toMatchObject({ fallback_team_id: itTeam.id, overflow_after_ms: 90_000 });
    expect(set.fallback).toEqual({ id: itTeam.id, name: 'IT' });
    expect((await getTeam(world.ctx, kofi, finance.id)).fallback).toEqual({
      id: itTeam.id,
      name: 'IT',
    });
    const renamed = await updateTeam(world.ctx, ada, finance.id, { name: 'Bursary' });
    expect(renamed.row.overflow_after_ms).toBe(90_000);
    const cleared = await updateTeam(world.ctx, ada, finance.id, { overflow: null });
    expect(cleared.row).toMatchObject({ fallback_team_id: null, overflow_after_ms: null });
    expect(cleared.fallback).toBeNull();
  });

  it('refuses the team itself, an unknown team and an archived one, and anyone but a super admin', async () => {
    const world = makeWorld(db());
    const { ada, finance, records, topics, kofi } = await desks(world);
    const overflowTo = (teamId: string, viewer: Person = ada) =>
      refusal(
        updateTeam(world.ctx, viewer, finance.id, { overflow: { teamId, afterSeconds: 60 } }),
      );
    expect(await overflowTo(finance.id)).toEqual({
      code: 'VALIDATION_FAILED',
      field: 'overflow.teamId',
    });
    expect(await overflowTo(world.ctx.ids.next())).toMatchObject({ code: 'NOT_FOUND' });
    await updateTopic(world.ctx, ada, topics.transcripts.id, { archived: true });
    await updateTeam(world.ctx, ada, records.id, { archived: true });
    expect(await overflowTo(records.id)).toEqual({
      code: 'TEAM_ARCHIVED',
      field: 'overflow.teamId',
    });
    expect(await overflowTo(records.id, kofi)).toMatchObject({ code: 'FORBIDDEN' });
    expect((await getTeam(world.ctx, ada, finance.id)).fallback).toBeNull();
  });

  it('keeps a team other teams overflow to from being archived or deleted', async () => {
    const world = makeWorld(db());
    const { ada, finance, it: itTeam } = await desks(world);
    const team = async (name: string) =>
      (await createTeam(world.ctx, ada, { name, description: '' })).row;
    const spare = await team('Spare');
    await updateTeam(world.ctx, ada, finance.id, {
      overflow: { teamId: spare.id, afterSeconds: 60 },
    });
    expect(await refusal(updateTeam(world.ctx, ada, spare.id, { archived: true }))).toMatchObject({
      code: 'TEAM_IN_USE',
    });
    expect(await refusal(deleteTeam(world.ctx, ada, spare.id))).toMatchObject({
      code: 'TEAM_IN_USE',
    });
    await updateTeam(world.ctx, ada, finance.id, {
      overflow: { teamId: itTeam.id, afterSeconds: 60 },
    });
    // An archived team overflowing to it no longer keeps it open, but its row still names it.
    const old = await team('Old desk');
    await updateTeam(world.ctx, ada, old.id, { overflow: { teamId: spare.id, afterSeconds: 60 } });
    await updateTeam(world.ctx, ada, old.id, { archived: true });
    await updateTeam(world.ctx, ada, spare.id, { archived: true });
    expect(await refusal(deleteTeam(world.ctx, ada, spare.id))).toMatchObject({
      code: 'TEAM_IN_USE',
    });
    await updateTeam(world.ctx, ada, old.id, { overflow: null });
    await deleteTeam(world.ctx, ada, spare.id);
  });

  it('gives no overflow to a fallback team archived meanwhile', async () => {
    const world = makeWorld(db());
    const { ada, finance, it: itTeam, topics, ama } = await desks(world);
    await updateTeam(world.ctx, ada, finance.id, {
      overflow: { teamId: itTeam.id, afterSeconds: 10 },
    });
    // Finance was itself archived first, so IT could be archived (its topic away too).
    await updateTopic(world.ctx, ada, topics.wifi.id, { archived: true });
    const chat = await world.startChat(await world.customer(), { topicId: topics.fees.id });
    await updateTopic(world.ctx, ada, topics.fees.id, { archived: true });
    await updateTeam(world.ctx, ada, finance.id, { archived: true });
    await updateTeam(world.ctx, ada, itTeam.id, { archived: true });
    world.clock.advance(MINUTE);
    await online(world, ama);
    expect((await findSessionRow(db().db, chat))?.status).toBe('waiting');
    await updateTeam(world.ctx, ada, itTeam.id, { archived: false });
    await world.routing.idle();
    expect((await findSessionRow(db().db, chat))?.assigned_agent_id).toBe(ama.id);
  });
});
