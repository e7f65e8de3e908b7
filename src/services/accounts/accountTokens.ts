// Single-use links about an account: a random secret mailed to the person, of which only the
// SHA-256 is stored, so a copy of the database opens nobody's account.
import { createHash, randomBytes } from 'node:crypto';
import { TOKEN_LIFETIME_MS, tokenState } from '../../domain/accountTokens.js';
import { AppError } from '../../domain/errors.js';
import type { AccountTokenPurpose } from '../../shared/vocabulary.js';
import { findAccountToken, insertAccountToken } from '../../storage/repositories/accountTokens.js';
import type { AccountTokenRow } from '../../storage/schema.js';
import type { Db } from '../../storage/store.js';
import type { ServiceContext } from '../context.js';

export const hashAccountToken = (secret: string) =>
  createHash('sha256').update(secret).digest('hex');

/** Makes a link's token for `userId` in `trx`; returns the secret, which the mail carries. */
export async function issueAccountToken(
  trx: Db,
  ctx: ServiceContext,
  props: { userId: string; purpose: AccountTokenPurpose; email?: string },
): Promise<string> {
  const secret = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  await insertAccountToken(trx, {
    id: hashAccountToken(secret),
    user_id: props.userId,
    purpose: props.purpose,
    email: props.email ?? null,
    created_at: now,
    expires_at: now + TOKEN_LIFETIME_MS[props.purpose],
    used_at: null,
  });
  return secret;
}

/** One refusal for every bad link, so the answer does not tell a used link from a made-up one. */
export const invalidToken = () =>
  new AppError(
    'INVALID_TOKEN',
    'This link does not work: it was used already, it expired, or it is incomplete. Ask for a new one.',
    'token',
  );

/** The token's row if the link still works; INVALID_TOKEN otherwise. */
export async function usableAccountToken(
  db: Db,
  ctx: ServiceContext,
  secret: string,
  purpose: AccountTokenPurpose,
): Promise<AccountTokenRow> {
  const row = await findAccountToken(db, hashAccountToken(secret), purpose);
  if (!row || tokenState(row, ctx.clock.now()) !== 'valid') throw invalidToken();
  return row;
}

/** How many minutes a link lasts, as a mail says it. */
export const lifetimeMinutes = (purpose: AccountTokenPurpose) =>
  Math.round(TOKEN_LIFETIME_MS[purpose] / 60_000);
