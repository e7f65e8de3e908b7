import { describe, expect, it } from 'vitest';
import { delayLabel, delaySeconds, splitDelay } from './overflowDelay.js';

describe('overflow delay', () => {
  it('shows a delay in the largest unit that says it exactly', () => {
    expect(splitDelay(7200)).toEqual({ amount: 2, unit: 'hours' });
    expect(splitDelay(120)).toEqual({ amount: 2, unit: 'minutes' });
    expect(splitDelay(90)).toEqual({ amount: 90, unit: 'seconds' });
    expect(delayLabel(5400)).toBe('90 min');
    expect(delayLabel(45)).toBe('45 s');
    expect(delayLabel(86_400)).toBe('24 h');
  });

  it('reads the form into seconds within the API’s bounds', () => {
    expect(delaySeconds('2', 'minutes')).toEqual({ seconds: 120 });
    expect(delaySeconds(' 1.5 ', 'hours')).toEqual({ seconds: 5400 });
    expect(delaySeconds('10', 'seconds')).toEqual({ seconds: 10 });
    expect(delaySeconds('24', 'hours')).toEqual({ seconds: 86_400 });
    expect(delaySeconds('0.7', 'minutes')).toEqual({ seconds: 42 });
  });

  it('says why the form holds no valid delay', () => {
    for (const [amount, unit] of [
      ['', 'minutes'],
      ['abc', 'minutes'],
      ['1.5', 'seconds'],
      ['0.01', 'minutes'],
    ] as const) {
      expect(delaySeconds(amount, unit), `${amount} ${unit}`).toHaveProperty('problem');
    }
    expect(delaySeconds('9', 'seconds')).toEqual({
      problem: 'The delay must be between 10 seconds and 24 hours.',
    });
    expect(delaySeconds('25', 'hours')).toHaveProperty('problem');
  });
});
