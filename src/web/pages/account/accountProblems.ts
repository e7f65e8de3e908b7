// What to tell a person whose password reset or address verification failed, in words that say
// what to do next.
import { ApiError } from '../../api/http.js';
import { errorMessage } from '../../api/errorMessage.js';

const PROBLEMS: Record<string, string> = {
  INVALID_TOKEN:
    'This link does not work any more: it was used already, it expired, or it was cut short when it was copied. Ask for a new one.',
  MAIL_DISABLED:
    'This desk does not send mail, so a password cannot be reset by mail here. Please ask your administrator.',
  RATE_LIMITED: 'Too many requests for this address. Please wait a while and try again.',
  SIGN_UP_DISABLED: 'Accounts are made by the desk here. Please ask your administrator.',
  EMAIL_TAKEN: 'Another account already uses this address. Please contact your administrator.',
};

export function accountProblem(error: unknown): string {
  return error instanceof ApiError ? (PROBLEMS[error.code] ?? error.message) : errorMessage(error);
}
