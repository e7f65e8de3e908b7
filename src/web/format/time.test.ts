import { describe, expect, it } from 'vitest';
import {
  formatDayLabel,
  formatDuration,
  formatRelative,
  formatWaitEstimate,
  secondsBetween,
} from './time.js';

const noon = new Date(2026, 10, 24, 12, 0, 0).getTime();

describe('formatDuration', () => {
  it('says seconds under a minute, minutes under an hour, then hours and days', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(44.6)).toBe('45 s');
    expect(formatDuration(180)).toBe('3 min');
    expect(formatDuration(3600)).toBe('1 h');
    expect(formatDuration(3900)).toBe('1 h 5 min');
    expect(formatDuration(2 * 86400 + 3 * 3600)).toBe('2 d 3 h');
  });

  it('never shows a negative duration', () => {
    expect(formatDuration(-5)).toBe('0 s');
  });
});

describe('formatRelative', () => {
  it('reads like a person would say it', () => {
    expect(formatRelative(noon - 10_000, noon)).toBe('just now');
    expect(formatRelative(noon - 5 * 60_000, noon)).toBe('5 min ago');
    expect(formatRelative(noon - 2 * 3_600_000, noon)).toBe('2 h ago');
    expect(formatRelative(noon - 20 * 3_600_000, noon)).toBe('yesterday');
  });
});

describe('formatWaitEstimate', () => {
  it('rounds to whole minutes or hours', () => {
    expect(formatWaitEstimate(20)).toBe('less than a minute');
    expect(formatWaitEstimate(60)).toBe('about 1 minute');
    expect(formatWaitEstimate(170)).toBe('about 3 minutes');
    expect(formatWaitEstimate(2 * 3600)).toBe('about 2 hours');
  });
});

describe('formatDayLabel', () => {
  it('names today and yesterday, and dates before that', () => {
    expect(formatDayLabel(noon - 3_600_000, noon)).toBe('Today');
    expect(formatDayLabel(noon - 24 * 3_600_000, noon)).toBe('Yesterday');
    expect(formatDayLabel(noon - 5 * 24 * 3_600_000, noon)).not.toMatch(/Today|Yesterday/);
  });
});

describe('secondsBetween', () => {
  it('accepts ISO strings and epoch milliseconds', () => {
    expect(secondsBetween('2026-01-01T00:00:00Z', '2026-01-01T00:01:30Z')).toBe(90);
    expect(secondsBetween(0, 2000)).toBe(2);
  });
});
