import { describe, expect, it } from 'vitest';
import { tagProblem } from './tags.js';

describe('tagProblem', () => {
  it('accepts letters in any script, digits, spaces and _ . -', () => {
    expect(tagProblem('billing', [])).toBeNull();
    expect(tagProblem('Zahlung 2026_v1.2-b', [])).toBeNull();
    expect(tagProblem('ŋkɔmbɔ', [])).toBeNull();
  });

  it('explains what is wrong with a tag the server would refuse', () => {
    expect(tagProblem('x'.repeat(33), [])).toMatch(/at most 32/);
    expect(tagProblem('<b>', [])).toMatch(/letters, digits/);
    expect(tagProblem('billing', ['billing'])).toMatch(/already/);
    expect(
      tagProblem(
        'one-more',
        Array.from({ length: 10 }, (_, i) => `t${i}`),
      ),
    ).toMatch(/at most 10/);
  });
});
