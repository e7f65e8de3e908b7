// The table `npm run bench` prints is pasted into docs/performance.md as is, so it must already
// be what Prettier (run by `npm run lint`) would write; a headline's two runs are compared.
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { formatTable, secondRun, secondRunLines, type Row } from './report.js';

const held: Row = {
  scenario: 'sustained throughput, sqlite',
  metric: 'msgs/s held',
  value: 4000,
  unit: 'msg/s',
};

it('prints a Markdown table that Prettier leaves unchanged', async () => {
  const rows: Row[] = [
    {
      scenario: 'delivery @ 2000/s, 1000 chats',
      metric: 'p50',
      value: 1.43,
      unit: 'ms',
      baseline: 0.7,
      ratio: 2.04,
      durableBaseline: 1.1,
      durableRatio: 1.3,
      target: '≤ 3x raw',
      met: true,
    },
    {
      scenario: 'routing 5000 waiting, 200 agents, 3 node(s), postgres + redis',
      metric: 'invariant violations at the end',
      value: 0,
      unit: '',
      baseline: 0,
      target: '0',
      met: true,
    },
    { scenario: 'a', metric: 'b', value: 5, unit: 'KiB', target: '< 40 KiB', met: false },
    secondRun(held, 6000),
  ];
  const table = formatTable(rows);
  const options = await resolveConfig('docs/performance.md');
  expect(await format(`${table}\n`, { ...options, parser: 'markdown' })).toBe(`${table}\n`);
});

describe('secondRun', () => {
  it('puts the second run beside the first, stable within 25 %', () => {
    expect(secondRun(held, 4800)).toMatchObject({
      metric: 'msgs/s held, run 2 (baseline: run 1)',
      value: 4800,
      baseline: 4000,
      ratio: 1.2,
      spread: 20,
      stable: true,
    });
  });

  it('flags two runs more than 25 % apart, either way round, as unstable', () => {
    expect(secondRun(held, 5100)).toMatchObject({ spread: 28, stable: false });
    expect(secondRun(held, 3100)).toMatchObject({ spread: 29, stable: false });
    expect(secondRunLines([held, secondRun(held, 3100), secondRun(held, 4400)])).toEqual([
      'UNSTABLE sustained throughput, sqlite, msgs/s held: 4000 then 3100 msg/s, 29 % apart',
      '  sustained throughput, sqlite, msgs/s held: 4000 then 4400 msg/s, 10 % apart',
    ]);
  });

  it('compares runs of 0 without dividing by it', () => {
    const none = { ...held, value: 0 };
    expect(secondRun(none, 0)).toMatchObject({ stable: true, spread: 0 });
    expect(secondRun(none, 0).ratio).toBeUndefined();
    const once = secondRun(none, 50);
    expect(once.stable).toBe(false);
    expect(once.spread).toBeUndefined();
  });
});
