// Programs a fault test starts itself (redis-server, nginx). Outside CI a missing one skips its
// tests with a visible line; in CI (CI=true) it fails the run, like a missing service does.
import { spawnSync } from 'node:child_process';

export function requireProgram(name: string, versionArgs: string[]): boolean {
  const found = spawnSync(name, versionArgs, { stdio: 'ignore' }).status === 0;
  if (found) return true;
  if (process.env.CI === 'true') throw new Error(`CI=true requires ${name} on the PATH`);
  console.warn(`\n  ⚠ ${name} tests skipped: ${name} is not installed\n`);
  return false;
}
