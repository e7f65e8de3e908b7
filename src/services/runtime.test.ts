import { describe, expect, it } from 'vitest';
import { uuidV7 } from './runtime.js';

describe('uuidV7', () => {
  it('makes RFC 9562 version-7 ids carrying the creation time', () => {
    const before = Date.now();
    const id = uuidV7.next();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const ms = parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now());
  });

  it('sorts ids made in different milliseconds by time, and never repeats', async () => {
    const first = uuidV7.next();
    await new Promise((resolve) => setTimeout(resolve, 2));
    expect(uuidV7.next() > first).toBe(true);
    const many = new Set(Array.from({ length: 10_000 }, () => uuidV7.next()));
    expect(many.size).toBe(10_000);
  });

  it('keeps ids made in the same millisecond in the order they were made', () => {
    const ids = Array.from({ length: 20_000 }, () => uuidV7.next());
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    for (const id of ids.slice(0, 50))
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
