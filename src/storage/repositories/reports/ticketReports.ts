// The reads behind the ticket report (docs/reports.md, "Tickets"): counts, durations and status
// changes in a range, each over an index on its own time column that also holds the columns read
// (migrations 0030, 0038), narrowed to the teams, priority and channel asked for (the ticket's
// current ones). Durations are summed and ranked here, not handed out one by one.
import { sql, type ExpressionBuilder } from 'kysely';
import {
  nearestRank,
  SUMMARY_PERCENTILES,
  summaryRanks,
} from '../../../domain/reports/ticketMeasures.js';
import type { SlaState } from '../../../domain/tickets/slaStatus.js';
import type { Priority, TicketChannel, TicketStatus } from '../../../shared/vocabulary.js';
import type { Database } from '../../schema.js';
import type { DialectName, Db } from '../../store.js';

export interface TicketReportFilter {
  /** Null: every ticket, those of no team included. */
  teamIds: readonly string[] | null;
  priority?: Priority | undefined;
  channel?: TicketChannel | undefined;
}

export interface TimeRange {
  from: number;
  to: number;
}

type TicketsEb = ExpressionBuilder<Database & { t: Database['tickets'] }, 't'>;

function matching(eb: TicketsEb, filter: TicketReportFilter) {
  const conditions = [];
  if (filter.teamIds !== null) {
    conditions.push(eb('t.team_id', 'in', filter.teamIds.length > 0 ? [...filter.teamIds] : ['']));
  }
  if (filter.priority) conditions.push(eb('t.priority', '=', filter.priority));
  if (filter.channel) conditions.push(eb('t.channel', '=', filter.channel));
  return eb.and(conditions);
}

const count = (row: { n: number | string | bigint } | undefined) => Number(row?.n ?? 0);

/** Tickets in the backlog now. */
export async function countBacklog(
  db: Db,
  statuses: readonly TicketStatus[],
  filter: TicketReportFilter,
): Promise<number> {
  const row = await db
    .selectFrom('tickets as t')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('t.status', 'in', [...statuses])
    .where((eb) => matching(eb, filter))
    .executeTakeFirst();
  return count(row);
}

/** The two targets a ticket is timed to: its first response and its resolution. */
export type TimedTarget = 'firstResponse' | 'resolution';

/** When the target was met (first public agent reply; last solve) and its business-hours time. */
const COLUMNS = {
  firstResponse: { end: 't.first_responded_at', business: 't.first_response_business_ms' },
  resolution: { end: 't.solved_at', business: 't.resolution_business_ms' },
} as const;

/** Creation to the target, never negative (in both dialects: no greatest() in SQLite). */
function calendarMs(target: TimedTarget) {
  const elapsed = sql<number>`${sql.ref(COLUMNS[target].end)} - t.created_at`;
  return sql<number>`case when ${elapsed} < 0 then 0 else ${elapsed} end`;
}

/** The tickets whose target was met in the range, of the filter. */
function metIn(db: Db, target: TimedTarget, range: TimeRange, filter: TicketReportFilter) {
  const { end } = COLUMNS[target];
  return db
    .selectFrom('tickets as t')
    .where(end, 'is not', null)
    .where(end, '>=', range.from)
    .where(end, '<', range.to)
    .where((eb) => matching(eb, filter));
}

/** How many tickets met the target, their total time, and the times at summaryRanks(count). */
export interface RankedDurations {
  count: number;
  totalMs: number;
  atRank: Map<number, number>;
}

export interface TargetDurations {
  calendar: RankedDurations;
  /** Only tickets with a business figure. */
  business: RankedDurations;
}

/**
 * The times of the tickets that met the target in the range, summed and ranked in the database,
 * so a year's durations need not travel to the server to be sorted (docs/performance.md,
 * "Reports"). PostgreSQL: one query, with percentile_disc (nearest rank, as the domain's).
 * SQLite has no ordered-set aggregates: counts and totals, then one query per rank.
 */
export function rankedDurations(
  db: Db,
  dialect: DialectName,
  target: TimedTarget,
  range: TimeRange,
  filter: TicketReportFilter,
): Promise<TargetDurations> {
  return dialect === 'postgres'
    ? percentilesInOneQuery(db, target, range, filter)
    : totalsThenRanks(db, target, range, filter);
}

