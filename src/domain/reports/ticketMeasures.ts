// Ticket metrics (docs/reports.md, "Tickets"): exact duration summaries, the status changes that
// move a ticket into or out of the backlog, and the backlog at the end of each day, counted back
// from the backlog now. Pure: the storage layer hands in counts and durations.
import { DateTime } from 'luxon';
import type { TicketStatus } from '../../shared/vocabulary.js';

/** A ticket someone still has to work on: not solved, not closed (merged sources are closed). */
export const BACKLOG_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];

const inBacklog = (status: TicketStatus) => BACKLOG_STATUSES.includes(status);

/** +1 when a status change puts the ticket back into the backlog, -1 when it leaves it, else 0. */
export function backlogStep(from: TicketStatus, to: TicketStatus): -1 | 0 | 1 {
  if (inBacklog(from) === inBacklog(to)) return 0;
  return inBacklog(to) ? 1 : -1;
}

/** A reopen: from solved (or closed) back to work. A closed ticket is final, so it is "solved". */
export const isReopen = (from: TicketStatus, to: TicketStatus): boolean =>
  backlogStep(from, to) === 1;

export interface ExactSummary {
  count: number;
  meanMs: number | null;
  medianMs: number | null;
  p90Ms: number | null;
}

/** Nearest-rank position (1-based) of the p-th percentile among `count` values (p in (0, 1]). */
export function nearestRank(count: number, p: number): number {
  return Math.min(count, Math.max(1, Math.ceil(p * count)));
}

/** The percentiles a summary gives: the median and the 90th. */
export const SUMMARY_PERCENTILES = [0.5, 0.9] as const;

/** The ranks a summary of `count` durations needs: its median's and its 90th percentile's. */
export const summaryRanks = (count: number): number[] =>
  count === 0 ? [] : [...new Set(SUMMARY_PERCENTILES.map((p) => nearestRank(count, p)))];

/**
 * Count, mean, median and 90th percentile (nearest rank) from the count, the total and the
 * durations at summaryRanks(count) in ascending order; nulls when none. The storage sorts, so
 * a year's durations need not leave the database.
 */
export function exactSummary(
  count: number,
  totalMs: number,
  atRank: ReadonlyMap<number, number>,
): ExactSummary {
  if (count === 0) return { count: 0, meanMs: null, medianMs: null, p90Ms: null };
  const at = (p: number) => {
    const value = atRank.get(nearestRank(count, p));
    if (value === undefined) throw new Error(`no duration at rank ${nearestRank(count, p)}`);
    return value;
  };
  return {
    count,
    meanMs: Math.round(totalMs / count),
    medianMs: at(0.5),
    p90Ms: at(0.9),
  };
}

/** Count, mean, median and 90th percentile (nearest rank) of durations; nulls when none. */
export function summarizeDurations(durations: readonly number[]): ExactSummary {
  const sorted = [...durations].sort((a, b) => a - b);
  const total = sorted.reduce((sum, ms) => sum + ms, 0);
  const atRank = new Map(summaryRanks(sorted.length).map((rank) => [rank, sorted[rank - 1]!]));
  return exactSummary(sorted.length, total, atRank);
}

/** A change of the backlog at an instant: +n tickets joined it, -n left it. */
export interface BacklogFlow {
  at: number;
  delta: number;
}

export interface BacklogPoint {
  /** The local date (YYYY-MM-DD) on the desk's clock. */
  date: string;
  /** Tickets in the backlog at the end of that day (its last instant). */
  backlog: number;
}

/**
 * The backlog at the end of each local day that ends inside [from, to), counted back from
 * `backlogNow` (the backlog at `now`, after every flow given) by undoing every flow after each
 * day's end. Flows must include all of (first day's end, now]; earlier ones are ignored. A day
 * ending after `now` is left out: it has no end yet.
 */
export function backlogByDay(
  backlogNow: number,
  now: number,
  flows: readonly BacklogFlow[],
  range: { from: number; to: number },
  timeZone: string,
): BacklogPoint[] {
  const ends: Array<{ date: string; end: number }> = [];
  let day = DateTime.fromMillis(range.from, { zone: timeZone }).startOf('day');
  for (;;) {
    const next = day.plus({ days: 1 });
    const end = next.toMillis();
    if (end > range.to || end > now) break;
    if (end > range.from) ends.push({ date: day.toISODate()!, end });
    day = next;
  }
  const newestFirst = [...flows].sort((a, b) => b.at - a.at);
  const points: BacklogPoint[] = [];
  let backlog = backlogNow;
  let i = 0;
  for (const { date, end } of [...ends].reverse()) {
    // A flow at `end` itself happened in the next day.
    while (i < newestFirst.length && newestFirst[i]!.at >= end) backlog -= newestFirst[i++]!.delta;
    points.push({ date, backlog });
  }
  return points.reverse();
}

/** Share of achieved among decided targets (achieved + breached), 0 to 1; null when none. */
export const achievement = (achieved: number, breached: number): number | null =>
  achieved + breached === 0 ? null : achieved / (achieved + breached);
