// Chat reports from hourly rollups, against a real database with a clock the test moves: every
// change that moves a metric marks its chat's hour in the change's own transaction, the worker
// recounts marked hours from the chats, and the hours' rows sum to the report.
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { chatMetrics, HOUR_MS, utcHourOf } from '../../../src/domain/reports/chatRollup.js';
import { binOf, representativeMs } from '../../../src/domain/reports/histogram.js';
import { updateOwnAgentState } from '../../../src/services/agents/agentStatus.js';
import { runHousekeeping } from '../../../src/services/jobs/housekeeping.js';
import { sendMessage } from '../../../src/services/messages/messageSender.js';
import { rollUpDirtyHours } from '../../../src/services/reports/chatRollupWorker.js';
import { endSession } from '../../../src/services/sessions/sessionEnder.js';
import { rateSession } from '../../../src/services/sessions/sessionRater.js';
import { transferSession } from '../../../src/services/transfers/agentTransfer.js';
import { down, up } from '../../../src/storage/migrations/0018_chat_reports.js';
import * as dimensions from '../../../src/storage/migrations/0036_report_chat_dimensions.js';
import { sumRollups } from '../../../src/storage/repositories/reports/chatRollups.js';
import type { Store } from '../../../src/storage/store.js';
import { describeEachDatabase } from '../../support/databases.js';
import { makeWorld, type World } from '../../support/world.js';

