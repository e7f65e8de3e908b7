import { describe, expect, it } from 'vitest';
import { previousLabel, previousRange, tileChange } from './reportComparison.js';

const label = 'previous 30 days';

describe('the comparison with the previous period', () => {
  it('is the period of equal length that ends where this one starts', () => {
    const range = { from: new Date(2026, 2, 1), to: new Date(2026, 2, 8) };
    expect(previousRange(range)).toEqual({
      from: new Date(range.from.getTime() - 7 * 86_400_000),
      to: range.from,
    });
    expect(previousLabel(range)).toBe('previous 7 days');
  });

  it('names a preset that ends now by its days, today counted whole', () => {
    // Local days, as the filters make them (reportFilters.ts).
    const from = new Date(2026, 2, 2);
    expect(previousLabel({ from, to: new Date(2026, 2, 8, 0, 30) })).toBe('previous 7 days');
    expect(previousLabel({ from, to: new Date(2026, 2, 8, 23, 30) })).toBe('previous 7 days');
    expect(previousLabel({ from, to: new Date(2026, 2, 2, 9, 30) })).toBe('previous day');
    expect(previousLabel({ from, to: new Date(2026, 2, 9) })).toBe('previous 7 days');
  });

  it('marks a longer wait worse and more ratings of 4 and 5 better', () => {
    expect(tileChange(67_000, 60_000, { better: 'down', kind: 'relative', label })).toEqual({
      text: '▲ 12 % vs previous 30 days',
      spoken: 'up 12 % vs previous 30 days, worse',
      tone: 'worse',
    });
    expect(tileChange(0.8, 0.75, { better: 'up', kind: 'points', label })).toEqual({
      text: '▲ 5 pts vs previous 30 days',
      spoken: 'up 5 pts vs previous 30 days, better',
      tone: 'better',
    });
    expect(tileChange(3, 4, { better: 'down', kind: 'relative', label }).tone).toBe('better');
  });

  it('leaves the volume of chats neither better nor worse', () => {
    expect(tileChange(40, 50, { better: null, kind: 'relative', label })).toEqual({
      text: '▼ 20 % vs previous 30 days',
      spoken: 'down 20 % vs previous 30 days',
      tone: 'neutral',
    });
  });

  it('says so when nothing changed, nothing was there before, or there is no figure', () => {
    const counts = { better: 'down' as const, kind: 'relative' as const, label };
    expect(tileChange(5, 5, counts).text).toBe('no change vs previous 30 days');
    expect(tileChange(0, 0, counts).text).toBe('no change vs previous 30 days');
    expect(tileChange(2, 0, counts)).toMatchObject({
      text: '▲ from 0 vs previous 30 days',
      tone: 'worse',
    });
    expect(tileChange(60_000, null, counts)).toMatchObject({
      text: 'none in the previous 30 days',
      tone: 'neutral',
    });
    expect(tileChange(null, 60_000, counts).text).toBe('none now, vs previous 30 days');
  });
});
