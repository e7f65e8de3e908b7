import { describe, expect, it } from 'vitest';
import { rangeOf, readFilters, writeFilters } from './reportFilters.js';

// A Wednesday afternoon on the browser's clock.
const now = new Date(2026, 2, 18, 15, 30);
const read = (query: string) => readFilters(new URLSearchParams(query), now);

describe('the report filters in the address', () => {
  it('defaults to the last 7 days of every chat', () => {
    expect(read('')).toEqual({ range: '7d', from: '2026-03-18', to: '2026-03-18', teamId: '' });
    expect(read('range=yesterday&from=03/01/2026').range).toBe('7d');
    expect(read('range=yesterday&from=03/01/2026').from).toBe('2026-03-18');
  });

  it('writes only what differs from the default, and reads back what it wrote', () => {
    expect(writeFilters(read('')).toString()).toBe('');
    const custom = read('range=custom&from=2026-02-01&to=2026-02-28&team=t1');
    expect(custom).toEqual({ range: 'custom', from: '2026-02-01', to: '2026-02-28', teamId: 't1' });
    expect(readFilters(writeFilters(custom), now)).toEqual(custom);
    // A preset keeps no days: the link means "the last 30 days" whenever it is opened.
    expect(writeFilters({ ...custom, range: '30d' }).toString()).toBe('range=30d&team=t1');
  });
});

describe('the range a choice covers', () => {
  it('counts today and the days before it, or the month from its first day, up to now', () => {
    expect(rangeOf(read(''), now)).toEqual({ from: new Date(2026, 2, 12), to: now });
    expect(rangeOf(read('range=30d'), now)).toEqual({ from: new Date(2026, 1, 17), to: now });
    expect(rangeOf(read('range=month'), now)).toEqual({ from: new Date(2026, 2, 1), to: now });
  });

  it('counts both days of a custom range whole, across a month end', () => {
    expect(rangeOf(read('range=custom&from=2026-01-31&to=2026-02-28'), now)).toEqual({
      from: new Date(2026, 0, 31),
      to: new Date(2026, 2, 1),
    });
    expect(rangeOf(read('range=custom&from=2026-02-03&to=2026-02-03'), now)).toEqual({
      from: new Date(2026, 1, 3),
      to: new Date(2026, 1, 4),
    });
  });

  it('has no range for a custom one that ends before it starts', () => {
    expect(rangeOf(read('range=custom&from=2026-02-03&to=2026-02-02'), now)).toBeNull();
  });
});
