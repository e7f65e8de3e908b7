// Changing one's own address: the new address takes effect only once the link mailed to it is
// used, so nobody can point an account at an address they do not read (and later reset its
// password there). Until then the old address stays for signing in and for mail; once it
// changes, the old address is told. Accounts whose address comes from the host application
// (SSO, no password) change it there.
import { EMAIL_CHANGE_LIMITS } from '../../domain/accountTokens.js';
import { AppError, forbidden, notFound, rateLimited } from '../../domain/errors.js';
import type { Viewer } from '../../domain/policies.js';
import { spendAccountToken, spendOtherTokens } from '../../storage/repositories/accountTokens.js';
import * as limits from '../../storage/repositories/rateLimits.js';
import { findUserByEmail, findUserById } from '../../storage/repositories/users.js';
import type { UserRow } from '../../storage/schema.js';
import { commit, type ServiceContext } from '../context.js';
import { queueMail } from '../mail/outbox/mailQueue.js';
import { emailChangedMail, emailVerificationMail } from '../mail/templates/accountMails.js';
import { changeAccount } from './accounts.js';
import {
  invalidToken,
  issueAccountToken,
  lifetimeMinutes,
  usableAccountToken,
} from './accountTokens.js';
import { emailTaken } from './newAccount.js';
import { mailDisabled } from './passwordReset.js';
import { verifyPassword } from './passwords.js';

/** Mails a link to `email` that makes it the caller's address; the password confirms it is them. */
export async function requestEmailChange(
  ctx: ServiceContext,
  viewer: Viewer,
  props: { email: string; password: string },
): Promise<void> {
  const mail = ctx.settings.mail;
  if (!mail) throw mailDisabled();
  const { db } = ctx.store;
  const now = ctx.clock.now();
  const { perAccount, windowMs } = EMAIL_CHANGE_LIMITS;
  const count = await limits.hit(db, `email-change:${viewer.id}`, now, windowMs);
  if (count.count > perAccount)
    throw rateLimited('Too many address changes; try again later', count.resetAt - now);
  const user = await findUserById(db, viewer.id);
  if (!user) throw notFound('Account');
  if (!user.password_hash)
    throw forbidden('Your address comes from the application you sign in with: change it there');
  if (!(await verifyPassword(props.password, user.password_hash)))
    throw new AppError('INVALID_CREDENTIALS', 'The password is incorrect', 'password');
  if (props.email === user.email) return;
  if (await findUserByEmail(db, props.email)) throw emailTaken();
  await mailEmailVerification(ctx, { user, email: props.email, template: emailVerificationMail });
}

/**
 * Mails `email` a link that gives it to `user` (verifyEmail): a new address of an account, or the
 * first of one made by sign-up (its own wording, `template`). The token and its mail commit
 * together.
 */
export async function mailEmailVerification(
  ctx: ServiceContext,
  props: {
    user: Pick<UserRow, 'id' | 'name'>;
    email: string;
    template: typeof emailVerificationMail;
  },
): Promise<void> {
  const mail = ctx.settings.mail;
  if (!mail) throw mailDisabled();
  const { user, email } = props;
  await commit(ctx, async (trx, outbox) => {
    const token = await issueAccountToken(trx, ctx, {
      userId: user.id,
      purpose: 'email_verification',
      email,
    });
    await queueMail(trx, ctx, outbox, {
      kind: 'email_verification',
      userId: user.id,
      to: email,
      ...props.template(ctx.settings, {
        name: user.name,
        url: `${mail.publicOrigin}/verify-email?token=${encodeURIComponent(token)}`,
        validMinutes: lifetimeMinutes('email_verification'),
      }),
    });
  });
}

/** Uses a verification link: its address becomes the account's, and the old one is told. */
export async function verifyEmail(ctx: ServiceContext, secret: string): Promise<UserRow> {
  return commit(ctx, async (trx, outbox) => {
    const token = await usableAccountToken(trx, ctx, secret, 'email_verification');
    const now = ctx.clock.now();
    if (token.email === null || !(await spendAccountToken(trx, token.id, now)))
      throw invalidToken();
    const before = await findUserById(trx, token.user_id);
    if (!before || before.is_active !== 1) throw invalidToken();
    const owner = await findUserByEmail(trx, token.email);
    if (owner && owner.id !== before.id) throw emailTaken();
    await spendOtherTokens(trx, before.id, 'email_verification', now);
    const after: UserRow = { ...before, email: token.email, updated_at: now };
    await changeAccount(trx, ctx, outbox, before, after, { passwordChanged: false });
    if (before.email && before.email !== token.email) {
      await queueMail(trx, ctx, outbox, {
        kind: 'email_changed',
        userId: before.id,
        to: before.email,
        ...emailChangedMail(ctx.settings, { name: before.name, newEmail: token.email }),
      });
    }
    return after;
  });
}
