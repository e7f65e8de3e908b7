// A customer making their own account (CUSTOMER_SIGN_UP): refused when off; with `verification`
// the account is made without an address and the address is mailed a link, which gives it the
// address (verifyEmail) and so lets it sign in; with `open` it signs in at once. Limited per
// client address. An address some account has (any role, SSO-linked or not) is refused, never
// touched, so nobody takes over an account or an address the host application manages.
import { AppError, rateLimited } from '../../domain/errors.js';
import type { CustomerSignUpMode } from '../../shared/vocabulary.js';
import { hit } from '../../storage/repositories/rateLimits.js';
import { findUserByEmail } from '../../storage/repositories/users.js';
import type { UserRow } from '../../storage/schema.js';
import type { ServiceContext } from '../context.js';
import { signUpVerificationMail } from '../mail/templates/accountMails.js';
import { mailEmailVerification } from './emailChange.js';
import { emailTaken, insertNewAccount } from './newAccount.js';
import { hashPassword } from './passwords.js';

const HOUR_MS = 3_600_000;

export interface SignUpProps {
  name: string;
  email: string;
  password: string;
  /** The client's network address: sign-ups are counted per address. */
  ip: string | null;
}

/** `active`: it may sign in now; `awaiting_verification`: once the mailed link is followed. */
export type SignUpOutcome = { user: UserRow; account: 'active' | 'awaiting_verification' };

export const signUpDisabled = () =>
  new AppError('SIGN_UP_DISABLED', 'Accounts are made by the desk here: ask your administrator.');

const mailNeeded = () =>
  new AppError(
    'MAIL_DISABLED',
    'This desk sends no mail, so the address of a new account cannot be confirmed: ask your administrator.',
  );

export async function signUpCustomer(
  ctx: ServiceContext,
  props: SignUpProps,
): Promise<SignUpOutcome> {
  const mode: CustomerSignUpMode = ctx.settings.customerSignUp;
  if (mode === 'off') throw signUpDisabled();
  const mail = ctx.settings.mail;
  if (mode === 'verification' && !mail) throw mailNeeded();
  const { db } = ctx.store;
  const now = ctx.clock.now();
  const limit = ctx.settings.abuseLimits.signUpsPerAddressPerHour;
  // Counted before the address is looked up, so the limit also slows a script asking which
  // addresses have accounts (409 says so, as the task of signing up needs).
  const counted = await hit(db, `sign-ups:${props.ip ?? 'unknown'}`, now, HOUR_MS);
  if (counted.count > limit) {
    throw rateLimited(
      `At most ${limit} accounts may be made from one address per hour; try again later`,
      counted.resetAt - now,
    );
  }
  if (await findUserByEmail(db, props.email)) throw emailTaken();
  const passwordHash = await hashPassword(props.password);
  if (mode === 'open') {
    // The unique address decides a race between two sign-ups: the second gets EMAIL_TAKEN.
    const user = await insertNewAccount(ctx, {
      email: props.email,
      name: props.name,
      role: 'user',
      passwordHash,
      externalId: null,
      signedIn: false,
    });
    return { user, account: 'active' };
  }
  // Without an address it cannot sign in, nor be found by one: the link mailed to the address
  // gives it the address, and verifyEmail checks again then that no account took it meanwhile.
  const user = await insertNewAccount(ctx, {
    email: null,
    name: props.name,
    role: 'user',
    passwordHash,
    externalId: null,
    signedIn: false,
  });
  await mailEmailVerification(ctx, {
    user,
    email: props.email,
    template: signUpVerificationMail,
  });
  return { user, account: 'awaiting_verification' };
}