const dirtyRows = async (store: Store) =>
  Number(
    (
      await store.db
        .selectFrom('report_dirty_hours')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const hourOf = (world: World) => utcHourOf(world.clock.now());
const reportOf = async (
  store: Store,
  hour: number,
  more: { agentId?: string; priority?: 'medium' } = {},
) => chatMetrics(await sumRollups(store.db, { from: hour, to: hour + HOUR_MS, ...more }));

/**
 * Three chats of one hour: Yaw waits 30 s, Ama answers a minute later, hands the chat to Kofi,
 * Yaw rates it 5; Efua is given to Ama at once, never answered, and rates 2; Kojo gives up
 * while nobody is free.
 */
async function anHourOfChats(world: World) {
  const yaw = await world.customer('Yaw');
  const efua = await world.customer('Efua');
  const kojo = await world.customer('Kojo');
  const first = await world.startChat(yaw);
  world.clock.advance(29_000);
  const ama = await world.agent('Ama', { max: 5 });
  world.clock.advance(60_000);
  await sendMessage(world.ctx, { viewer: ama, sessionId: first, text: 'Hello Yaw' });
  const kofi = await world.agent('Kofi', { autoAssign: false, connected: true });
  await transferSession(world.ctx, { viewer: ama, sessionId: first, agentId: kofi.id });
  world.clock.advance(10_000);
  await sendMessage(world.ctx, { viewer: kofi, sessionId: first, text: 'Kofi here' });
  world.clock.advance(300_000);
  await endSession(world.ctx, { viewer: yaw, sessionId: first, rating: 5 });

  const second = await world.startChat(efua);
  await world.routing.idle();
  world.clock.advance(120_000);
  await endSession(world.ctx, { viewer: ama, sessionId: second });
  await rateSession(world.ctx, { viewer: efua, sessionId: second, rating: 2 });

  await updateOwnAgentState(world.ctx, ama, { status: 'busy' });
  const third = await world.startChat(kojo);
  world.clock.advance(60_000);
  await endSession(world.ctx, { viewer: kojo, sessionId: third });
  return { ama, kofi, chats: [first, second, third] };
}

describeEachDatabase('chat report rollups', (db) => {
  it('counts an hour of chats from its marks, once, into the metrics the report shows', async () => {
    const world = makeWorld(db());
    const hour = hourOf(world);
    const { ama, kofi } = await anHourOfChats(world);
    expect(await dirtyRows(db())).toBeGreaterThan(0);
    expect((await reportOf(db(), hour)).chats).toBe(0);

    expect(await rollUpDirtyHours(world.ctx)).toBe(1);
    expect(await dirtyRows(db())).toBe(0);
    const report = await reportOf(db(), hour);
    expect(report).toMatchObject({
      chats: 3,
      abandoned: 1,
      unanswered: 1,
      transfers: 1,
      transferredChats: 1,
      ratings: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 1 },
      csat: 0.5,
    });
    // Yaw waited 30 s, Efua the second before routing ran; Kojo was never assigned.
    expect(report.wait).toMatchObject({ count: 2, meanMs: 15_500 });
    expect(report.wait.p90Ms).toBe(representativeMs(binOf(30_000)));
    // Ama's reply counts; Kofi's after the transfer does not restart the clock.
    expect(report.firstResponse).toEqual({
      count: 1,
      meanMs: 60_000,
      medianMs: representativeMs(binOf(60_000)),
      p90Ms: representativeMs(binOf(60_000)),
    });
    expect(report.handle.count).toBe(2);
    // The transferred chat is Kofi's, the unanswered one Ama's.
    expect(await reportOf(db(), hour, { agentId: kofi.id })).toMatchObject({ chats: 1, csat: 1 });
    expect(await reportOf(db(), hour, { agentId: ama.id })).toMatchObject({
      chats: 1,
      unanswered: 1,
    });
    // Counting again changes nothing: there is nothing marked.
    expect(await rollUpDirtyHours(world.ctx)).toBe(0);
    expect((await reportOf(db(), hour)).chats).toBe(3);
  });

  it('marks the first agent reply of a chat, and no later message', async () => {
    const world = makeWorld(db());
    const ama = await world.agent('Ama');
    const yaw = await world.customer('Yaw');
    const chat = await world.startChat(yaw);
    await world.routing.idle();
    await rollUpDirtyHours(world.ctx);
    await sendMessage(world.ctx, { viewer: yaw, sessionId: chat, text: 'Anyone?' });
    expect(await dirtyRows(db())).toBe(0);
    // Sent together, so they may share a commit (messageBatch.ts): one mark all the same.
    await Promise.all([
      sendMessage(world.ctx, { viewer: ama, sessionId: chat, text: 'Hi' }),
      sendMessage(world.ctx, { viewer: ama, sessionId: chat, text: 'How can I help?' }),
    ]);
    expect(await dirtyRows(db())).toBe(1);
    await sendMessage(world.ctx, { viewer: ama, sessionId: chat, text: 'Still there?' });
    expect(await dirtyRows(db())).toBe(1);
  });

  it('counts an hour again when one of its chats changes after it was counted', async () => {
    const world = makeWorld(db());
    const hour = hourOf(world);
    const ama = await world.agent('Ama');
    const yaw = await world.customer('Yaw');
    const chat = await world.startChat(yaw);
    await world.routing.idle();
    await sendMessage(world.ctx, { viewer: ama, sessionId: chat, text: 'Hi' });
    // The chat ends and is rated the next day: it still counts in the hour it started.
    world.clock.advance(26 * HOUR_MS);
    await endSession(world.ctx, { viewer: yaw, sessionId: chat });
    await rollUpDirtyHours(world.ctx);
    expect(await reportOf(db(), hour)).toMatchObject({ chats: 1, csat: null });
    await rateSession(world.ctx, { viewer: yaw, sessionId: chat, rating: 4 });
    await rollUpDirtyHours(world.ctx);
    expect(await reportOf(db(), hour)).toMatchObject({ chats: 1, csat: 1 });
    expect((await reportOf(db(), hour + 26 * HOUR_MS)).chats).toBe(0);
  });

  it('counts the newest marked hours first, so a backlog never delays today', async () => {
    const world = makeWorld(db());
    const yaw = await world.customer('Yaw');
    const early = hourOf(world);
    await world.startChat(yaw);
    world.clock.advance(2 * HOUR_MS);
    const late = hourOf(world);
    await world.startChat(yaw);
    expect(await rollUpDirtyHours(world.ctx, 1)).toBe(1);
    expect((await reportOf(db(), late)).chats).toBe(1);
    expect((await reportOf(db(), early)).chats).toBe(0);
    expect(await rollUpDirtyHours(world.ctx, 1)).toBe(1);
    expect((await reportOf(db(), early)).chats).toBe(1);
  });

  it('counts each hour once when two nodes both roll up at the same moment', async () => {
    const world = makeWorld(db());
    const hour = hourOf(world);
    await anHourOfChats(world);
    await Promise.all([rollUpDirtyHours(world.ctx), rollUpDirtyHours(world.ctx)]);
    expect((await reportOf(db(), hour)).chats).toBe(3);
  });

  it('rolls up during housekeeping', async () => {
    const world = makeWorld(db());
    const hour = hourOf(world);
    await anHourOfChats(world);
    expect(await runHousekeeping(world.ctx, 10_000)).toBe(true);
    expect((await reportOf(db(), hour)).chats).toBe(3);
  });

  it('migration 0018 fills in the chats from before it and marks their hours', async () => {
    const world = makeWorld(db());
    const hour = hourOf(world);
    await anHourOfChats(world);
    await rollUpDirtyHours(world.ctx);
    const before = await reportOf(db(), hour);
    const raw = db().db as unknown as Kysely<unknown>;
    // 0036 alters the tables 0018 makes: undone first, done again after.
    await dimensions.down(raw);
    await down(raw);
    await up(raw);
    expect(await dirtyRows(db())).toBe(1);
    await dimensions.up(raw);
    await rollUpDirtyHours(world.ctx);
    expect(await dirtyRows(db())).toBe(0);
    // Transfers made before the migration are not on record.
    expect(await reportOf(db(), hour)).toEqual({ ...before, transfers: 0, transferredChats: 0 });
  });

  it('migration 0036 keeps the unfiltered report and marks every hour to key it by priority and topic', async () => {
    const world = makeWorld(db());
    const hour = hourOf(world);
    await anHourOfChats(world);
    await rollUpDirtyHours(world.ctx);
    const before = await reportOf(db(), hour);
    expect(before.chats).toBe(3);
    expect((await reportOf(db(), hour, { priority: 'medium' })).chats).toBe(3);
    const raw = db().db as unknown as Kysely<unknown>;
    await dimensions.down(raw);
    await dimensions.up(raw);
    expect(await dirtyRows(db())).toBe(1);
    // Rows counted before it have no priority: the whole is exact, a filter finds none of them.
    expect(await reportOf(db(), hour)).toEqual(before);
    expect((await reportOf(db(), hour, { priority: 'medium' })).chats).toBe(0);
    await rollUpDirtyHours(world.ctx);
    expect(await reportOf(db(), hour)).toEqual(before);
    expect(await reportOf(db(), hour, { priority: 'medium' })).toEqual(before);
  });
});