const CLOCKS = ['calendar', 'business'] as const;
type Clock = (typeof CLOCKS)[number];

const durationOf = (target: TimedTarget, clock: Clock) =>
  clock === 'calendar' ? calendarMs(target) : sql<number>`${sql.ref(COLUMNS[target].business)}`;

async function percentilesInOneQuery(
  db: Db,
  target: TimedTarget,
  range: TimeRange,
  filter: TicketReportFilter,
): Promise<TargetDurations> {
  const fractions = sql.raw(`array[${SUMMARY_PERCENTILES.join(', ')}]::float8[]`);
  // Null inputs are left out of an ordered-set aggregate, as of count(column).
  const percentiles = (clock: Clock) =>
    sql<Array<
      string | number
    > | null>`percentile_disc(${fractions}) within group (order by ${durationOf(target, clock)})`;
  const row = await metIn(db, target, range, filter)
    .select((eb) => [
      eb.fn.countAll<number>().as('calendar_n'),
      eb.fn.sum<number>(calendarMs(target)).as('calendar_ms'),
      percentiles('calendar').as('calendar_at'),
      eb.fn.count<number>(COLUMNS[target].business).as('business_n'),
      eb.fn.sum<number>(COLUMNS[target].business).as('business_ms'),
      percentiles('business').as('business_at'),
    ])
    .executeTakeFirstOrThrow();
  const ranked = (n: unknown, total: unknown, at: Array<string | number> | null) => {
    const count = Number(n ?? 0);
    const atRank = new Map(
      (at ?? []).map((value, i) => [nearestRank(count, SUMMARY_PERCENTILES[i]!), Number(value)]),
    );
    return { count, totalMs: Number(total ?? 0), atRank };
  };
  return {
    calendar: ranked(row.calendar_n, row.calendar_ms, row.calendar_at),
    business: ranked(row.business_n, row.business_ms, row.business_at),
  };
}

async function totalsThenRanks(
  db: Db,
  target: TimedTarget,
  range: TimeRange,
  filter: TicketReportFilter,
): Promise<TargetDurations> {
  const businessMs = COLUMNS[target].business;
  const row = await metIn(db, target, range, filter)
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(calendarMs(target)).as('calendar_ms'),
      eb.fn.count<number>(businessMs).as('business_n'),
      eb.fn.sum<number>(businessMs).as('business_ms'),
    ])
    .executeTakeFirst();
  const totals = {
    calendar: { count: count(row), totalMs: Number(row?.calendar_ms ?? 0) },
    business: { count: Number(row?.business_n ?? 0), totalMs: Number(row?.business_ms ?? 0) },
  };
  const [calendar, business] = await Promise.all(
    CLOCKS.map(async (clock) => ({
      ...totals[clock],
      atRank: await durationsAtRanks(
        db,
        target,
        clock,
        summaryRanks(totals[clock].count),
        range,
        filter,
      ),
    })),
  );
  return { calendar: calendar!, business: business! };
}

/**
 * The durations at the given 1-based ranks in ascending order, by rank. One query per rank: with
 * ORDER BY … LIMIT 1 OFFSET SQLite sorts in its sorter, where a row_number() window over a year
 * took five times as long (docs/performance.md, "Reports").
 */
async function durationsAtRanks(
  db: Db,
  target: TimedTarget,
  clock: Clock,
  ranks: readonly number[],
  range: TimeRange,
  filter: TicketReportFilter,
): Promise<Map<number, number>> {
  const value = durationOf(target, clock);
  const values = await Promise.all(
    ranks.map(async (rank) => {
      let query = metIn(db, target, range, filter)
        .select(value.as('ms'))
        .orderBy(value)
        .limit(1)
        .offset(rank - 1);
      if (clock === 'business') query = query.where(COLUMNS[target].business, 'is not', null);
      const row = await query.executeTakeFirst();
      return row === undefined ? [] : [[rank, Number(row.ms)] as const];
    }),
  );
  return new Map(values.flat());
}

/** Times tickets were created, in 15-minute buckets (whole for every time zone's days). */
export const BUCKET_MS = 15 * 60_000;

const bucketOf = (column: 't.created_at' | 'e.created_at') =>
  sql<number>`${sql.ref(column)} - (${sql.ref(column)} % ${sql.lit(BUCKET_MS)})`;

