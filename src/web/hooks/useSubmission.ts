// The one action of a form or dialog (sign in, create, confirm): busy while it runs, and what
// went wrong when it fails, cleared on the next try. It stays busy after a success because what
// follows (the dialog closing, the next page) replaces the form; after a failure it can be
// submitted again.
import { useState } from 'preact/hooks';

export interface Submission<Problem> {
  busy: boolean;
  problem: Problem | null;
  run: (action: () => Promise<unknown>) => Promise<void>;
}

/** `describe` turns a failure into what the form shows, e.g. `errorMessage`. */
export function useSubmission<Problem>(
  describe: (failure: unknown) => Problem,
): Submission<Problem> {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await action();
    } catch (failure) {
      setProblem(describe(failure));
      setBusy(false);
    }
  };
  return { busy, problem, run };
}
