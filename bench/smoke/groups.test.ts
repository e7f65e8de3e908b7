// Every scenario of `npm run bench` is in one smoke group, once.
import { expect, it } from 'vitest';
import { scenarios } from '../scenarios/index.js';
import { SMOKE_GROUPS } from './quickRun.js';

it('covers every scenario once', () => {
  const grouped = Object.values(SMOKE_GROUPS).flat();
  expect([...grouped].sort()).toEqual(scenarios.map((s) => s.name).sort());
});
