// The failures of a use case that are expected, as the AppError that every transport reports:
// errors raised on purpose, and the database refusing a value, busy or out of reach. Anything
// else is a bug, which the transport logs and answers as INTERNAL.
import { AppError } from '../domain/errors.js';
import { isDatabaseUnavailable, isInvalidValue, isPoolBusy } from '../storage/store.js';

/** The AppError to report for `error`, or null when it is unexpected. */
export function expectedFailure(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  // A safety net: input the schemas should have refused but the database did.
  if (isInvalidValue(error)) {
    return new AppError('VALIDATION_FAILED', 'The request contains a value that cannot be stored');
  }
  // Every pooled connection stayed busy: a burst, not an outage.
  if (isPoolBusy(error)) {
    return new AppError('BUSY', 'The server is busy; try again in a moment', undefined, 1);
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError('SERVICE_UNAVAILABLE', 'The database is unreachable; try again shortly');
  }
  return null;
}
