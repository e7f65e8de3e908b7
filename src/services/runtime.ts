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
 * keeps B-tree inserts local, and 74 random bits make them unguessable. Within one process they
 * are strictly increasing (RFC 9562's method 3): ids made in the same millisecond carry a 12-bit
 * counter in place of the first random bits, started at a random value with room to count, so
 * two files uploaded in one millisecond still list in the order they came. A clock that steps
 * back keeps the last time until it catches up.
 */
export const uuidV7: Ids = (() => {
  let lastMs = 0;
  let counter = 0;
  return {
    next() {
      // randomUUID() draws from a cached entropy pool, far cheaper than randomBytes() per id. Its
      // version-4 layout already has the variant bits; the first 48 bits become the time and the
      // version nibble becomes 7, followed by the counter.
      const random = randomUUID();
      const now = Date.now();
      if (now > lastMs) {
        lastMs = now;
        counter = parseInt(random.slice(15, 18), 16) & 0x7ff;
      } else if (++counter > 0xfff) {
        lastMs += 1;
        counter = 0;
      }
      const time = lastMs.toString(16).padStart(12, '0');
      const sequence = counter.toString(16).padStart(3, '0');
      return `${time.slice(0, 8)}-${time.slice(8)}-7${sequence}${random.slice(18)}`;
    },
  };
})();
