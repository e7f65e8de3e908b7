// `npm run bench`: runs every scenario (or `--only=a,b`), prints one table and writes
// bench/results/latest.json. `--quick` runs tiny sizes as a smoke test (timings meaningless).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { root } from './lib/processes.js';
import { formatTable, type ScenarioResult } from './lib/report.js';
import { scenarios, type Size } from './scenarios/index.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string' },
    profile: { type: 'boolean', default: false },
  },
});
if (values.profile) {
  process.env.BENCH_PROFILE_DIR = path.join(root, 'bench', 'results', 'profiles');
  fs.mkdirSync(process.env.BENCH_PROFILE_DIR, { recursive: true });
}
const size: Size = values.quick ? 'quick' : 'full';
const only = values.only?.split(',').map((s) => s.trim());
const selected = scenarios.filter((s) => !only || only.includes(s.name));
if (selected.length === 0) {
  console.error(`No such scenario. Known: ${scenarios.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.type()} ${os.release()}`,
};
const started = Date.now();
const results: ScenarioResult[] = [];
for (const scenario of selected) {
  const t0 = Date.now();
  process.stderr.write(`▶ ${scenario.name} (${size})…\n`);
  results.push(await scenario.run(size));
  process.stderr.write(`  done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}
const rows = results.flatMap((r) => r.rows);
console.log(formatTable(rows));
console.log(
  `\n${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}; ${((Date.now() - started) / 1000).toFixed(0)} s`,
);

const out =
  values.out ?? path.join(root, 'bench', 'results', values.quick ? 'quick.json' : 'latest.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(
  out,
  JSON.stringify(
    {
      size,
      startedAt: new Date(started).toISOString(),
      seconds: (Date.now() - started) / 1000,
      machine,
      rows,
      scenarios: results,
    },
    null,
    2,
  ),
);
process.exit(0);
