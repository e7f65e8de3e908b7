// The hourly chat rollups: the facts of the chats started in an hour (what they are computed
// from), the hour's rows written anew, and the rows of a range of hours read back as rollups.
import {
  DURATIONS,
  emptyRollup,
  HOUR_MS,
  type ChatRollup,
} from '../../../domain/reports/chatRollup.js';
import type { ChatFacts } from '../../../domain/reports/chatFacts.js';
import type { Priority } from '../../../shared/vocabulary.js';
import type { SelectQueryBuilder } from 'kysely';
import type { Database } from '../../schema.js';
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

export interface RollupFilter {
  /** Whole UTC hours: [from, to). */
  from: number;
  to: number;
  /** Only these teams' chats (a team lead's report); all chats when absent. */
  teamIds?: readonly string[] | undefined;
  /** The chats an agent has (or last had). */
  agentId?: string | undefined;
  /** The chats started on a topic, or at a priority (both fixed at the start). */
  topicId?: string | undefined;
  priority?: Priority | undefined;
}

type HoursQuery = SelectQueryBuilder<Database, 'report_chat_hours', object>;
type BinsQuery = SelectQueryBuilder<Database, 'report_chat_hour_bins', object>;

/** The rows of `filter`, from either table (both have the columns filtered on). */
function filtered<Q extends HoursQuery | BinsQuery>(query: Q, filter: RollupFilter): Q {
  let q = (query as HoursQuery)
    .where('hour_start', '>=', filter.from)
    .where('hour_start', '<', filter.to);
  if (filter.teamIds) {
    q = q.where('team_id', 'in', filter.teamIds.length > 0 ? [...filter.teamIds] : ['']);
  }
  if (filter.agentId !== undefined) q = q.where('agent_id', '=', filter.agentId);
  if (filter.topicId !== undefined) q = q.where('topic_id', '=', filter.topicId);
  if (filter.priority !== undefined) q = q.where('priority', '=', filter.priority);
  return q as unknown as Q;
}

const SUMMED = [
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
type Summed = Record<(typeof SUMMED)[number], number | string | bigint>;

/** The sums of the rows of `filter`. */
function sumsOf(db: Db, filter: RollupFilter) {
  return filtered(
    db
      .selectFrom('report_chat_hours')
      .select((eb) =>
        SUMMED.map((column) => eb.fn.coalesce(eb.fn.sum<number>(column), eb.lit(0)).as(column)),
      ),
    filter,
  );
}

function countsInto(rollup: ChatRollup, c: Summed): void {
  rollup.chats = Number(c.chats);
  rollup.abandoned = Number(c.abandoned);
  rollup.unanswered = Number(c.unanswered);
  rollup.transfers = Number(c.transfers);
  rollup.transferredChats = Number(c.transferred_chats);
  rollup.ratings = [c.rating_1, c.rating_2, c.rating_3, c.rating_4, c.rating_5].map(Number);
  rollup.totalMs = {
    wait: Number(c.wait_ms_total),
    first_response: Number(c.first_response_ms_total),
    handle: Number(c.handle_ms_total),
  };
}

/** The chat metrics of a range of hours as one rollup, summed by the database. */
export async function sumRollups(db: Db, filter: RollupFilter): Promise<ChatRollup> {
  const bins = filtered(
    db
      .selectFrom('report_chat_hour_bins')
      .select((eb) => ['duration', 'bin', eb.fn.sum<number>('chats').as('chats')])
      .groupBy(['duration', 'bin']),
    filter,
  );
  const [c, binRows] = await Promise.all([
    sumsOf(db, filter).executeTakeFirstOrThrow(),
    bins.execute(),
  ]);
  const rollup = emptyRollup();
  countsInto(rollup, c as Summed);
  for (const row of binRows) rollup.histograms[row.duration][row.bin] = Number(row.chats);
  return rollup;
}

/** The same, one rollup per agent who has (or last had) chats of the range. */
export async function sumRollupsByAgent(
  db: Db,
  filter: RollupFilter,
): Promise<Map<string, ChatRollup>> {
  const bins = filtered(
    db
      .selectFrom('report_chat_hour_bins')
      .select((eb) => ['agent_id', 'duration', 'bin', eb.fn.sum<number>('chats').as('chats')])
      .where('agent_id', 'is not', null)
      .groupBy(['agent_id', 'duration', 'bin']),
    filter,
  );
  const counts = sumsOf(db, filter)
    .select('agent_id')
    .where('agent_id', 'is not', null)
    .groupBy('agent_id');
  const [countRows, binRows] = await Promise.all([counts.execute(), bins.execute()]);
  const byAgent = new Map<string, ChatRollup>();
  for (const row of countRows) {
    const rollup = emptyRollup();
    countsInto(rollup, row as Summed);
    byAgent.set(row.agent_id!, rollup);
  }
  for (const row of binRows) {
    const rollup = byAgent.get(row.agent_id!);
    if (rollup) rollup.histograms[row.duration][row.bin] = Number(row.chats);
  }
  return byAgent;
}

/** Chats started per UTC hour of the range (hours with none left out). */
export async function chatsPerHour(
  db: Db,
  filter: RollupFilter,
): Promise<Array<{ hourStart: number; chats: number }>> {
  const rows = await filtered(
    db
      .selectFrom('report_chat_hours')
      .select((eb) => ['hour_start', eb.fn.sum<number>('chats').as('chats')])
      .groupBy('hour_start'),
    filter,
  ).execute();
  return rows.map((row) => ({ hourStart: Number(row.hour_start), chats: Number(row.chats) }));
}

/** The wait bins per UTC hour of the range: hour, bin and chats, non-empty bins only. */
export async function waitBinsPerHour(
  db: Db,
  filter: RollupFilter,
): Promise<Array<{ hourStart: number; bin: number; chats: number }>> {
  const rows = await filtered(
    db
      .selectFrom('report_chat_hour_bins')
      .select((eb) => ['hour_start', 'bin', eb.fn.sum<number>('chats').as('chats')])
      .where('duration', '=', 'wait')
      .groupBy(['hour_start', 'bin']),
    filter,
  ).execute();
  return rows.map((row) => ({
    hourStart: Number(row.hour_start),
    bin: Number(row.bin),
    chats: Number(row.chats),
  }));
}
