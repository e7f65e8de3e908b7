// The daily rollups (migration 0037): a report over several days sums the whole UTC days from
// the daily tables and the edge hours from the hourly ones, and must say exactly what summing
// every hour says, with any filter and for a team lead; the worker keeps each day the sum of
// its hours as hours are counted again, and the migration fills the days from the hours.
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { Viewer } from '../../../src/domain/policies.js';
import {
  chatMetrics,
  emptyRollup,
  HOUR_MS,
  mergeRollup,
  type ChatRollup,
} from '../../../src/domain/reports/chatRollup.js';
import { DAY_MS } from '../../../src/domain/reports/utcDays.js';
import { agentReport } from '../../../src/services/reports/agentReport.js';
import { chatReport } from '../../../src/services/reports/chatReport.js';
import type { ChatFilters } from '../../../src/services/reports/reportScope.js';
import { createTeam, setTeamMember } from '../../../src/services/teams/teams.js';
import { createTopic } from '../../../src/services/topics/topics.js';
import { PRIORITIES } from '../../../src/shared/vocabulary.js';
import * as dailyMigration from '../../../src/storage/migrations/0037_report_chat_days.js';
import {
  sumRollups,
  sumRollupsByAgent,
  type RollupFilter,
} from '../../../src/storage/repositories/reports/chatRollups.js';
import type { Store } from '../../../src/storage/store.js';
import { describeEachDatabase } from '../../support/databases.js';
import { insertReportChats, type ConstructedChat } from '../../support/reportChats.js';
import { makeWorld, type World } from '../../support/world.js';

const DAY = Date.UTC(2026, 2, 27); // a Friday, across Europe's change to summer time
/** From 13:00 on the first day to 05:00 on the fifth: three whole days and two partial ones. */
const range = { from: DAY + 13 * HOUR_MS, to: DAY + 4 * DAY_MS + 5 * HOUR_MS };

/** The old way: every hour of the range on its own (a one-hour range reads only hourly rows). */
async function hourByHour(store: Store, filter: RollupFilter): Promise<ChatRollup> {
  const total = emptyRollup();
  for (let hour = filter.from; hour < filter.to; hour += HOUR_MS) {
    mergeRollup(total, await sumRollups(store.db, { ...filter, from: hour, to: hour + HOUR_MS }));
  }
  return total;
}

async function byAgentHourByHour(store: Store, filter: RollupFilter) {
  const byAgent = new Map<string, ChatRollup>();
  for (let hour = filter.from; hour < filter.to; hour += HOUR_MS) {
    const hourly = await sumRollupsByAgent(store.db, { ...filter, from: hour, to: hour + HOUR_MS });
    for (const [agentId, more] of hourly) {
      if (!byAgent.has(agentId)) byAgent.set(agentId, emptyRollup());
      mergeRollup(byAgent.get(agentId)!, more);
    }
  }
  return byAgent;
}

/** A deterministic spread of chats over six days (one before the range, one after). */
function history(people: {
  teams: string[];
  topics: string[];
  agents: Viewer[];
}): ConstructedChat[] {
  const chats: ConstructedChat[] = [];
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 48_271) % 2_147_483_647;
    return seed % n;
  };
  for (let i = 0; i < 420; i++) {
    const startedAt = DAY - DAY_MS + next(6 * 24) * HOUR_MS + next(3_600) * 1_000;
    const agent = next(7) === 0 ? null : people.agents[next(people.agents.length)]!;
    const wait = 1_000 * (1 + next(600));
    chats.push({
      startedAt,
      teamId: people.teams[next(people.teams.length)]!,
      topicId: next(5) === 0 ? null : people.topics[next(people.topics.length)]!,
      priority: PRIORITIES[next(PRIORITIES.length)]!,
      agentId: agent?.id ?? null,
      firstAssignedAt: agent ? startedAt + wait : null,
      firstResponseAt: agent && next(9) > 0 ? startedAt + wait + 1_000 * next(900) : null,
      endedAt: next(10) === 0 ? null : startedAt + wait + 60_000 * (1 + next(40)),
      transfers: next(8) === 0 ? 1 : 0,
      ...(agent && next(3) > 0 ? { rating: 1 + next(5) } : {}),
    });
  }
  return chats;
}

async function desk(world: World) {
  const boss = await world.superAdmin('Ada');
  const ama = await world.agent('Ama', { status: 'offline' });
  const kofi = await world.agent('Kofi', { status: 'offline' });
  const esi = await world.agent('Esi', { status: 'offline' });
  const team = async (name: string, lead: Viewer, members: Viewer[]) => {
    const { row } = await createTeam(world.ctx, boss, { name, description: '' });
    await setTeamMember(world.ctx, boss, { teamId: row.id, agentId: lead.id, isLead: true });
    for (const m of members) {
      await setTeamMember(world.ctx, boss, { teamId: row.id, agentId: m.id, isLead: false });
    }
    return row.id;
  };
  const finance = await team('Finance', ama, [esi]);
  const it = await team('IT', kofi, []);
  const topic = async (name: string, teamId: string, position: number) =>
    (
      await createTopic(world.ctx, boss, {
        name,
        slug: name.toLowerCase(),
        teamId,
        position,
        isDefault: position === 0,
      })
    ).row.id;
  const fees = await topic('Fees', finance, 0);
  const wifi = await topic('Wifi', it, 1);
  const customer = await world.customer('Yaw');
  const people = { teams: [finance, it], topics: [fees, wifi], agents: [ama, kofi, esi] };
  await insertReportChats(world.ctx, customer.id, history(people));
  return { boss, ama, kofi, esi, finance, it, fees, wifi, customer, people };
}

