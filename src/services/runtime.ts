// Time and identity, injected so that routing, timers and ids are testable without sleeping.
import { randomBytes } from 'node:crypto';

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
    const bytes = randomBytes(16);
    const ms = Date.now();
    bytes.writeUIntBE(ms, 0, 6);
    bytes[6] = 0x70 | (bytes[6]! & 0x0f);
    bytes[8] = 0x80 | (bytes[8]! & 0x3f);
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  },
};
