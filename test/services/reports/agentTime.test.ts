// Agents' time in each status and utilisation in the agent report: every status change, the
// agent's own and the system's (sign-out, the away sweep, deactivation), leaves a row of history
// in its transaction, and the report counts it on the injected clock.
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { updateAccount } from '../../../src/services/accounts/accounts.js';
import { signOut } from '../../../src/services/accounts/signOut.js';
import { updateOwnAgentState } from '../../../src/services/agents/agentStatus.js';
import { sweepAwayAgents } from '../../../src/services/agents/presence.js';
import { agentReport } from '../../../src/services/reports/agentReport.js';
import { endSession } from '../../../src/services/sessions/sessionEnder.js';
import { down, up } from '../../../src/storage/migrations/0039_status_change_capacity.js';
import { describeEachDatabase } from '../../support/databases.js';
import { makeWorld } from '../../support/world.js';

const HOUR = 3_600_000;
const MIN = 60_000;

describeEachDatabase('agents’ time in each status', (db) => {
  it('records every status change, the system’s too, and reports the time in each', async () => {
    const world = makeWorld(db(), { agentAwayGraceMs: 60_000 });
    const boss = await world.superAdmin('Ada');
    const start = world.clock.now();
    const ama = await world.agent('Ama'); // online now
    world.clock.advance(HOUR);
    await updateOwnAgentState(world.ctx, ama, { status: 'busy' });
    world.clock.advance(30 * MIN);
    // Her last sign-in ends: away at once.
    await signOut(world.ctx, 'a-secret-that-is-already-gone', ama);
    world.clock.advance(30 * MIN);
    await updateOwnAgentState(world.ctx, ama, { status: 'online' });
    // Choosing the status she already has is no change.
    await updateOwnAgentState(world.ctx, ama, { status: 'online', maxConcurrentChats: 4 });
    world.clock.advance(2 * MIN);
    // No socket of hers anywhere past the grace: the sweep sets her away.
    expect(await sweepAwayAgents(world.ctx)).toEqual([ama.id]);
    world.clock.advance(58 * MIN);
    // From an hour before she came to far after now: the future is not counted.
    const report = await agentReport(world.ctx, {
      viewer: boss,
      from: start - HOUR,
      to: start + 48 * HOUR,
    });
    const row = report.agents.find((agent) => agent.agentId === ama.id);
    expect(row?.time).toEqual({
      onlineMs: HOUR + 2 * MIN,
      busyMs: 30 * MIN,
      awayMs: 30 * MIN + 58 * MIN,
      // The hour before her first change.
      offlineMs: HOUR,
    });
    expect(row?.utilisation).toBe(0);
    // Ada never set a status: offline throughout, and no utilisation.
    const ada = report.agents.find((agent) => agent.agentId === boss.id);
    expect(ada?.time).toMatchObject({ onlineMs: 0, offlineMs: 4 * HOUR });
    expect(ada?.utilisation).toBeNull();
    await updateAccount(world.ctx, boss, ama.id, { isActive: false });
    world.clock.advance(HOUR);

    const history = await db()
      .db.selectFrom('agent_status_changes')
      .select(['changed_at', 'status'])
      .where('agent_id', '=', ama.id)
      .orderBy('changed_at')
      .execute();
    expect(history.map((row) => [Number(row.changed_at) - start, row.status])).toEqual([
      [0, 'online'],
      [HOUR, 'busy'],
      [1.5 * HOUR, 'away'],
      [2 * HOUR, 'online'],
      [2 * HOUR + 2 * MIN, 'away'],
      [3 * HOUR, 'offline'],
    ]);
  });

  it('counts utilisation as chat time held against the slots available', async () => {
    const world = makeWorld(db());
    const start = world.clock.now();
    const kofi = await world.agent('Kofi', { max: 2 });
    const customer = await world.customer('Yaw');
    // Routed to Kofi as it starts, ended half an hour after the range's start.
    const first = await world.startChat(customer);
    await world.routing.idle();
    world.clock.advance(30 * MIN - 1000);
    await endSession(world.ctx, { viewer: kofi, sessionId: first });
    // A second one, still open when the range ends.
    world.clock.advance(15 * MIN);
    const second = await world.startChat(customer);
    await world.routing.idle();
    world.clock.advance(HOUR);
    const joined = await db()
      .db.selectFrom('chat_participants')
      .select(['session_id', 'joined_at', 'left_at'])
      .where('user_id', '=', kofi.id)
      .where('role', '=', 'agent')
      .execute();
    const of = (id: string) => joined.find((row) => row.session_id === id)!;
    expect(Number(of(first).left_at)).toBe(start + 30 * MIN);
    expect(of(second).left_at).toBeNull();
    const held =
      start +
      30 * MIN -
      Number(of(first).joined_at) +
      (start + HOUR - Number(of(second).joined_at));
    expect(held).toBeGreaterThan(40 * MIN);

    const report = await agentReport(world.ctx, { viewer: kofi, from: start, to: start + HOUR });
    const [row] = report.agents;
    // Online the whole hour with 2 slots: 2 slot-hours.
    expect(row?.time.onlineMs).toBe(HOUR);
    expect(row?.utilisation).toBeCloseTo(held / (2 * HOUR), 9);
    // A chat that left before the range counts nothing: the next hour has only the open one.
    const next = await agentReport(world.ctx, {
      viewer: kofi,
      from: start + HOUR,
      to: start + 2 * HOUR,
    });
    expect(next.agents[0]?.utilisation).toBeCloseTo(0.5, 9);
  });

  it('weighs each available hour by the capacity in force then', async () => {
    const world = makeWorld(db());
    const start = world.clock.now();
    const kofi = await world.agent('Kofi', { max: 1 });
    const customer = await world.customer('Yaw');
    // One chat held the whole two hours; one slot in the first hour, three in the second.
    const chat = await world.startChat(customer);
    await world.routing.idle();
    world.clock.advance(HOUR);
    const raised = world.clock.now();
    await updateOwnAgentState(world.ctx, kofi, { maxConcurrentChats: 3 });
    world.clock.advance(start + 2 * HOUR - raised);
    const [joined] = await db()
      .db.selectFrom('chat_participants')
      .select('joined_at')
      .where('session_id', '=', chat)
      .where('user_id', '=', kofi.id)
      .execute();
    const held = start + 2 * HOUR - Number(joined?.joined_at);
    expect(held).toBeGreaterThan(HOUR);

    const history = await db()
      .db.selectFrom('agent_status_changes')
      .select(['changed_at', 'status', 'max_concurrent_chats'])
      .where('agent_id', '=', kofi.id)
      .orderBy('changed_at')
      .execute();
    // The capacity change is a row of its own, the status unchanged.
    expect(
      history.map((row) => [Number(row.changed_at) - start, row.status, row.max_concurrent_chats]),
    ).toEqual([
      [0, 'online', 1],
      [raised - start, 'online', 3],
    ]);
    const report = await agentReport(world.ctx, {
      viewer: kofi,
      from: start,
      to: start + 2 * HOUR,
    });
    const [row] = report.agents;
    expect(row?.time.onlineMs).toBe(2 * HOUR);
    // About 1 slot-hour + 3 slot-hours, not 2 hours × today's 3.
    const slots = (raised - start) * 1 + (start + 2 * HOUR - raised) * 3;
    expect(slots).toBeLessThan(4 * HOUR);
    expect(row?.utilisation).toBeCloseTo(held / slots, 9);
    // Setting the maximum it already has writes nothing.
    await updateOwnAgentState(world.ctx, kofi, { maxConcurrentChats: 3 });
    const after = await db()
      .db.selectFrom('agent_status_changes')
      .select('changed_at')
      .where('agent_id', '=', kofi.id)
      .execute();
    expect(after).toHaveLength(2);
  });

  it('gives the rows from before migration 0039 the agent’s current capacity', async () => {
    const world = makeWorld(db());
    const ama = await world.agent('Ama', { max: 2 });
    world.clock.advance(HOUR);
    await updateOwnAgentState(world.ctx, ama, { status: 'busy' });
    const migrated = db().db as unknown as Kysely<unknown>;
    await down(migrated);
    await up(migrated);
    const rows = await db()
      .db.selectFrom('agent_status_changes')
      .select(['status', 'max_concurrent_chats'])
      .where('agent_id', '=', ama.id)
      .orderBy('changed_at')
      .execute();
    expect(rows).toEqual([
      { status: 'online', max_concurrent_chats: 2 },
      { status: 'busy', max_concurrent_chats: 2 },
    ]);
  });
});
