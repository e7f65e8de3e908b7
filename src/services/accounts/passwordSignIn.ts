// Signing in with email and password, throttled per account and per address so that guessing
// is slow everywhere in the deployment (the counters live in the database, shared by nodes).
import { AppError } from '../../domain/errors.js';
import * as limits from '../../storage/repositories/rateLimits.js';
import { findUserByEmail, updateUser } from '../../storage/repositories/users.js';
import type { UserRow } from '../../storage/schema.js';
import type { ServiceContext } from '../context.js';
import { issueAuthSession, type ClientInfo, type IssuedSession } from './authSessions.js';
import { decoyHash, verifyPassword } from './passwords.js';

export interface PasswordSignInProps {
  email: string;
  password: string;
  kind: 'cookie' | 'token';
  client: ClientInfo;
}

function tooMany(resetAt: number, now: number): AppError {
  const seconds = Math.max(1, Math.ceil((resetAt - now) / 1000));
  return new AppError(
    'RATE_LIMITED',
    `Too many sign-in attempts; try again in ${seconds} s`,
    undefined,
    seconds,
  );
}

export async function signInWithPassword(
  ctx: ServiceContext,
  props: PasswordSignInProps,
): Promise<{ user: UserRow; session: IssuedSession }> {
  const { db } = ctx.store;
  const { perAccount, perAddress, windowMs } = ctx.settings.signInLimits;
  const now = ctx.clock.now();
  const accountKey = `signin:account:${props.email}`;
  if (props.client.ip) {
    const address = await limits.hit(db, `signin:address:${props.client.ip}`, now, windowMs);
    if (address.count > perAddress) throw tooMany(address.resetAt, now);
  }
  // The attempt is counted before the (slow) password check, in one atomic upsert, so parallel
  // guesses cannot all pass the limit while each waits for its hash; a success clears it.
  const attempts = await limits.hit(db, accountKey, now, windowMs);
  if (attempts.count > perAccount) throw tooMany(attempts.resetAt, now);

  const user = await findUserByEmail(db, props.email);
  const valid = await verifyPassword(props.password, user?.password_hash ?? (await decoyHash));
  if (!user || !user.password_hash || !valid) {
    throw new AppError('INVALID_CREDENTIALS', 'Email or password is incorrect');
  }
  if (user.is_active !== 1)
    throw new AppError('ACCOUNT_DISABLED', 'This account has been disabled');
  await limits.clear(db, accountKey);
  await updateUser(db, user.id, { last_login_at: now });
  return { user, session: await issueAuthSession(ctx, user, props.kind, props.client) };
}
