import { describe, expect, it } from 'vitest';
import { TopicSlug } from '../../shared/teamsApi.js';
import { slugFor } from './slug.js';

describe('slugFor', () => {
  it('proposes a slug the API accepts', () => {
    for (const [name, slug] of [
      ['Fees and payments', 'fees-and-payments'],
      ['Wi-Fi & accounts', 'wi-fi-accounts'],
      ['  Écoles  ', 'ecoles'],
      ['x'.repeat(39) + ' y', 'x'.repeat(39)],
    ] as const) {
      expect(slugFor(name)).toBe(slug);
      expect(TopicSlug.safeParse(slugFor(name)).success).toBe(true);
    }
  });

  it('proposes nothing for a name without letters or digits', () => {
    expect(slugFor('!!!')).toBe('');
  });
});
