// One `vitest run` covers unit tests (beside the code), integration tests against SQLite and
// PostgreSQL, HTTP and WebSocket tests on real sockets, and browser tests.
import { defineConfig } from 'vitest/config';
import SlowFilesFirst from './test/support/slowFilesFirst.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    // Limits against a hung test, not speed targets: a loaded 2-core machine running two files
    // at once has needed over 20 s for a test that drives 15 page loads or spawns the CLI.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Most of a file's time is spent waiting on sockets, databases, child processes and
    // Chromium, so two files at a time nearly halve the run on a 2-core machine (vitest's
    // default there is one). Every file works in its own schema, key prefix, ports and
    // directories, so files never see each other.
    maxWorkers: 2,
    reporters: ['default'],
    // The slowest files first, so none of them is left for one worker at the end.
    sequence: { sequencer: SlowFilesFirst },
  },
});
