// A visitor the host site now knows: it signs a token with the SSO secret (as for SSO sign-in)
// naming its user, and the visitor's chats become that customer's. When no account is linked to
// the host's user yet, the guest account becomes it (same id, so nothing moves); when one is,
// the guest's chats, messages, files and tickets move to it and the guest account is disabled.
// Either way the visitor's token ends and a new one, for the identified account, replaces it: a
// token never changes whom it names. A token that is wrongly signed, expired or spent is
// refused (401 INVALID_SSO_TOKEN), never accepted as an unverified name; so is a wrong hmac
// (visitorIdentity.ts). An unsigned identity only names the guest, and keeps its token.
import { AppError, forbidden } from '../../domain/errors.js';
import { isVisitor } from '../../domain/visitors.js';
import { findUserById, updateUser } from '../../storage/repositories/users.js';
import { deleteAuthSessionsOf } from '../../storage/repositories/authSessions.js';
import type { UserRow } from '../../storage/schema.js';
import { isUniqueViolation, type Db } from '../../storage/store.js';
import {
  issueAuthSession,
  revokeAuthSession,
  type ClientInfo,
  type IssuedSession,
} from '../accounts/authSessions.js';
import { emailTaken } from '../accounts/newAccount.js';
import { accountFor, type SsoClaims } from '../accounts/ssoSignIn.js';
import { commit, type ServiceContext } from '../context.js';
import { updateVisitorContact } from './visitorContact.js';
import { checkIdentity, type VisitorIdentity } from './visitorIdentity.js';

export interface Identification {
  /** The visitor's account, as signed in. */
  visitor: UserRow;
  /** The visitor's token, which ends. */
  secret: string;
  /** The host's word: its token (an HS256 JWT signed with SSO_SECRET), or the user id and hmac. */
  identity: VisitorIdentity;
  client: ClientInfo;
}

const onlyCustomers = () =>
  forbidden('A visitor can be identified only as a customer (role "user"), never as an agent');

/** Moves what the guest owns to `owner`: their chats and everything they wrote or sent in them. */
async function moveOwnership(trx: Db, guestId: string, ownerId: string): Promise<void> {
  await trx
    .updateTable('chat_sessions')
    .set({ user_id: ownerId })
    .where('user_id', '=', guestId)
    .execute();
  await trx
    .updateTable('chat_messages')
    .set({ sender_id: ownerId })
    .where('sender_id', '=', guestId)
    .execute();
  await trx
    .updateTable('chat_participants')
    .set({ user_id: ownerId })
    .where('user_id', '=', guestId)
    .execute();
  await trx
    .updateTable('files')
    .set({ uploader_id: ownerId })
    .where('uploader_id', '=', guestId)
    .execute();
  await trx
    .updateTable('tickets')
    .set({ requester_id: ownerId })
    .where('requester_id', '=', guestId)
    .execute();
  await trx
    .updateTable('ticket_messages')
    .set({ author_id: ownerId })
    .where('author_id', '=', guestId)
    .execute();
}

/** The guest account as the host's user: linked to `sub`, named and addressed by the claims. */
async function become(ctx: ServiceContext, guest: UserRow, claims: SsoClaims): Promise<UserRow> {
  const now = ctx.clock.now();
  const changes = {
    external_id: claims.sub,
    name: claims.name,
    email: claims.email ?? null,
    is_guest: 0 as const,
    updated_at: now,
    last_login_at: now,
  };
  try {
    await updateUser(ctx.store.db, guest.id, changes);
  } catch (error) {
    // Another account took the email since accountFor looked.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
  return { ...guest, ...changes };
}

async function mergeInto(ctx: ServiceContext, guest: UserRow, owner: UserRow): Promise<UserRow> {
  if (owner.role !== 'user' || owner.is_guest === 1) throw onlyCustomers();
  if (owner.is_active !== 1)
    throw new AppError('ACCOUNT_DISABLED', 'This account has been disabled');
  const now = ctx.clock.now();
  // One transaction: nothing is ever half moved.
  await commit(ctx, async (trx) => {
    await moveOwnership(trx, guest.id, owner.id);
    await updateUser(trx, guest.id, { is_active: 0, updated_at: now });
    await updateUser(trx, owner.id, { last_login_at: now });
  });
  return (await findUserById(ctx.store.db, owner.id)) ?? owner;
}

export async function identifyVisitor(
  ctx: ServiceContext,
  { visitor, secret, identity, client }: Identification,
): Promise<{ user: UserRow; session: IssuedSession | null }> {
  if (!isVisitor({ role: visitor.role, isGuest: visitor.is_guest === 1 })) {
    throw forbidden('Only a visitor (an account made by POST /visitors) can be identified');
  }
  const checked = await checkIdentity(ctx, identity, visitor.name);
  if (!checked.verified) {
    const contact = { name: checked.name, email: checked.contactEmail };
    return { user: await updateVisitorContact(ctx, visitor, contact), session: null };
  }
  const { claims } = checked;
  if (claims.role !== 'user') throw onlyCustomers();
  const owner = await accountFor(ctx, claims);
  let user = owner ? await mergeInto(ctx, visitor, owner) : await become(ctx, visitor, claims);
  if (checked.contactEmail !== undefined) {
    await updateUser(ctx.store.db, user.id, { contact_email: checked.contactEmail });
    user = { ...user, contact_email: checked.contactEmail };
  }
  await revokeAuthSession(ctx, secret);
  if (owner) await deleteAuthSessionsOf(ctx.store.db, visitor.id);
  const session = await issueAuthSession(ctx, user, 'visitor', client);
  return { user, session };
}
