import { describe, expect, it } from 'vitest';
import { titleWithBadge } from './titleBadge.js';

describe('titleWithBadge', () => {
  it('prefixes the count, caps it, and leaves the title alone at zero', () => {
    expect(titleWithBadge('Switchboard', 0)).toBe('Switchboard');
    expect(titleWithBadge('Switchboard', 2)).toBe('(2) Switchboard');
    expect(titleWithBadge('Switchboard', 150)).toBe('(99+) Switchboard');
  });
});
