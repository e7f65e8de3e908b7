// The account a mail's sender writes as: theirs when the address is known, otherwise a new
// customer account with that address and no password. It can sign in later by setting a password
// (the reset mail) or through SSO, which links a first-time host user to it by email when the
// deployment allows (SSO_LINK_BY_EMAIL).
import { AppError } from '../../../domain/errors.js';
import { LIMITS } from '../../../shared/vocabulary.js';
import { findUserByEmail } from '../../../storage/repositories/users.js';
import type { UserRow } from '../../../storage/schema.js';
import type { ServiceContext } from '../../context.js';
import { insertNewAccount } from '../../accounts/newAccount.js';

/** Null when the address cannot be an account's (too long for one). */
export async function senderAccount(
  ctx: ServiceContext,
  address: string,
  displayName: string,
): Promise<UserRow | null> {
  if (address.length > LIMITS.email) return null;
  const known = await findUserByEmail(ctx.store.db, address);
  if (known) return known;
  const name = (displayName.trim() || address.split('@')[0]!).slice(0, LIMITS.name);
  try {
    return await insertNewAccount(ctx, {
      email: address,
      name,
      role: 'user',
      passwordHash: null,
      externalId: null,
      signedIn: false,
    });
  } catch (error) {
    // Made meanwhile by another import or a sign-up: that one is the sender's.
    if (error instanceof AppError && error.code === 'EMAIL_TAKEN') {
      return (await findUserByEmail(ctx.store.db, address)) ?? null;
    }
    throw error;
  }
}
