// When the outbox tries a mail again after a failed attempt, and when it gives up. Pure
// arithmetic on attempt counts and times, so the back-off is tested without a mail server.

/** The first retry waits this long; each later one twice as long as the one before. */
export const FIRST_RETRY_MS = 60_000;
/** No wait between two attempts is longer than this, however many failed. */
export const MAX_RETRY_MS = 6 * 3_600_000;
/** Ten attempts: the last one about eight and a half hours after the first (MAIL_MAX_ATTEMPTS). */
export const DEFAULT_MAX_ATTEMPTS = 10;

/** The wait after the `attempts`-th failed attempt (1 = the first try failed). */
export function retryDelayMs(attempts: number): number {
  const doublings = Math.max(0, attempts - 1);
  // 2^30 minutes is far past the cap: stop doubling before the number grows silly.
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(doublings, 30));
}

export interface FailedAttempt {
  /** Attempts made so far, the failed one included. */
  attempts: number;
  maxAttempts: number;
  /** The server refused the mail for good (an SMTP 5xx): trying again would get the same answer. */
  permanent: boolean;
  now: number;
}

export type AfterFailure = { status: 'queued'; nextAttemptAt: number } | { status: 'dead' };

/** What becomes of a mail whose attempt failed: tried again later, or dead (the last try). */
export function afterFailure({
  attempts,
  maxAttempts,
  permanent,
  now,
}: FailedAttempt): AfterFailure {
  if (permanent || attempts >= maxAttempts) return { status: 'dead' };
  return { status: 'queued', nextAttemptAt: now + retryDelayMs(attempts) };
}
