import { describe, expect, it } from 'vitest';
import {
  enqueue,
  markFailed,
  markForRetry,
  settle,
  toSend,
  type PendingMessage,
} from './outbox.js';

const pending = (clientId: string, text = clientId): PendingMessage => ({
  clientId,
  text,
  queuedAt: '2026-01-01T00:00:00Z',
  failure: null,
});

describe('outbox', () => {
  it('keeps messages in the order they were typed, each clientId once', () => {
    let outbox = enqueue([], pending('a'));
    outbox = enqueue(outbox, pending('b'));
    outbox = enqueue(outbox, pending('a', 'again'));
    expect(outbox.map((p) => p.text)).toEqual(['a', 'b']);
  });

  it('lets an acknowledged message go, and ignores acks it does not know', () => {
    const outbox = [pending('a'), pending('b')];
    expect(settle(outbox, 'a').map((p) => p.clientId)).toEqual(['b']);
    expect(settle(outbox, 'zzz')).toBe(outbox);
  });

  it('does not resend a refused message until the person retries it', () => {
    let outbox = markFailed([pending('a'), pending('b')], 'a', {
      code: 'SESSION_ENDED',
      message: 'This chat has already ended',
    });
    expect(toSend(outbox).map((p) => p.clientId)).toEqual(['b']);
    outbox = markForRetry(outbox, 'a');
    expect(toSend(outbox).map((p) => p.clientId)).toEqual(['a', 'b']);
  });
});
