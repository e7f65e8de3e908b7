// Time and identity, injected so that routing, timers and ids are testable without sleeping.
import { randomUUID } from 'node:crypto';

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export interface Ids {
  /** A new unique id, sortable by creation time. */
  next(): string;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * UUIDv7 (RFC 9562): 48 bits of milliseconds, then randomness. Ids sort by creation time, which
 * keeps B-tree inserts local, and 74 random bits make them unguessable.
 */
export const uuidV7: Ids = {
  next() {
    // randomUUID() draws from a cached entropy pool, far cheaper than randomBytes() per id. Its
    // version-4 layout already has the variant bits; the first 48 bits become the time and the
    // version nibble becomes 7.
    const random = randomUUID();
    const time = Date.now().toString(16).padStart(12, '0');
    return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`;
  },
};
