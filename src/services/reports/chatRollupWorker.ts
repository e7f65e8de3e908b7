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
import type { ServiceContext } from '../context.js';

/** Hours counted per run, so that after the migration's backfill a run stays short. */
const BATCH = 50;

/**
 * Recounts up to `limit` dirty hours, each in a transaction of its own, and returns how many.
 * The marks are read first and cleared last, after the chats were read: a change committed after
 * its mark was read leaves a mark this run did not see, so its hour is counted again next run.
 * The hour's UTC day is summed again from its hours in the same transaction, so the daily rows
 * are always the sum of the hourly ones. Two nodes that both believe they hold the lease take
 * turns per day (a lock per day, not per hour: two hours of one day counted at once would each
 * sum the day without the other's new rows), and either count is complete, so nothing is
 * counted twice.
 */
export async function rollUpDirtyHours(ctx: ServiceContext, limit = BATCH): Promise<number> {
  const hours = await dirtyHours(ctx.store.db, limit);
  for (const { hourStart, ids } of hours) {
    await ctx.store.transaction(async (trx) => {
      const dayStart = utcDayOf(hourStart);
      await ctx.store.lockForTransaction(trx, `report-day:${dayStart}`);
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
      await replaceHour(trx, hourStart, [...rollups.values()]);
      await replaceDay(trx, dayStart);
      await clearMarks(trx, ids);
    });
  }
  return hours.length;
}
