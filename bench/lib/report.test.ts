// The table `npm run bench` prints is pasted into docs/performance.md as is, so it must already
// be what Prettier (run by `npm run lint`) would write.
import { format, resolveConfig } from 'prettier';
import { expect, it } from 'vitest';
import { formatTable, type Row } from './report.js';

it('prints a Markdown table that Prettier leaves unchanged', async () => {
  const rows: Row[] = [
    {
      scenario: 'delivery @ 2000/s, 1000 chats',
      metric: 'p50',
      value: 1.43,
      unit: 'ms',
      baseline: 0.7,
      ratio: 2.04,
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
  ];
  const table = formatTable(rows);
  const options = await resolveConfig('docs/performance.md');
  expect(await format(`${table}\n`, { ...options, parser: 'markdown' })).toBe(`${table}\n`);
});