/** Tickets created in the range, counted per bucket. */
export async function creationsByBucket(
  db: Db,
  range: TimeRange,
  filter: TicketReportFilter,
): Promise<Array<{ at: number; n: number }>> {
  const rows = await db
    .selectFrom('tickets as t')
    .select((eb) => [bucketOf('t.created_at').as('at'), eb.fn.countAll<number>().as('n')])
    .where('t.created_at', '>=', range.from)
    .where('t.created_at', '<', range.to)
    .where((eb) => matching(eb, filter))
    .groupBy(bucketOf('t.created_at'))
    .execute();
  return rows.map((row) => ({ at: Number(row.at), n: Number(row.n) }));
}

/** Status changes in the range, counted per bucket and change. */
export async function statusChangesByBucket(
  db: Db,
  range: TimeRange,
  filter: TicketReportFilter,
): Promise<Array<{ at: number; from: TicketStatus; to: TicketStatus; n: number }>> {
  const rows = await db
    .selectFrom('ticket_events as e')
    .innerJoin('tickets as t', 't.id', 'e.ticket_id')
    .select((eb) => [
      bucketOf('e.created_at').as('at'),
      'e.from_value',
      'e.to_value',
      eb.fn.countAll<number>().as('n'),
    ])
    .where('e.kind', '=', 'status')
    .where('e.created_at', '>=', range.from)
    .where('e.created_at', '<', range.to)
    .where((eb) => matching(eb, filter))
    .groupBy([bucketOf('e.created_at'), 'e.from_value', 'e.to_value'])
    .execute();
  return rows.map((row) => ({
    at: Number(row.at),
    from: JSON.parse(row.from_value ?? '"new"') as TicketStatus,
    to: JSON.parse(row.to_value ?? '"new"') as TicketStatus,
    n: Number(row.n),
  }));
}

export type SlaStateCounts = Partial<Record<SlaState, number>>;

/** SLA states of each target for the tickets created in the range. */
export async function slaStates(
  db: Db,
  range: TimeRange,
  filter: TicketReportFilter,
): Promise<{ firstResponse: SlaStateCounts; resolution: SlaStateCounts }> {
  const rows = await db
    .selectFrom('tickets as t')
    .select((eb) => [
      't.first_response_state',
      't.resolution_state',
      eb.fn.countAll<number>().as('n'),
    ])
    .where('t.created_at', '>=', range.from)
    .where('t.created_at', '<', range.to)
    .where('t.sla_policy_id', 'is not', null)
    .where((eb) => matching(eb, filter))
    .groupBy(['t.first_response_state', 't.resolution_state'])
    .execute();
  const firstResponse: SlaStateCounts = {};
  const resolution: SlaStateCounts = {};
  for (const row of rows) {
    const n = Number(row.n);
    if (row.first_response_state) {
      firstResponse[row.first_response_state] = (firstResponse[row.first_response_state] ?? 0) + n;
    }
    if (row.resolution_state) {
      resolution[row.resolution_state] = (resolution[row.resolution_state] ?? 0) + n;
    }
  }
  return { firstResponse, resolution };
}

/**
 * Survey answers given in the range, counted per rating: of the teams asked for by the team the
 * answer is attributed to (the ticket's at its solve), of the priority and channel the ticket has.
 */
export async function surveyRatings(
  db: Db,
  range: TimeRange,
  filter: TicketReportFilter,
): Promise<Array<{ rating: number; n: number }>> {
  let query = db
    .selectFrom('ticket_surveys as s')
    .innerJoin('tickets as t', 't.id', 's.ticket_id')
    .select((eb) => ['s.rating', eb.fn.countAll<number>().as('n')])
    .where('s.answered_at', 'is not', null)
    .where('s.answered_at', '>=', range.from)
    .where('s.answered_at', '<', range.to);
  if (filter.teamIds !== null) {
    const teamIds = filter.teamIds.length > 0 ? [...filter.teamIds] : [''];
    query = query.where('s.team_id', 'in', teamIds);
  }
  if (filter.priority) query = query.where('t.priority', '=', filter.priority);
  if (filter.channel) query = query.where('t.channel', '=', filter.channel);
  const rows = await query.groupBy('s.rating').execute();
  return rows.flatMap((row) =>
    row.rating === null ? [] : [{ rating: Number(row.rating), n: Number(row.n) }],
  );
}
