// When a solved ticket closes by itself: a configurable number of calendar days after it was
// solved (4 by default, as Zendesk does). The sweep that closes them is a service's job.
import { AppError } from '../errors.js';
import type { TicketStatus } from './ticketWorkflow.js';

export const DEFAULT_AUTO_CLOSE_DAYS = 4;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The instant a ticket solved at `solvedAt` closes. */
export function autoCloseAt(solvedAt: Date, days = DEFAULT_AUTO_CLOSE_DAYS): Date {
  if (!Number.isInteger(days) || days < 1 || days > 365) {
    throw new AppError(
      'VALIDATION_FAILED',
      'autoCloseDays: must be a whole number of days from 1 to 365',
      'autoCloseDays',
    );
  }
  return new Date(solvedAt.getTime() + days * DAY_MS);
}

/** Whether the ticket should close now: solved, and solved long enough ago. */
export function isDueForAutoClose(
  ticket: { status: TicketStatus; solvedAt: Date | null },
  now: Date,
  days = DEFAULT_AUTO_CLOSE_DAYS,
): boolean {
  if (ticket.status !== 'solved' || !ticket.solvedAt) return false;
  return now.getTime() >= autoCloseAt(ticket.solvedAt, days).getTime();
}

/** The latest solve time that closes at `now`: tickets solved at or before it are due. */
export function autoCloseCutoff(now: Date, days = DEFAULT_AUTO_CLOSE_DAYS): Date {
  return new Date(now.getTime() - (autoCloseAt(now, days).getTime() - now.getTime()));
}
