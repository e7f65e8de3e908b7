// Accounts made by a sign-up awaiting verification (CUSTOMER_SIGN_UP=verification) whose mailed
// link was never followed: no address (verifyEmail gives it one), never signed in, not a visitor's,
// not made by SSO, and nothing of theirs on the desk (no chat, no ticket, no link still usable).
import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../schema.js';
import type { Db } from '../store.js';

/** The condition, on `users`, that the account is such a sign-up, made before `madeBefore`. */
function isAbandonedSignUp(
  eb: ExpressionBuilder<Database, 'users'>,
  madeBefore: number,
  now: number,
) {
  return eb.and([
    eb('users.role', '=', 'user'),
    eb('users.email', 'is', null),
    eb('users.contact_email', 'is', null),
    eb('users.is_guest', '=', 0),
    eb('users.external_id', 'is', null),
    eb('users.password_hash', 'is not', null),
    eb('users.last_login_at', 'is', null),
    eb('users.created_at', '<', madeBefore),
    eb.not(
      eb.exists(
        eb
          .selectFrom('chat_sessions')
          .select(sql.lit(1).as('one'))
          .whereRef('chat_sessions.user_id', '=', 'users.id'),
      ),
    ),
    eb.not(
      eb.exists(
        eb
          .selectFrom('tickets')
          .select(sql.lit(1).as('one'))
          .whereRef('tickets.requester_id', '=', 'users.id'),
      ),
    ),
    eb.not(
      eb.exists(
        eb
          .selectFrom('account_tokens')
          .select(sql.lit(1).as('one'))
          .whereRef('account_tokens.user_id', '=', 'users.id')
          .where('account_tokens.used_at', 'is', null)
          .where('account_tokens.expires_at', '>', now),
      ),
    ),
  ]);
}

/** Up to `limit` such accounts' ids, oldest first. */
export async function abandonedSignUpIds(
  db: Db,
  madeBefore: number,
  now: number,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => isAbandonedSignUp(eb, madeBefore, now))
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Deletes those of `ids` that are still such sign-ups (a link followed meanwhile gave the account
 * its address, and it stays); their tokens and cookies go with them (on delete cascade).
 */
export async function deleteAbandonedSignUps(
  db: Db,
  ids: readonly string[],
  madeBefore: number,
  now: number,
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .deleteFrom('users')
    .where('id', 'in', [...ids])
    .where((eb) => isAbandonedSignUp(eb, madeBefore, now))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
