// Builds the server (TypeScript → dist/src) and the web app (Vite → dist/web), then stamps the
// build so `npm start` can tell whether the sources changed since.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
fs.writeFileSync('dist/.build-stamp', new Date().toISOString() + '\n');
