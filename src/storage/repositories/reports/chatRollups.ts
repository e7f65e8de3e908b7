// The hourly chat rollups: the facts of the chats started in an hour (what they are computed
// from), the hour's rows written anew, and the rows of a range of hours read back as rollups.
import {
  DURATIONS,
  emptyRollup,
  HOUR_MS,
  type ChatRollup,
} from '../../../domain/reports/chatRollup.js';
import type { ChatFacts } from '../../../domain/reports/chatFacts.js';
import type { Db } from '../../store.js';

/** The facts of every chat started in the UTC hour from `hourStart`. */
export async function chatsStartedIn(db: Db, hourStart: number): Promise<ChatFacts[]> {
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
  }));
}

export interface KeyedRollup {
  teamId: string | null;
  agentId: string | null;
  rollup: ChatRollup;
}

/** Replaces the rows of the hour from `hourStart` with `rollups` (one per team and agent). */
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
      rollups.map(({ teamId, agentId, rollup: r }) => ({
        hour_start: hourStart,
        team_id: teamId,
        agent_id: agentId,
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
  const bins = rollups.flatMap(({ teamId, agentId, rollup }) =>
    DURATIONS.flatMap((duration) =>
      rollup.histograms[duration].flatMap((chats, bin) =>
        chats === 0
          ? []
          : [{ hour_start: hourStart, team_id: teamId, agent_id: agentId, duration, bin, chats }],
      ),
    ),
  );
  if (bins.length > 0) await db.insertInto('report_chat_hour_bins').values(bins).execute();
}

export interface RollupFilter {
  /** Whole UTC hours: [from, to). */
  from: number;
  to: number;
  /** Only these teams' chats (a team lead's report); all chats when absent. */
  teamIds?: readonly string[] | undefined;
  agentId?: string | undefined;
}

/** The chat metrics of a range of hours as one rollup, summed by the database. */
export async function sumRollups(db: Db, filter: RollupFilter): Promise<ChatRollup> {
  let counts = db
    .selectFrom('report_chat_hours')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('chats'), eb.lit(0)).as('chats'),
      eb.fn.coalesce(eb.fn.sum<number>('abandoned'), eb.lit(0)).as('abandoned'),
      eb.fn.coalesce(eb.fn.sum<number>('unanswered'), eb.lit(0)).as('unanswered'),
      eb.fn.coalesce(eb.fn.sum<number>('transfers'), eb.lit(0)).as('transfers'),
      eb.fn.coalesce(eb.fn.sum<number>('transferred_chats'), eb.lit(0)).as('transferred_chats'),
      eb.fn.coalesce(eb.fn.sum<number>('rating_1'), eb.lit(0)).as('rating_1'),
      eb.fn.coalesce(eb.fn.sum<number>('rating_2'), eb.lit(0)).as('rating_2'),
      eb.fn.coalesce(eb.fn.sum<number>('rating_3'), eb.lit(0)).as('rating_3'),
      eb.fn.coalesce(eb.fn.sum<number>('rating_4'), eb.lit(0)).as('rating_4'),
      eb.fn.coalesce(eb.fn.sum<number>('rating_5'), eb.lit(0)).as('rating_5'),
      eb.fn.coalesce(eb.fn.sum<number>('wait_ms_total'), eb.lit(0)).as('wait'),
      eb.fn.coalesce(eb.fn.sum<number>('first_response_ms_total'), eb.lit(0)).as('first_response'),
      eb.fn.coalesce(eb.fn.sum<number>('handle_ms_total'), eb.lit(0)).as('handle'),
    ])
    .where('hour_start', '>=', filter.from)
    .where('hour_start', '<', filter.to);
  let bins = db
    .selectFrom('report_chat_hour_bins')
    .select((eb) => ['duration', 'bin', eb.fn.sum<number>('chats').as('chats')])
    .where('hour_start', '>=', filter.from)
    .where('hour_start', '<', filter.to)
    .groupBy(['duration', 'bin']);
  if (filter.teamIds) {
    const teams = filter.teamIds.length > 0 ? [...filter.teamIds] : [''];
    counts = counts.where('team_id', 'in', teams);
    bins = bins.where('team_id', 'in', teams);
  }
  if (filter.agentId !== undefined) {
    counts = counts.where('agent_id', '=', filter.agentId);
    bins = bins.where('agent_id', '=', filter.agentId);
  }
  const [c, binRows] = await Promise.all([counts.executeTakeFirstOrThrow(), bins.execute()]);
  const rollup = emptyRollup();
  rollup.chats = Number(c.chats);
  rollup.abandoned = Number(c.abandoned);
  rollup.unanswered = Number(c.unanswered);
  rollup.transfers = Number(c.transfers);
  rollup.transferredChats = Number(c.transferred_chats);
  rollup.ratings = [c.rating_1, c.rating_2, c.rating_3, c.rating_4, c.rating_5].map(Number);
  rollup.totalMs = {
    wait: Number(c.wait),
    first_response: Number(c.first_response),
    handle: Number(c.handle),
  };
  for (const row of binRows) rollup.histograms[row.duration][row.bin] = Number(row.chats);
  return rollup;
}
