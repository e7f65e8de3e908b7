// Browser tests run against the built web app: this builds dist/web with Vite when it is missing
// or older than any source it is made from. A lock directory keeps parallel test files from
// building at the same time (one builds, the others wait and then find it fresh).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');
const builtIndex = path.join(root, 'dist/web/index.html');
const sources = [
  path.join(root, 'src/web'),
  path.join(root, 'src/shared'),
  path.join(root, 'vite.config.ts'),
];
const lockDir = path.join(root, 'dist/.web-build.lock');
/** A lock older than this was left by a crashed run. */
const STALE_LOCK_MS = 120_000;

function newestMtime(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target))
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function isFresh(): boolean {
  if (!fs.existsSync(builtIndex)) return false;
  const built = fs.statSync(builtIndex).mtimeMs;
  return sources.every((source) => newestMtime(source) <= built);
}

function tryLock(): boolean {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  try {
    fs.mkdirSync(lockDir);
    return true;
  } catch {
    const age = Date.now() - fs.statSync(lockDir, { throwIfNoEntry: false })!.mtimeMs;
    if (age > STALE_LOCK_MS) fs.rmSync(lockDir, { recursive: true, force: true });
    return false;
  }
}

export async function ensureWebBuild(): Promise<void> {
  for (;;) {
    if (isFresh()) return;
    if (tryLock()) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  try {
    if (isFresh()) return;
    const result = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
      { cwd: root, encoding: 'utf8' },
    );
    if (result.status !== 0)
      throw new Error(`web build failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}
