// Renders a component again whenever a Readable store changes.
import { useLayoutEffect, useReducer, useRef } from 'preact/hooks';
import type { Readable } from '../state/observable.js';

export function useReadable<T>(source: Readable<T>): T {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const value = source.get();
  const rendered = useRef(value);
  rendered.current = value;
  useLayoutEffect(() => {
    const check = () => {
      if (!Object.is(source.get(), rendered.current)) rerender(0);
    };
    const stop = source.subscribe(check);
    // It may have changed between this render and the subscription.
    check();
    return stop;
  }, [source]);
  return value;
}
