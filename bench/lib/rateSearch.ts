// The search for the highest rate a server sustains: given a way to try one rate (a hold that
// either held or failed), it brackets the answer between a rate that held and one that failed,
// expanding by `factor` from the start until both exist, then bisects until the interval is
// within `tolerance` or the time budget ends. The first three tries always run, whatever the
// clock says: from any start there is room for one step up and one step down.

export interface RateSearchLimits {
  /** The first rate tried (clamped to [min, max]). */
  start: number;
  /** The lowest rate worth trying: if it fails, nothing held. At least 1. */
  min: number;
  /** The highest rate tried: if it holds, the search stops there. */
  max: number;
  /** Stop once failed − held ≤ tolerance × held (0.1: within 10 %). */
  tolerance: number;
  /** Tries after the first three start only while elapsed + tryMs ≤ budgetMs. */
  budgetMs: number;
  /** The longest one try is expected to take. */
  tryMs: number;
  /** How far each step out from the start moves, up (×) or down (÷). Default 2. */
  factor?: number;
  /** Milliseconds, for the budget; performance.now by default. */
  now?: () => number;
}

export interface RateSearchResult {
  /** The highest rate that held; 0 when none did. */
  held: number;
  /** The lowest rate that failed; null when every rate tried held (held is then max). */
  failed: number | null;
  /** Every rate tried, in order. */
  tries: Array<{ rate: number; held: boolean }>;
}

/** The first tries that always run: the start, one step up and one step down. */
export const GUARANTEED_TRIES = 3;

export async function searchSustainedRate(
  tryRate: (rate: number) => Promise<boolean>,
  limits: RateSearchLimits,
): Promise<RateSearchResult> {
  const factor = limits.factor ?? 2;
  const now = limits.now ?? (() => performance.now());
  const min = Math.max(1, Math.round(limits.min));
  const max = Math.max(min, Math.round(limits.max));
  const clamp = (rate: number) => Math.min(max, Math.max(min, Math.round(rate)));
  const started = now();
  const tries: RateSearchResult['tries'] = [];
  let held = 0;
  let failed: number | null = null;
  let rate: number | null = clamp(limits.start);
  while (rate !== null) {
    if (tries.length >= GUARANTEED_TRIES && now() - started + limits.tryMs > limits.budgetMs) break;
    const ok = await tryRate(rate);
    tries.push({ rate, held: ok });
    // Every try lies strictly between the highest held and the lowest failed rate so far.
    if (ok) held = rate;
    else failed = rate;
    rate = nextRate(held, failed, { min, max, factor, tolerance: limits.tolerance, clamp });
  }
  return { held, failed, tries };
}

/** The next rate to try, or null when the interval is found (or can go no further). */
function nextRate(
  held: number,
  failed: number | null,
  limits: {
    min: number;
    max: number;
    factor: number;
    tolerance: number;
    clamp: (r: number) => number;
  },
): number | null {
  if (failed === null) return held >= limits.max ? null : limits.clamp(held * limits.factor);
  if (held === 0) return failed <= limits.min ? null : limits.clamp(failed / limits.factor);
  if (failed - held <= Math.max(1, limits.tolerance * held)) return null;
  return Math.round((held + failed) / 2);
}
