// Sign-in sessions: a random secret handed to the client (cookie or bearer token), stored only
// as its SHA-256. Sessions slide forward with use, up to an absolute maximum; a visitor's token
// slides by its own, longer idle time and has none (a visitor has nothing to sign in again with).
import { createHash, randomBytes } from 'node:crypto';
import { topics } from '../../bus/bus.js';
import type { Viewer } from '../../domain/policies.js';
import * as repo from '../../storage/repositories/authSessions.js';
import type { AuthSessionKind, UserRow } from '../../storage/schema.js';
import type { ServiceContext } from '../context.js';

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Extending on every request would write on every request; once a minute is plenty. */
const TOUCH_EVERY_MS = 60_000;

/** How long a sign-in of `kind` lasts unused, and at most (from its creation). */
function lifetimeOf(ctx: ServiceContext, kind: AuthSessionKind) {
  return kind === 'visitor'
    ? { idleMs: ctx.settings.visitorTokenIdleMs, maxMs: Number.POSITIVE_INFINITY }
    : { idleMs: ctx.settings.authSessionIdleMs, maxMs: ctx.settings.authSessionMaxMs };
}

export interface IssuedSession {
  secret: string;
  /** When the sign-in ends unless it is used before then (it slides forward with use). */
  expiresAt: number;
  /** When the sign-in ends however much it is used (never, for a visitor's: Infinity). */
  endsAt: number;
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export async function issueAuthSession(
  ctx: ServiceContext,
  user: UserRow,
  kind: AuthSessionKind,
  client: ClientInfo,
): Promise<IssuedSession> {
  const secret = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  const { idleMs, maxMs } = lifetimeOf(ctx, kind);
  const expiresAt = now + idleMs;
  await repo.insertAuthSession(ctx.store.db, {
    id: hashSecret(secret),
    user_id: user.id,
    kind,
    created_at: now,
    expires_at: expiresAt,
    last_seen_at: now,
    ip: client.ip,
    user_agent: client.userAgent?.slice(0, 300) ?? null,
  });
  return { secret, expiresAt, endsAt: now + maxMs };
}

export interface Authenticated {
  viewer: Viewer;
  user: UserRow;
  /** The sign-in's id (the digest of its secret), which names it in the database. */
  signInId: string;
  expiresAt: number;
}

/** The signed-in user for `secret`, or null when it is unknown, expired or the account is disabled. */
export async function authenticate(
  ctx: ServiceContext,
  secret: string,
): Promise<Authenticated | null> {
  const { db } = ctx.store;
  const id = hashSecret(secret);
  const found = await repo.findAuthSessionWithUser(db, id);
  const now = ctx.clock.now();
  if (!found || found.session.expires_at <= now || found.user.is_active !== 1) return null;
  const { session, user } = found;
  let expiresAt = session.expires_at;
  if (now - session.last_seen_at >= TOUCH_EVERY_MS) {
    const { idleMs, maxMs } = lifetimeOf(ctx, session.kind);
    expiresAt = Math.min(now + idleMs, session.created_at + maxMs);
    await repo.extendAuthSession(db, id, now, expiresAt);
  }
  return { viewer: { id: user.id, role: user.role }, user, signInId: id, expiresAt };
}

/** The bus topic of the sockets opened with `secret`: named by its digest, never the secret. */
export const signInTopic = (secret: string) => topics.signIn(hashSecret(secret));

/** Ends the sign-in, then closes every socket opened with it, on every node. */
export async function revokeAuthSession(ctx: ServiceContext, secret: string): Promise<void> {
  await repo.deleteAuthSession(ctx.store.db, hashSecret(secret));
  ctx.bus.publish(signInTopic(secret), { type: 'bye', reason: 'signed_out', retryMs: 0 });
}
