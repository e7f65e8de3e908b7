// A visitor leaving a name and an address to be reached at later. The address is kept apart
// from the account's email (users.contact_email): nobody verified it, so it must never sign in.
import { forbidden } from '../../domain/errors.js';
import { isVisitor } from '../../domain/visitors.js';
import { findUserById, updateUser } from '../../storage/repositories/users.js';
import type { UserRow } from '../../storage/schema.js';
import type { ServiceContext } from '../context.js';

export interface VisitorContact {
  name?: string | undefined;
  /** An address, or null to forget the one left before. */
  email?: string | null | undefined;
}

/** Only what is given changes; FORBIDDEN for an account that is not a visitor's. */
export async function updateVisitorContact(
  ctx: ServiceContext,
  user: UserRow,
  contact: VisitorContact,
): Promise<UserRow> {
  if (!isVisitor({ role: user.role, isGuest: user.is_guest === 1 })) {
    throw forbidden('Only a visitor (an account made by POST /visitors) has visitor details');
  }
  const changes: Partial<UserRow> = { updated_at: ctx.clock.now() };
  if (contact.name !== undefined) changes.name = contact.name;
  if (contact.email !== undefined) changes.contact_email = contact.email;
  await updateUser(ctx.store.db, user.id, changes);
  return (await findUserById(ctx.store.db, user.id)) ?? { ...user, ...changes };
}