/** Every row of a daily table, in one order, to compare what two fillings wrote. */
const dailyRows = async (store: Store) => ({
  days: await store.db
    .selectFrom('report_chat_days')
    .selectAll()
    .orderBy(['day_start', 'team_id', 'agent_id', 'topic_id', 'priority'])
    .execute(),
  bins: await store.db
    .selectFrom('report_chat_day_bins')
    .selectAll()
    .orderBy(['day_start', 'team_id', 'agent_id', 'topic_id', 'priority', 'duration', 'bin'])
    .execute(),
});

describeEachDatabase('daily chat rollups', (db) => {
  it('reports a range of days exactly as the sum of its hours, with every filter and team', async () => {
    const world = makeWorld(db());
    const d = await desk(world);
    const cases: Array<ChatFilters & { teamId?: string }> = [
      {},
      { teamId: d.finance },
      { agentId: d.esi.id },
      { topicId: d.wifi },
      { priority: 'high' },
      { teamId: d.it, agentId: d.kofi.id, priority: 'low' },
    ];
    for (const filters of cases) {
      const { metrics } = await chatReport(world.ctx, { viewer: d.boss, ...range, ...filters });
      const teamIds = filters.teamId ? [filters.teamId] : undefined;
      const expected = chatMetrics(await hourByHour(db(), { ...range, ...filters, teamIds }));
      expect(metrics, JSON.stringify(filters)).toEqual(expected);
    }
    // The sums are not empty: the range holds most of the chats, days and edges both.
    const all = (await chatReport(world.ctx, { viewer: d.boss, ...range })).metrics;
    expect(all.chats).toBeGreaterThan(200);
    expect(all.chats).toBeLessThan(420);

    // A lead sees Finance's chats only, summed the same way.
    const lead = await chatReport(world.ctx, { viewer: d.ama, ...range, topicId: d.fees });
    expect(lead.teamIds).toEqual([d.finance]);
    expect(lead.metrics).toEqual(
      chatMetrics(await hourByHour(db(), { ...range, teamIds: [d.finance], topicId: d.fees })),
    );
  });

  it('gives every agent of the agent report the sums of the hours', async () => {
    const world = makeWorld(db());
    const d = await desk(world);
    const expected = await byAgentHourByHour(db(), range);
    const { agents } = await agentReport(world.ctx, { viewer: d.boss, ...range });
    // Every agent with chats is a row (and the desk's other agents, with none).
    expect(expected.size).toBe(3);
    expect(agents.map((a) => a.agentId)).toEqual(expect.arrayContaining([...expected.keys()]));
    for (const row of agents) {
      expect(row.metrics).toEqual(chatMetrics(expected.get(row.agentId) ?? emptyRollup()));
    }

    const lead = await agentReport(world.ctx, { viewer: d.ama, ...range, priority: 'urgent' });
    const leadExpected = await byAgentHourByHour(db(), {
      ...range,
      teamIds: [d.finance],
      priority: 'urgent',
    });
    expect(lead.agents.length).toBeGreaterThan(0);
    for (const row of lead.agents) {
      expect(row.metrics).toEqual(chatMetrics(leadExpected.get(row.agentId) ?? emptyRollup()));
    }
  });

  it('keeps a day the sum of its hours when one of them is counted again', async () => {
    const world = makeWorld(db());
    const d = await desk(world);
    const before = await chatReport(world.ctx, { viewer: d.boss, ...range });
    // Two more chats in the middle of a whole day: the worker recounts that hour and its day.
    const midDay = DAY + 2 * DAY_MS + 11 * HOUR_MS + 5 * 60_000;
    await insertReportChats(world.ctx, d.customer.id, [
      { startedAt: midDay, teamId: d.it, agentId: d.kofi.id, firstAssignedAt: midDay + 9_000 },
      { startedAt: midDay + 60_000, teamId: d.finance, endedAt: midDay + 120_000 },
    ]);
    const after = await chatReport(world.ctx, { viewer: d.boss, ...range });
    expect(after.metrics.chats).toBe(before.metrics.chats + 2);
    expect(after.metrics.abandoned).toBe(before.metrics.abandoned + 1);
    expect(after.metrics).toEqual(chatMetrics(await hourByHour(db(), range)));
  });

  it('migration 0037 fills the days from the hours already counted', async () => {
    const world = makeWorld(db());
    await desk(world);
    const written = await dailyRows(db());
    expect(written.days.length).toBeGreaterThan(0);
    expect(written.bins.length).toBeGreaterThan(written.days.length);
    const raw = db().db as unknown as Kysely<unknown>;
    await dailyMigration.down(raw);
    await dailyMigration.up(raw);
    expect(await dailyRows(db())).toEqual(written);
  });
});
