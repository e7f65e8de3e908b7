// Durations as counts in fixed bins, so that the histograms of any hours (and teams, agents) add
// up exactly to the histogram of their union, in SQL or in code. Bin 0 holds [0, 1 s); bin k
// (1 ≤ k < BIN_COUNT - 1) holds [2^((k-1)/2) s, 2^(k/2) s); the last bin holds everything from
// 2^20 s (about 12 days) on. A percentile read from the bins is the geometric middle of its bin,
// within a factor of 2^(1/4) (about 19 %) of the true value; below 1 s it is 0.5 s (off by at most
// half a second); in the last bin it is the bin's lower edge, a lower bound (docs/reports.md).

/** Bins per histogram: [0, 1 s), forty √2-wide bins up to 2^20 s, and one open bin beyond. */
export const BIN_COUNT = 42;
const LAST = BIN_COUNT - 1;

/** Counts per bin, BIN_COUNT long. */
export type Histogram = number[];

export const emptyHistogram = (): Histogram => new Array<number>(BIN_COUNT).fill(0);

/** The bin a duration in milliseconds falls in (negative durations count as 0). */
export function binOf(ms: number): number {
  const seconds = ms / 1000;
  if (!(seconds >= 1)) return 0;
  // Edges are exact powers of √2, so the comparison is done on the edges, not on a rounded log.
  let k = Math.floor(2 * Math.log2(seconds)) + 1;
  if (seconds < lowerEdgeMs(k) / 1000) k -= 1;
  else if (k + 1 <= LAST && seconds >= lowerEdgeMs(k + 1) / 1000) k += 1;
  return Math.min(k, LAST);
}

/** Where bin `k` starts, in milliseconds. */
export function lowerEdgeMs(k: number): number {
  return k === 0 ? 0 : 1000 * 2 ** ((k - 1) / 2);
}

/**
 * The value a percentile in bin `k` is reported as (see the top of this file), in whole
 * milliseconds as the API promises.
 */
export function representativeMs(k: number): number {
  if (k === 0) return 500;
  if (k === LAST) return Math.round(lowerEdgeMs(k));
  return Math.round(lowerEdgeMs(k) * 2 ** 0.25);
}

export function addDuration(histogram: Histogram, ms: number): void {
  histogram[binOf(ms)]! += 1;
}

/** Adds `more` into `into`, bin by bin. */
export function mergeInto(into: Histogram, more: readonly number[]): void {
  for (let k = 0; k < BIN_COUNT; k++) into[k]! += more[k] ?? 0;
}

export const countOf = (histogram: readonly number[]): number =>
  histogram.reduce((sum, n) => sum + n, 0);

/**
 * The `p`-th percentile (0 < p ≤ 1) by nearest rank: the bin holding the ⌈p·n⌉-th smallest
 * duration, reported as representativeMs; null for an empty histogram.
 */
export function percentileMs(histogram: readonly number[], p: number): number | null {
  const n = countOf(histogram);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (let k = 0; k < BIN_COUNT; k++) {
    seen += histogram[k] ?? 0;
    if (seen >= rank) return representativeMs(k);
  }
  return representativeMs(LAST);
}
