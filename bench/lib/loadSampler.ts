// Watches routing's load invariant while a benchmark runs, not only at the end: every agent's
// load equals their open chats and stays within their max. Each sample is one statement, so it
// sees one consistent state of the database, never a half-applied placement.
import { loadViolations } from '../../test/support/routingInvariants.js';
import type { Db } from '../../src/storage/store.js';

export interface LoadSamples {
  samples: number;
  /** Samples in which some agent's load was wrong or over their max. */
  violatingSamples: number;
  /** The first few problems seen, for the report's details. */
  problems: string[];
  /** The most chats open at once across all agents (capacity in use). */
  peakOpen: number;
}

export function sampleLoads(db: Db, everyMs: number): { stop(): Promise<LoadSamples> } {
  const result: LoadSamples = { samples: 0, violatingSamples: 0, problems: [], peakOpen: 0 };
  let stopping = false;
  let failure: unknown;
  const sample = async () => {
    while (!stopping) {
      const problems = await loadViolations(db);
      const open = await db
        .selectFrom('chat_agent_status')
        .select((eb) => eb.fn.sum<number>('current_chat_count').as('n'))
        .executeTakeFirstOrThrow();
      result.samples += 1;
      result.peakOpen = Math.max(result.peakOpen, Number(open.n ?? 0));
      if (problems.length > 0) {
        result.violatingSamples += 1;
        result.problems.push(...problems.slice(0, Math.max(0, 10 - result.problems.length)));
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  };
  // Kept until stop() so that a failed query surfaces there, not as an unhandled rejection.
  const loop = sample().catch((error: unknown) => (failure = error));
  return {
    async stop() {
      stopping = true;
      await loop;
      if (failure) throw failure;
      return result;
    },
  };
}
