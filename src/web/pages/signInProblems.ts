// What to tell a person whose sign-in failed: the SSO landing's ?error=CODE and the password
// form's error codes, in words that say what to do next.

const SSO_PROBLEMS: Record<string, string> = {
  INVALID_SSO_TOKEN:
    'The sign-in link from your portal was not accepted: it may have expired or already been used. Go back to the portal and open the chat from there again.',
  VALIDATION_FAILED:
    'The sign-in link from your portal is incomplete: it carries no valid sign-in token. Go back to the portal and open the chat from there again.',
  ACCOUNT_DISABLED: 'This account has been deactivated. Please contact your administrator.',
  NOT_FOUND:
    'Signing in from another site is not set up on this Switchboard. Sign in with your email and password instead.',
  RATE_LIMITED: 'Too many sign-in attempts. Please wait a few minutes and try again.',
  SERVICE_UNAVAILABLE: 'Switchboard is temporarily unavailable. Please try again in a moment.',
  BUSY: 'Switchboard is very busy right now. Please try again in a moment.',
  // The portal's details for this person conflict with Switchboard's accounts: retrying cannot
  // help, someone has to change an account first.
  EMAIL_TAKEN:
    'Your portal signs you in with an email address that another Switchboard account already uses. Please contact your administrator to sort out the two accounts.',
  LAST_SUPER_ADMIN:
    'Your portal signs you in with a lower role, but you are the last super admin of this Switchboard, which cannot be left without one. Make another account super admin first, or ask for your role in the portal to be restored.',
};

export function ssoProblem(code: string): string {
  return (
    SSO_PROBLEMS[code] ??
    `We could not sign you in from your portal (${code}). Please go back and try again, or sign in below.`
  );
}

const PASSWORD_PROBLEMS: Record<string, string> = {
  INVALID_CREDENTIALS: 'That email and password do not match an account.',
  ACCOUNT_DISABLED: 'This account has been deactivated. Please contact your administrator.',
  RATE_LIMITED: 'Too many sign-in attempts. Please wait a few minutes and try again.',
};

export const passwordProblem = (code: string, fallback: string): string =>
  PASSWORD_PROBLEMS[code] ?? fallback;
