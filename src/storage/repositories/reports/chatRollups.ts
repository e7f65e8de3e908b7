// Reads the chat rollups back: a range's rows summed as rollups (the whole UTC days inside it
// from the daily tables, the hours at its edges from the hourly ones) and series per hour.
import { emptyRollup, mergeRollup, type ChatRollup } from '../../../domain/reports/chatRollup.js';
import { splitIntoUtcDays, type Span } from '../../../domain/reports/utcDays.js';
import type { Priority } from '../../../shared/vocabulary.js';
import type { SelectQueryBuilder } from 'kysely';
import type { Database } from '../../schema.js';
import type { Db } from '../../store.js';
import { COUNTED } from './chatRollupRows.js';

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

/**
 * A level of the rollups: its two tables and the column of a row's start. The daily tables have
 * the hourly ones' columns with `day_start` for `hour_start`, so one query builder serves both.
 */
const HOURS = { counts: 'report_chat_hours', bins: 'report_chat_hour_bins', start: 'hour_start' };
const DAYS = { counts: 'report_chat_days', bins: 'report_chat_day_bins', start: 'day_start' };
type Level = typeof HOURS;

/** A span of rows at one level. */
interface Part {
  level: Level;
  span: Span;
}

/** The parts a range is summed from: whole UTC days from the daily level, its edges by the hour. */
function partsOf(filter: RollupFilter): Part[] {
  const { days, hours } = splitIntoUtcDays(filter);
  return [
    ...hours.map((span) => ({ level: HOURS, span })),
    ...(days ? [{ level: DAYS, span: days }] : []),
  ];
}

const counts = (db: Db, part: Part) =>
  db.selectFrom(part.level.counts as 'report_chat_hours') as unknown as HoursQuery;
const bins = (db: Db, part: Part) =>
  db.selectFrom(part.level.bins as 'report_chat_hour_bins') as unknown as BinsQuery;

/** The rows of `filter` within `part`, from either table of its level. */
function filtered<Q extends HoursQuery | BinsQuery>(query: Q, filter: RollupFilter, part: Part): Q {
  const start = part.level.start as 'hour_start';
  let q = (query as HoursQuery).where(start, '>=', part.span.from).where(start, '<', part.span.to);
  if (filter.teamIds) {
    q = q.where('team_id', 'in', filter.teamIds.length > 0 ? [...filter.teamIds] : ['']);
  }
  if (filter.agentId !== undefined) q = q.where('agent_id', '=', filter.agentId);
  if (filter.topicId !== undefined) q = q.where('topic_id', '=', filter.topicId);
  if (filter.priority !== undefined) q = q.where('priority', '=', filter.priority);
  return q as unknown as Q;
}

/** The hourly rows of the whole range (the series per hour). */
const hourly = (filter: RollupFilter): Part => ({ level: HOURS, span: filter });

type Summed = Record<(typeof COUNTED)[number], number | string | bigint>;

/** The sums of the rows of `filter` within `part`. */
function sumsOf(db: Db, filter: RollupFilter, part: Part) {
  return filtered(
    counts(db, part).select((eb) =>
      COUNTED.map((column) => eb.fn.coalesce(eb.fn.sum<number>(column), eb.lit(0)).as(column)),
    ),
    filter,
    part,
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

async function sumPart(db: Db, filter: RollupFilter, part: Part): Promise<ChatRollup> {
  const binSums = filtered(
    bins(db, part)
      .select((eb) => ['duration', 'bin', eb.fn.sum<number>('chats').as('chats')])
      .groupBy(['duration', 'bin']),
    filter,
    part,
  );
  const [c, binRows] = await Promise.all([
    sumsOf(db, filter, part).executeTakeFirstOrThrow(),
    binSums.execute(),
  ]);
  const rollup = emptyRollup();
  countsInto(rollup, c as Summed);
  for (const row of binRows) rollup.histograms[row.duration][row.bin] = Number(row.chats);
  return rollup;
}

/** The chat metrics of a range of hours as one rollup, summed by the database. */
export async function sumRollups(db: Db, filter: RollupFilter): Promise<ChatRollup> {
  const parts = await Promise.all(partsOf(filter).map((part) => sumPart(db, filter, part)));
  const rollup = emptyRollup();
  for (const part of parts) mergeRollup(rollup, part);
  return rollup;
}

async function sumPartByAgent(
  db: Db,
  filter: RollupFilter,
  part: Part,
): Promise<Map<string, ChatRollup>> {
  const binSums = filtered(
    bins(db, part)
      .select((eb) => ['agent_id', 'duration', 'bin', eb.fn.sum<number>('chats').as('chats')])
      .where('agent_id', 'is not', null)
      .groupBy(['agent_id', 'duration', 'bin']),
    filter,
    part,
  );
  const countSums = sumsOf(db, filter, part)
    .select('agent_id')
    .where('agent_id', 'is not', null)
    .groupBy('agent_id');
  const [countRows, binRows] = await Promise.all([countSums.execute(), binSums.execute()]);
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

/** The same, one rollup per agent who has (or last had) chats of the range. */
export async function sumRollupsByAgent(
  db: Db,
  filter: RollupFilter,
): Promise<Map<string, ChatRollup>> {
  const parts = await Promise.all(partsOf(filter).map((part) => sumPartByAgent(db, filter, part)));
  const byAgent = new Map<string, ChatRollup>();
  for (const part of parts) {
    for (const [agentId, more] of part) {
      const rollup = byAgent.get(agentId);
      if (rollup) mergeRollup(rollup, more);
      else byAgent.set(agentId, more);
    }
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
    hourly(filter),
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
    hourly(filter),
  ).execute();
  return rows.map((row) => ({
    hourStart: Number(row.hour_start),
    bin: Number(row.bin),
    chats: Number(row.chats),
  }));
}
