#!/usr/bin/env node
// Runs the built Switchboard CLI, building it first when dist/ is missing or older than the
// sources (so `npm start` after a `git pull` never runs stale code).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', '.build-stamp');

function newestSourceTime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(
      newest,
      entry.isDirectory() ? newestSourceTime(full) : fs.statSync(full).mtimeMs,
    );
  }
  return newest;
}

const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
const sourcesPresent = fs.existsSync(path.join(root, 'src'));
if (!built || (sourcesPresent && newestSourceTime(path.join(root, 'src')) > built)) {
  console.error(built ? 'Sources changed; rebuilding…' : 'Building Switchboard (first run)…');
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

await import(pathToFileURL(path.join(root, 'dist', 'src', 'cli', 'main.js')).href);
