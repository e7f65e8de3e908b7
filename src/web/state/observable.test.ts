import { describe, expect, it, vi } from 'vitest';
import { Observable } from './observable.js';

describe('Observable', () => {
  it('tells listeners about changes, not about the same value set again', () => {
    const count = new Observable(1);
    const listener = vi.fn();
    const stop = count.subscribe(listener);
    count.set(1);
    count.update((n) => n + 1);
    expect(listener).toHaveBeenCalledOnce();
    expect(count.get()).toBe(2);
    stop();
    count.set(3);
    expect(listener).toHaveBeenCalledOnce();
  });
});
