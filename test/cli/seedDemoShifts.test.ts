// The demo's agent status history: shifts over the month with busy and away spells, a capacity
// raised halfway, everyone offline at the end; the agent report reads real-looking time and
// utilisation from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../../src/domain/policies.js';
import { seedDemoShifts } from '../../src/cli/seedDemoShifts.js';
import { agentReport } from '../../src/services/reports/agentReport.js';
import { assignSession } from '../../src/services/sessions/chatAssigner.js';
import { endSession } from '../../src/services/sessions/sessionEnder.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { settleRouting } from '../support/pendingRouting.js';
import { makeWorld } from '../support/world.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('demo shifts', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await settleRouting();
    await database.drop();
  });

  it('gives each agent a month of shifts the agent report reads as time and utilisation', async () => {
    const world = makeWorld(database.store);
    const boss = await world.superAdmin('Ada');
    const agents: Viewer[] = [];
    for (const name of ['Ama', 'Kofi', 'Esi']) {
      agents.push(await world.agent(name, { status: 'offline' }));
    }
    const setClock = (at: number) => world.clock.advance(at - world.clock.now());
    // Monday 2 February 2026 for four weeks.
    const range = { from: Date.UTC(2026, 1, 2), to: Date.UTC(2026, 2, 2) };
    // One chat Ama holds for an hour on the first Wednesday, late morning.
    const customer = await world.customer('Yaw');
    setClock(range.from + 2 * DAY + 10 * HOUR);
    const chat = await world.startChat(customer);
    await assignSession(world.ctx, { viewer: agents[0]!, sessionId: chat });
    const written = await seedDemoShifts(world.ctx, agents, range);
    // About 20 weekdays of four or more changes each, per agent.
    expect(written).toBeGreaterThan(3 * 20 * 4);
    setClock(range.from + 2 * DAY + 11 * HOUR);
    await endSession(world.ctx, { viewer: customer, sessionId: chat });

    const { db } = database.store;
    const rows = await db
      .selectFrom('agent_status_changes')
      .select(['agent_id', 'changed_at', 'status', 'max_concurrent_chats'])
      .where('changed_at', '>=', range.from)
      .orderBy('changed_at')
      .execute();
    expect(new Set(rows.map((row) => row.status))).toEqual(
      new Set(['online', 'busy', 'away', 'offline']),
    );
    for (const agent of agents) {
      const own = rows.filter((row) => row.agent_id === agent.id);
      expect(own.at(-1)).toMatchObject({ status: 'offline', max_concurrent_chats: 4 });
      // Three slots in the first half, four in the second.
      expect(own[0]?.max_concurrent_chats).toBe(3);
      const halfway = range.from + 14 * DAY;
      expect(
        own
          .filter((r) => Number(r.changed_at) < halfway)
          .every((r) => r.max_concurrent_chats === 3),
      ).toBe(true);
      expect(
        own
          .filter((r) => Number(r.changed_at) >= halfway)
          .every((r) => r.max_concurrent_chats === 4),
      ).toBe(true);
    }

    setClock(range.to + DAY);
    const report = await agentReport(world.ctx, { viewer: boss, ...range });
    for (const agent of agents) {
      const row = report.agents.find((r) => r.agentId === agent.id)!;
      // Most weekdays at nine to eleven hours, a few weekends: well over a hundred hours online.
      expect(row.time.onlineMs).toBeGreaterThan(100 * HOUR);
      expect(row.time.onlineMs).toBeLessThan(28 * 12 * HOUR);
      expect(row.time.busyMs).toBeGreaterThan(10 * HOUR);
      expect(row.time.awayMs).toBeGreaterThan(5 * HOUR);
      expect(row.time.offlineMs).toBeGreaterThan(row.time.onlineMs);
    }
    const ama = report.agents.find((r) => r.agentId === agents[0]!.id)!;
    const kofi = report.agents.find((r) => r.agentId === agents[1]!.id)!;
    expect(ama.utilisation).toBeGreaterThan(0);
    expect(ama.utilisation).toBeLessThan(0.01);
    expect(kofi.utilisation).toBe(0);
  });
});
