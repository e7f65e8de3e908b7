import { describe, expect, it } from 'vitest';
import {
  BIN_COUNT,
  addDuration,
  binOf,
  emptyHistogram,
  lowerEdgeMs,
  mergeInto,
  percentileMs,
  representativeMs,
} from './histogram.js';

const histogramOf = (durations: number[]) => {
  const histogram = emptyHistogram();
  for (const ms of durations) addDuration(histogram, ms);
  return histogram;
};

describe('duration bins', () => {
  it('puts each edge in the bin it opens, and everything below 1 s in the first', () => {
    expect(binOf(0)).toBe(0);
    expect(binOf(-5)).toBe(0);
    expect(binOf(999)).toBe(0);
    for (let k = 1; k < BIN_COUNT; k++) {
      expect(binOf(lowerEdgeMs(k))).toBe(k);
      expect(binOf(lowerEdgeMs(k) - 1)).toBe(k - 1);
    }
    expect(binOf(30 * 86_400_000)).toBe(BIN_COUNT - 1);
  });

  it('reports a duration within a factor of 2^(1/4) of itself', () => {
    for (let ms = 1000; ms < 2 ** 20 * 1000; ms = Math.ceil(ms * 1.07)) {
      const ratio = representativeMs(binOf(ms)) / ms;
      expect(ratio).toBeLessThanOrEqual(2 ** 0.25 + 1e-9);
      expect(ratio).toBeGreaterThan(2 ** -0.25);
    }
  });
});

describe('percentiles', () => {
  it('reads the median and the 90th percentile by nearest rank', () => {
    // Ten waits: nine of about a minute, one of an hour.
    const histogram = histogramOf([...new Array<number>(9).fill(60_000), 3_600_000]);
    expect(percentileMs(histogram, 0.5)).toBe(representativeMs(binOf(60_000)));
    expect(percentileMs(histogram, 0.9)).toBe(representativeMs(binOf(60_000)));
    expect(percentileMs(histogram, 0.91)).toBe(representativeMs(binOf(3_600_000)));
  });

  it('reads whole milliseconds, as the API promises', () => {
    for (let k = 0; k < BIN_COUNT; k++) expect(Number.isInteger(representativeMs(k))).toBe(true);
  });

  it('has none for no chats', () => {
    expect(percentileMs(emptyHistogram(), 0.5)).toBeNull();
  });

  it('gives the same percentiles merged hour by hour as counted at once', () => {
    const first = [5_000, 20_000, 400_000];
    const second = [1_000, 90_000, 90_000, 7_200_000];
    const merged = histogramOf(first);
    mergeInto(merged, histogramOf(second));
    expect(merged).toEqual(histogramOf([...first, ...second]));
    expect(percentileMs(merged, 0.5)).toBe(representativeMs(binOf(90_000)));
  });
});
