// The chat metrics of a set of chats as sums that add up: counts, totals and histograms (one per
// duration), so the rollup of an hour, a team or an agent merges exactly with any other, and the
// report of a range is the merge of its hours. Percentiles come from the histograms (histogram.ts).
import type { ChatMeasures } from './chatMeasures.js';
import {
  addDuration,
  countOf,
  emptyHistogram,
  mergeInto,
  percentileMs,
  type Histogram,
} from './histogram.js';

/** The durations reports keep a histogram of. */
export const DURATIONS = ['wait', 'first_response', 'handle'] as const;
export type Duration = (typeof DURATIONS)[number];

export const RATINGS = [1, 2, 3, 4, 5] as const;

export interface ChatRollup {
  /** Chats started. */
  chats: number;
  abandoned: number;
  unanswered: number;
  /** Transfers made, and the chats with at least one. */
  transfers: number;
  transferredChats: number;
  /** Ratings given, by value (index 0 is a rating of 1). */
  ratings: number[];
  /** Totals of each duration in milliseconds, for exact means. */
  totalMs: Record<Duration, number>;
  histograms: Record<Duration, Histogram>;
}

export const emptyRollup = (): ChatRollup => ({
  chats: 0,
  abandoned: 0,
  unanswered: 0,
  transfers: 0,
  transferredChats: 0,
  ratings: [0, 0, 0, 0, 0],
  totalMs: { wait: 0, first_response: 0, handle: 0 },
  histograms: {
    wait: emptyHistogram(),
    first_response: emptyHistogram(),
    handle: emptyHistogram(),
  },
});

const durationsOf = (m: ChatMeasures): Record<Duration, number | null> => ({
  wait: m.waitMs,
  first_response: m.firstResponseMs,
  handle: m.handleMs,
});

/** Counts one chat into `rollup`. */
export function addChat(rollup: ChatRollup, measures: ChatMeasures): void {
  rollup.chats += 1;
  if (measures.abandoned) rollup.abandoned += 1;
  if (measures.unanswered) rollup.unanswered += 1;
  rollup.transfers += measures.transfers;
  if (measures.transfers > 0) rollup.transferredChats += 1;
  if (measures.rating !== null && measures.rating >= 1 && measures.rating <= 5) {
    rollup.ratings[measures.rating - 1]! += 1;
  }
  const durations = durationsOf(measures);
  for (const name of DURATIONS) {
    const ms = durations[name];
    if (ms === null) continue;
    rollup.totalMs[name] += ms;
    addDuration(rollup.histograms[name], ms);
  }
}

/** Adds `more` into `into`. */
export function mergeRollup(into: ChatRollup, more: ChatRollup): void {
  into.chats += more.chats;
  into.abandoned += more.abandoned;
  into.unanswered += more.unanswered;
  into.transfers += more.transfers;
  into.transferredChats += more.transferredChats;
  for (let i = 0; i < RATINGS.length; i++) into.ratings[i]! += more.ratings[i] ?? 0;
  for (const name of DURATIONS) {
    into.totalMs[name] += more.totalMs[name];
    mergeInto(into.histograms[name], more.histograms[name]);
  }
}

export interface DurationSummary {
  /** Chats the duration applies to. */
  count: number;
  meanMs: number | null;
  /** Approximate, within a bin (histogram.ts). */
  medianMs: number | null;
  p90Ms: number | null;
}

export interface ChatMetrics {
  chats: number;
  abandoned: number;
  unanswered: number;
  transfers: number;
  transferredChats: number;
  wait: DurationSummary;
  firstResponse: DurationSummary;
  handle: DurationSummary;
  /** Count per rating, 1 to 5. */
  ratings: Record<'1' | '2' | '3' | '4' | '5', number>;
  /** Share of 4 and 5 among rated chats, 0 to 1; null when none was rated. */
  csat: number | null;
}

function summarize(rollup: ChatRollup, name: Duration): DurationSummary {
  const histogram = rollup.histograms[name];
  const count = countOf(histogram);
  return {
    count,
    meanMs: count === 0 ? null : Math.round(rollup.totalMs[name] / count),
    medianMs: percentileMs(histogram, 0.5),
    p90Ms: percentileMs(histogram, 0.9),
  };
}

/** The metrics a report shows, from a (merged) rollup. */
export function chatMetrics(rollup: ChatRollup): ChatMetrics {
  const [r1, r2, r3, r4, r5] = rollup.ratings as [number, number, number, number, number];
  const rated = r1 + r2 + r3 + r4 + r5;
  return {
    chats: rollup.chats,
    abandoned: rollup.abandoned,
    unanswered: rollup.unanswered,
    transfers: rollup.transfers,
    transferredChats: rollup.transferredChats,
    wait: summarize(rollup, 'wait'),
    firstResponse: summarize(rollup, 'first_response'),
    handle: summarize(rollup, 'handle'),
    ratings: { '1': r1, '2': r2, '3': r3, '4': r4, '5': r5 },
    csat: rated === 0 ? null : (r4 + r5) / rated,
  };
}

export const HOUR_MS = 3_600_000;

/** The start of the UTC hour `at` falls in: the hour a chat's rollup row is kept under. */
export const utcHourOf = (at: number): number => at - (((at % HOUR_MS) + HOUR_MS) % HOUR_MS);
