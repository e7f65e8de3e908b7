// The benchmarks start the built server: they must rebuild it first when the sources are newer,
// exactly as `npm start` does, or they would measure stale code.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { ensureCurrentBuild, root } from './processes.js';

const projects: string[] = [];
afterEach(() => {
  for (const dir of projects.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A project with the real bin/switchboard.js, a build script that leaves a mark, and a stamp. */
function project(sourcesNewerThanBuild: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-build-'));
  projects.push(dir);
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write('package.json', '{ "type": "module" }');
  write('bin/switchboard.js', fs.readFileSync(path.join(root, 'bin', 'switchboard.js'), 'utf8'));
  write(
    'scripts/build.mjs',
    "import fs from 'node:fs'; fs.writeFileSync('dist/rebuilt', ''); fs.writeFileSync('dist/.build-stamp', '');",
  );
  write('dist/src/cli/main.js', '');
  write('dist/.build-stamp', '');
  write('src/node.ts', '');
  const hourAgo = new Date(Date.now() - 3_600_000);
  const older = sourcesNewerThanBuild ? 'dist/.build-stamp' : 'src/node.ts';
  fs.utimesSync(path.join(dir, older), hourAgo, hourAgo);
  return dir;
}

it('rebuilds before benchmarking when the sources changed since the last build', () => {
  const dir = project(true);
  ensureCurrentBuild(dir);
  expect(fs.existsSync(path.join(dir, 'dist', 'rebuilt'))).toBe(true);
});

it('runs the existing build when it is current', () => {
  const dir = project(false);
  ensureCurrentBuild(dir);
  expect(fs.existsSync(path.join(dir, 'dist', 'rebuilt'))).toBe(false);
});
