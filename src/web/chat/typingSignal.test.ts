import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { TypingSignal } from './typingSignal.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('TypingSignal', () => {
  it('says typing once per burst, repeats while typing goes on, and stops after a pause', () => {
    const sent: boolean[] = [];
    const signal = new TypingSignal((typing) => sent.push(typing), {
      repeatMs: 3000,
      idleMs: 4000,
    });
    signal.input();
    vi.advanceTimersByTime(1000);
    signal.input();
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(2000);
    signal.input();
    expect(sent).toEqual([true, true]);
    vi.advanceTimersByTime(4000);
    expect(sent).toEqual([true, true, false]);
  });

  it('stops at once when the message is sent, and only once', () => {
    const sent: boolean[] = [];
    const signal = new TypingSignal((typing) => sent.push(typing));
    signal.input();
    signal.stop();
    signal.stop();
    vi.advanceTimersByTime(10_000);
    expect(sent).toEqual([true, false]);
  });
});
