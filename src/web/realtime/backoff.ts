// How long to wait before the next reconnect attempt: doubling from half a second up to a cap,
// with jitter, so a restarted server is not hit by every waiting browser in the same instant.

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 10_000 };

/** Delay before attempt `attempt` (0 for the first retry): between half and all of the ceiling. */
export function reconnectDelay(
  attempt: number,
  random: () => number = Math.random,
  { baseMs, maxMs }: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
