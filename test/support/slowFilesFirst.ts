// The order the test runner starts files in. Without results of an earlier run (a clean clone,
// as CI has), vitest starts the largest files first, which leaves the benchmark's smoke tests,
// small files that each run for a minute or more, to the very end, where one worker runs them
// while the other has nothing left to do. So the files known to run longest start first, in
// this order, and the rest follow in vitest's own order. Nothing else depends on the order:
// every file works in its own schema, ports and directories.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Path fragments of the slowest files, slowest first (from a run's JSON report). */
export const SLOW_FILES = [
  'test/browser/accessibility.test.ts',
  'test/http/authorizationMatrix.test.ts',
  'bench/smoke/messaging.test.ts',
  'bench/smoke/desk.test.ts',
  'test/http/files.test.ts',
  'bench/smoke/reports.test.ts',
  'test/http/badInput.test.ts',
  'test/cli/cli.test.ts',
  'bench/smoke/sockets.test.ts',
  'test/http/api.test.ts',
  'test/services/teamRouting.test.ts',
  'bench/smoke/helpdesk.test.ts',
  'test/cluster/routingStorm.test.ts',
  'bench/smoke/tickets.test.ts',
];

export function slowFirst<T>(files: readonly T[], pathOf: (file: T) => string): T[] {
  const rank = (file: T) => {
    const index = SLOW_FILES.findIndex((slow) => pathOf(file).replaceAll('\\', '/').endsWith(slow));
    return index === -1 ? SLOW_FILES.length : index;
  };
  // A stable sort: the files of equal rank keep the order they came in.
  return [...files].sort((a, b) => rank(a) - rank(b));
}

export default class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return slowFirst(await super.sort(files), (file) => file.moduleId);
  }
}
