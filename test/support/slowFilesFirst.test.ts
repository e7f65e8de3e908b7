import { expect, it } from 'vitest';
import { SLOW_FILES, slowFirst } from './slowFilesFirst.js';

it('starts the slowest files first, in their order, and keeps the order of the rest', () => {
  const files = [
    '/r/src/a.test.ts',
    `/r/${SLOW_FILES[2]}`,
    '/r/src/b.test.ts',
    `/r/${SLOW_FILES[0]}`,
  ];
  expect(slowFirst(files, (f) => f)).toEqual([
    `/r/${SLOW_FILES[0]}`,
    `/r/${SLOW_FILES[2]}`,
    '/r/src/a.test.ts',
    '/r/src/b.test.ts',
  ]);
});
