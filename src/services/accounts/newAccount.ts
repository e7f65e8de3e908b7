// Writes a new account: the row, the email's uniqueness as a typed error, and the agent status
// row every agent needs. Used by account creation and by first-time SSO sign-in.
import { AppError } from '../../domain/errors.js';
import { isAgent } from '../../domain/policies.js';
import type { Role } from '../../shared/vocabulary.js';
import { ensureAgentStatus } from '../../storage/repositories/agents.js';
import { insertUser } from '../../storage/repositories/users.js';
import type { UserRow } from '../../storage/schema.js';
import { isUniqueViolation } from '../../storage/store.js';
import type { ServiceContext } from '../context.js';

export interface NewAccount {
  email: string | null;
  name: string;
  role: Role;
  passwordHash: string | null;
  /** The host application's id, for accounts made by SSO. */
  externalId: string | null;
  /** Set when the account is created by signing in. */
  signedIn: boolean;
  /** A visitor's account (POST /visitors), always a customer's. */
  guest?: boolean;
}

export const emailTaken = () =>
  new AppError('EMAIL_TAKEN', 'An account with this email already exists', 'email');

export async function insertNewAccount(ctx: ServiceContext, account: NewAccount): Promise<UserRow> {
  const now = ctx.clock.now();
  const user: UserRow = {
    id: ctx.ids.next(),
    email: account.email,
    name: account.name,
    role: account.role,
    password_hash: account.passwordHash,
    external_id: account.externalId,
    is_active: 1,
    is_guest: account.guest === true ? 1 : 0,
    contact_email: null,
    created_at: now,
    updated_at: now,
    last_login_at: account.signedIn ? now : null,
  };
  try {
    await insertUser(ctx.store.db, user);
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
  if (isAgent(user)) await ensureAgentStatus(ctx.store.db, user.id, now);
  return user;
}
