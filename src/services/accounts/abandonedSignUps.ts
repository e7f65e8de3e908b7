// Forgets sign-ups whose verification link was never followed. With CUSTOMER_SIGN_UP=verification
// a sign-up makes an account without an address, which only the mailed link completes; one never
// completed would otherwise stay for ever, a name and a password hash nobody can use (its
// address is free: signing up again makes another). A week after it was made, long past the
// link's day, the housekeeping removes it, unless something of theirs is on the desk.
import {
  abandonedSignUpIds,
  deleteAbandonedSignUps,
} from '../../storage/repositories/abandonedSignUps.js';
import type { ServiceContext } from '../context.js';

/** How long an unverified sign-up is kept. */
export const ABANDONED_SIGN_UP_KEPT_MS = 7 * 86_400_000;
/** Accounts removed per housekeeping pass, so one pass stays short; the next one goes on. */
const PER_PASS = 500;

/** Removes up to PER_PASS such accounts; returns how many went. */
export async function forgetAbandonedSignUps(ctx: ServiceContext): Promise<number> {
  const now = ctx.clock.now();
  const madeBefore = now - ABANDONED_SIGN_UP_KEPT_MS;
  const { db } = ctx.store;
  const ids = await abandonedSignUpIds(db, madeBefore, now, PER_PASS);
  if (ids.length === 0) return 0;
  try {
    return await deleteAbandonedSignUps(db, ids, madeBefore, now);
  } catch {
    // A row elsewhere still naming one of them (a reference this rule does not know of): one at
    // a time, so the others still go and that one stays.
    let removed = 0;
    for (const id of ids) {
      removed += await deleteAbandonedSignUps(db, [id], madeBefore, now).catch(() => 0);
    }
    return removed;
  }
}
