// "Forgot password": a single-use link by mail, valid an hour. Asking answers the same whether
// or not the address has an account: the limits count every address alike, and the work that
// differs (the token and the mail) is done after the answer has gone (sendPasswordReset).
// Using the link sets the new password and ends every sign-in of the account.
import { PASSWORD_RESET_LIMITS } from '../../domain/accountTokens.js';
import { AppError, rateLimited } from '../../domain/errors.js';
import * as limits from '../../storage/repositories/rateLimits.js';
import { spendAccountToken, spendOtherTokens } from '../../storage/repositories/accountTokens.js';
import { findUserByEmail, findUserById } from '../../storage/repositories/users.js';
import { commit, type ServiceContext } from '../context.js';
import { queueMail } from '../mail/outbox/mailQueue.js';
import { passwordResetMail } from '../mail/templates/accountMails.js';
import { changeAccount } from './accounts.js';
import {
  invalidToken,
  issueAccountToken,
  lifetimeMinutes,
  usableAccountToken,
} from './accountTokens.js';
import { hashPassword } from './passwords.js';

export const mailDisabled = () =>
  new AppError(
    'MAIL_DISABLED',
    'This desk sends no mail, so a password cannot be reset by mail here: ask your administrator.',
  );

/**
 * Counts a reset request for `email` from `ip` and refuses it (429) over the limits, or when
 * the desk sends no mail (503): the same for every address, known or not.
 */
export async function admitPasswordReset(
  ctx: ServiceContext,
  props: { email: string; ip: string | null },
): Promise<void> {
  if (!ctx.settings.mail) throw mailDisabled();
  const { db } = ctx.store;
  const { perEmail, perClient, windowMs } = PASSWORD_RESET_LIMITS;
  const now = ctx.clock.now();
  const message = 'Too many password reset requests; try again later';
  if (props.ip) {
    const client = await limits.hit(db, `reset:client:${props.ip}`, now, windowMs);
    if (client.count > perClient) throw rateLimited(message, client.resetAt - now);
  }
  const address = await limits.hit(db, `reset:email:${props.email}`, now, windowMs);
  if (address.count > perEmail) throw rateLimited(message, address.resetAt - now);
}

/**
 * Mails a reset link to the account with `email`, if there is an active one; otherwise does
 * nothing, and says so to nobody. Called once the request has been answered.
 */
export async function sendPasswordReset(ctx: ServiceContext, email: string): Promise<void> {
  const mail = ctx.settings.mail;
  if (!mail) return;
  await commit(ctx, async (trx, outbox) => {
    const user = await findUserByEmail(trx, email);
    if (!user || user.is_active !== 1 || user.email === null) return;
    const token = await issueAccountToken(trx, ctx, { userId: user.id, purpose: 'password_reset' });
    const template = passwordResetMail(ctx.settings, {
      name: user.name,
      url: `${mail.publicOrigin}/reset-password?token=${encodeURIComponent(token)}`,
      validMinutes: lifetimeMinutes('password_reset'),
    });
    await queueMail(trx, ctx, outbox, {
      kind: 'password_reset',
      userId: user.id,
      to: user.email,
      ...template,
    });
  });
}

/**
 * Sets the password of the link's account: once, within the hour, for an active account. Every
 * sign-in of the account ends (a thief's too), and its other reset links stop working.
 */
export async function confirmPasswordReset(
  ctx: ServiceContext,
  props: { token: string; password: string },
): Promise<void> {
  // Checked before the (slow) hash, so a made-up link costs the server nothing; checked again,
  // and spent, in the transaction, so two uses of one link set one password.
  await usableAccountToken(ctx.store.db, ctx, props.token, 'password_reset');
  const passwordHash = await hashPassword(props.password);
  await commit(ctx, async (trx, outbox) => {
    const token = await usableAccountToken(trx, ctx, props.token, 'password_reset');
    const now = ctx.clock.now();
    if (!(await spendAccountToken(trx, token.id, now))) throw invalidToken();
    const before = await findUserById(trx, token.user_id);
    if (!before || before.is_active !== 1) throw invalidToken();
    await spendOtherTokens(trx, before.id, 'password_reset', now);
    await changeAccount(
      trx,
      ctx,
      outbox,
      before,
      { ...before, password_hash: passwordHash, updated_at: now },
      { passwordChanged: true },
    );
    // Whoever was locked out by failed guesses may sign in with the new password at once.
    if (before.email) await limits.clear(trx, `signin:account:${before.email}`);
  });
}
