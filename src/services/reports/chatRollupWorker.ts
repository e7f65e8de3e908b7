// Counts the chat metrics of the hours marked dirty again, from the chats themselves, run by the
// node holding the housekeeping lease (services/jobs/housekeeping.ts). Reports therefore lag the
// chats by up to one housekeeping period (HOUSEKEEPING_SECONDS); the newest hours go first, so
// the current ones stay that fresh while a backlog (the migration's) is worked off, BATCH a period.
import { measureChat } from '../../domain/reports/chatMeasures.js';
import { addChat, emptyRollup } from '../../domain/reports/chatRollup.js';
import { utcDayOf } from '../../domain/reports/utcDays.js';
import {
  chatsStartedIn,
  replaceDay,
  replaceHour,
  type KeyedRollup,
} from '../../storage/repositories/reports/chatRollupRows.js';
import { clearMarks, dirtyHours } from '../../storage/repositories/reports/dirtyHours.js';
import type { Db } from '../../storage/store.js';
import type { ServiceContext } from '../context.js';

/** Hours counted per run, so that after the migration's backfill a run stays short. */
const BATCH = 50;

/**
 * Recounts up to `limit` dirty hours and returns how many: the hours of one UTC day in one
 * transaction, which then sums that day again from its hours, so the daily rows are always the
 * sum of the hourly ones. One rewrite of a day per run, not one per hour: each rewrite leaves the
 * day's old rows dead, and on PostgreSQL a backfill rewriting every day 24 times left the daily
 * tables 14 times their size (docs/performance.md, "Reports with daily rollups").
 * The marks are read first and cleared last, after the chats were read: a change committed after
 * its mark was read leaves a mark this run did not see, so its hour is counted again next run.
 * Two nodes that both believe they hold the lease take turns per day (a lock per day, not per
 * hour: two hours of one day counted at once would each sum the day without the other's new
 * rows), and either count is complete, so nothing is counted twice.
 */
export async function rollUpDirtyHours(ctx: ServiceContext, limit = BATCH): Promise<number> {
  const hours = await dirtyHours(ctx.store.db, limit);
  const days = new Map<number, typeof hours>();
  for (const hour of hours) {
    const dayStart = utcDayOf(hour.hourStart);
    days.set(dayStart, [...(days.get(dayStart) ?? []), hour]);
  }
  for (const [dayStart, dayHours] of days) {
    await ctx.store.transaction(async (trx) => {
      await ctx.store.lockForTransaction(trx, `report-day:${dayStart}`);
      for (const { hourStart, ids } of dayHours) {
        await replaceHour(trx, hourStart, await rollupsOf(trx, hourStart));
        await clearMarks(trx, ids);
      }
      await replaceDay(trx, dayStart);
    });
  }
  return hours.length;
}

/** The rollups of the chats started in the hour from `hourStart`, one per key of dimensions. */
async function rollupsOf(trx: Db, hourStart: number): Promise<KeyedRollup[]> {
  const rollups = new Map<string, KeyedRollup>();
  for (const facts of await chatsStartedIn(trx, hourStart)) {
    const { teamId, agentId, topicId, priority } = facts;
    const key = [teamId ?? '', agentId ?? '', topicId ?? '', priority].join('\u0000');
    let keyed = rollups.get(key);
    if (!keyed) {
      keyed = { teamId, agentId, topicId, priority, rollup: emptyRollup() };
      rollups.set(key, keyed);
    }
    addChat(keyed.rollup, measureChat(facts));
  }
  return [...rollups.values()];
}
