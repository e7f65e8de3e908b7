// Writes the chat rollups: the facts of the chats started in an hour (what they are computed
// from), the hour's rows written anew, and its UTC day's rows summed again from the day's hours.
import { DURATIONS, HOUR_MS, type ChatRollup } from '../../../domain/reports/chatRollup.js';
import type { ChatFacts } from '../../../domain/reports/chatFacts.js';
import { DAY_MS } from '../../../domain/reports/utcDays.js';
import type { Priority } from '../../../shared/vocabulary.js';
import { sql } from 'kysely';
import type { Db } from '../../store.js';

/** What a rollup row is keyed by besides its hour (a report filters on each). */
export interface RollupDimensions {
  teamId: string | null;
  agentId: string | null;
  topicId: string | null;
  priority: Priority;
}

/** The facts of every chat started in the UTC hour from `hourStart`, with its topic and priority. */
export async function chatsStartedIn(
  db: Db,
  hourStart: number,
): Promise<Array<ChatFacts & RollupDimensions>> {
  const rows = await db
    .selectFrom('chat_sessions')
    .select([
      'started_at',
      'first_assigned_at',
      'first_response_at',
      'ended_at',
      'transfers',
      'rating',
      'team_id',
      'assigned_agent_id',
      'topic_id',
      'priority',
    ])
    .where('started_at', '>=', hourStart)
    .where('started_at', '<', hourStart + HOUR_MS)
    .execute();
  return rows.map((row) => ({
    startedAt: row.started_at,
    firstAssignedAt: row.first_assigned_at,
    firstResponseAt: row.first_response_at,
    endedAt: row.ended_at,
    transfers: row.transfers,
    rating: row.rating,
    teamId: row.team_id,
    agentId: row.assigned_agent_id,
    topicId: row.topic_id,
    priority: row.priority,
  }));
}

export interface KeyedRollup extends RollupDimensions {
  rollup: ChatRollup;
}

/** Replaces the rows of the hour from `hourStart` with `rollups` (one per key of dimensions). */
export async function replaceHour(
  db: Db,
  hourStart: number,
  rollups: readonly KeyedRollup[],
): Promise<void> {
  await db.deleteFrom('report_chat_hours').where('hour_start', '=', hourStart).execute();
  await db.deleteFrom('report_chat_hour_bins').where('hour_start', '=', hourStart).execute();
  if (rollups.length === 0) return;
  await db
    .insertInto('report_chat_hours')
    .values(
      rollups.map(({ teamId, agentId, topicId, priority, rollup: r }) => ({
        hour_start: hourStart,
        team_id: teamId,
        agent_id: agentId,
        topic_id: topicId,
        priority,
        chats: r.chats,
        abandoned: r.abandoned,
        unanswered: r.unanswered,
        transfers: r.transfers,
        transferred_chats: r.transferredChats,
        rating_1: r.ratings[0]!,
        rating_2: r.ratings[1]!,
        rating_3: r.ratings[2]!,
        rating_4: r.ratings[3]!,
        rating_5: r.ratings[4]!,
        wait_ms_total: r.totalMs.wait,
        first_response_ms_total: r.totalMs.first_response,
        handle_ms_total: r.totalMs.handle,
      })),
    )
    .execute();
  const bins = rollups.flatMap(({ teamId, agentId, topicId, priority, rollup }) =>
    DURATIONS.flatMap((duration) =>
      rollup.histograms[duration].flatMap((chats, bin) =>
        chats === 0
          ? []
          : [
              {
                hour_start: hourStart,
                team_id: teamId,
                agent_id: agentId,
                topic_id: topicId,
                priority,
                duration,
                bin,
                chats,
              },
            ],
      ),
    ),
  );
  if (bins.length > 0) await db.insertInto('report_chat_hour_bins').values(bins).execute();
}

/** The columns a rollup row counts, summed the same at every level. */
export const COUNTED = [
  'chats',
  'abandoned',
  'unanswered',
  'transfers',
  'transferred_chats',
  'rating_1',
  'rating_2',
  'rating_3',
  'rating_4',
  'rating_5',
  'wait_ms_total',
  'first_response_ms_total',
  'handle_ms_total',
] as const;

const KEY = ['team_id', 'agent_id', 'topic_id', 'priority'] as const;

/**
 * Rewrites the rows of the UTC day from `dayStart` as the sums of its hourly rows, so the day is
 * exactly what its hours say. Called in the transaction that replaced one of those hours.
 */
export async function replaceDay(db: Db, dayStart: number): Promise<void> {
  const end = dayStart + DAY_MS;
  await db.deleteFrom('report_chat_days').where('day_start', '=', dayStart).execute();
  await db.deleteFrom('report_chat_day_bins').where('day_start', '=', dayStart).execute();
  await db
    .insertInto('report_chat_days')
    .columns(['day_start', ...KEY, ...COUNTED])
    .expression(
      db
        .selectFrom('report_chat_hours')
        .select((eb) => [
          sql<number>`cast(${dayStart} as bigint)`.as('day_start'),
          ...KEY,
          ...COUNTED.map((column) => eb.fn.sum<number>(column).as(column)),
        ])
        .where('hour_start', '>=', dayStart)
        .where('hour_start', '<', end)
        .groupBy([...KEY]),
    )
    .execute();
  await db
    .insertInto('report_chat_day_bins')
    .columns(['day_start', ...KEY, 'duration', 'bin', 'chats'])
    .expression(
      db
        .selectFrom('report_chat_hour_bins')
        .select((eb) => [
          sql<number>`cast(${dayStart} as bigint)`.as('day_start'),
          ...KEY,
          'duration',
          'bin',
          eb.fn.sum<number>('chats').as('chats'),
        ])
        .where('hour_start', '>=', dayStart)
        .where('hour_start', '<', end)
        .groupBy([...KEY, 'duration', 'bin']),
    )
    .execute();
}
