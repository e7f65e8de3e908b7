// `npm run bench`: runs every scenario (or `--only=a,b`), prints one table and writes
// bench/results/latest.json. `--quick` runs tiny sizes as a smoke test (timings meaningless).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { postgresDataDirectory } from './lib/databases.js';
import { describeMachine, formatMachine } from './lib/machine.js';
import { root } from './lib/processes.js';
import { formatTable, secondRunLines, UNSTABLE_SPREAD, type ScenarioResult } from './lib/report.js';
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

// Before any load: the fsync probe must not compete with a server.
const machine = describeMachine({ postgresDataDirectory: await postgresDataDirectory() });
const started = Date.now();
const results: ScenarioResult[] = [];
const scenarioSeconds: Record<string, number> = {};
for (const scenario of selected) {
  const t0 = Date.now();
  process.stderr.write(`▶ ${scenario.name} (${size})…\n`);
  results.push(await scenario.run(size));
  scenarioSeconds[scenario.name] = (Date.now() - t0) / 1000;
  process.stderr.write(`  done in ${scenarioSeconds[scenario.name]!.toFixed(1)} s\n`);
}
const rows = results.flatMap((r) => r.rows);
console.log(formatTable(rows));
const seconds = ((Date.now() - started) / 1000).toFixed(0);
console.log(
  `\n${formatMachine(machine)}\n${size} run of ${selected.length} scenario(s), ${seconds} s`,
);
const twice = secondRunLines(rows);
if (twice.length > 0) {
  const unstable = rows.filter((r) => r.stable === false).length;
  console.log(
    `\nHeadline figures run twice (${unstable} of ${twice.length} more than ${UNSTABLE_SPREAD * 100} % apart, UNSTABLE: not to quote):\n${twice.join('\n')}`,
  );
}

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
      scenarioSeconds,
      machine,
      rows,
      scenarios: results,
    },
    null,
    2,
  ),
);
process.exit(0);
