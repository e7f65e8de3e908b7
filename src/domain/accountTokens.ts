// The rules of the single-use links Switchboard mails about an account: how long each lasts,
// how often one may be asked for, and whether a presented one still works.
import type { AccountTokenPurpose } from '../shared/vocabulary.js';

/** A password reset link works for an hour; a link to confirm a new address for a day. */
export const TOKEN_LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  password_reset: 3_600_000,
  email_verification: 24 * 3_600_000,
};

/**
 * Asking for reset mail: a person who lost a link asks again, a script asking for many is
 * slowed; counted per address asked about and per client address, whether the account exists
 * or not (so the limit says nothing about which addresses have one).
 */
export const PASSWORD_RESET_LIMITS = { perEmail: 5, perClient: 30, windowMs: 3_600_000 };
/** Asking to change one's address: each asks mail to a new address, so few an hour. */
export const EMAIL_CHANGE_LIMITS = { perAccount: 5, windowMs: 3_600_000 };

export type TokenState = 'valid' | 'used' | 'expired';

export function tokenState(
  token: { expires_at: number; used_at: number | null },
  now: number,
): TokenState {
  if (token.used_at !== null) return 'used';
  return token.expires_at > now ? 'valid' : 'expired';
}
