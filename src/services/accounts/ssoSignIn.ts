// Signing in from a host application: the host signs a short-lived HS256 JWT with the shared
// SSO secret naming its user; Switchboard checks it and signs that person in, creating or
// updating the account linked to the host's user id (`sub`). Each token works once.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { clientToken, text } from '../../shared/api.js';
import { TopicSlug } from '../../shared/teamsApi.js';
import { LIMITS, ROLES } from '../../shared/vocabulary.js';
import { isUniqueViolation } from '../../storage/store.js';
import {
  findUserByEmail,
  findUserByExternalId,
  findUserById,
} from '../../storage/repositories/users.js';
import type { UserRow } from '../../storage/schema.js';
import { commit, type ServiceContext } from '../context.js';
import { changeAccount } from './accounts.js';
import { issueAuthSession, type ClientInfo, type IssuedSession } from './authSessions.js';
import { emailTaken, insertNewAccount } from './newAccount.js';

/** Tokens are meant to be used within seconds of being made; longer lifetimes are refused. */
const MAX_TOKEN_LIFETIME_S = 600;

const Claims = z.object({
  sub: clientToken(200),
  name: text(LIMITS.name),
  email: z.string().trim().toLowerCase().max(LIMITS.email).pipe(z.email()).optional(),
  role: z.enum(ROLES).default('user'),
  jti: clientToken(200).optional(),
  /** The topic to preselect on the start form (a topic's slug), carried on by the SSO landing. */
  topic: TopicSlug.optional(),
  exp: z.number(),
  iat: z.number().optional(),
});

const invalidToken = (why: string) =>
  new AppError('INVALID_SSO_TOKEN', `SSO token rejected: ${why}`);
const accountDisabled = () => new AppError('ACCOUNT_DISABLED', 'This account has been disabled');

async function verify(ctx: ServiceContext, token: string): Promise<z.infer<typeof Claims>> {
  const sso = ctx.settings.sso;
  if (!sso) throw new AppError('NOT_FOUND', 'SSO sign-in is not configured (set SSO_SECRET)');
  // jose is loaded with the first SSO sign-in: most desks never have one, and start-up would pay.
  const { errors: joseErrors, jwtVerify } = await import('jose');
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(sso.secret), {
      algorithms: ['HS256'],
      audience: sso.audience,
      ...(sso.issuer ? { issuer: sso.issuer } : {}),
      requiredClaims: ['exp', 'sub'],
      currentDate: new Date(ctx.clock.now()),
    }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw invalidToken('expired');
    if (error instanceof joseErrors.JWTClaimValidationFailed) throw invalidToken(error.message);
    throw invalidToken('bad signature or format');
  }
  const claims = Claims.safeParse(payload);
  if (!claims.success)
    throw invalidToken(`claims: ${claims.error.issues[0]?.path.join('.') ?? '?'}`);
  if (claims.data.exp - ctx.clock.now() / 1000 > MAX_TOKEN_LIFETIME_S) {
    throw invalidToken(`lifetime over ${MAX_TOKEN_LIFETIME_S} s`);
  }
  return claims.data;
}

/**
 * What makes two tokens the same token: the `jti` when the host sets one, else the signature.
 * Its bytes, not its text: base64url leaves spare bits in the last character, and the decoder
 * accepts padding, so one signature has several spellings that all verify.
 */
function useKeyOf(token: string, claims: z.infer<typeof Claims>): string {
  if (claims.jti !== undefined) return claims.jti;
  const signature = Buffer.from(token.slice(token.lastIndexOf('.') + 1), 'base64url');
  return `sig:${createHash('sha256').update(signature).digest('base64url')}`;
}

async function rememberUse(ctx: ServiceContext, key: string, exp: number) {
  const { db } = ctx.store;
  await db.deleteFrom('sso_token_uses').where('expires_at', '<', ctx.clock.now()).execute();
  try {
    await db
      .insertInto('sso_token_uses')
      .values({ jti: key, expires_at: exp * 1000 })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw invalidToken('already used');
    throw error;
  }
}

const notLinked = () =>
  new AppError(
    'EMAIL_TAKEN',
    'An account with this email already exists and is not linked to this user of the host application',
    'email',
  );

/**
 * Whether a token naming the host's user `sub` may sign in as `user`: the account linked to that
 * `sub`, or, when the host vouches for its emails (SSO_LINK_BY_EMAIL), a customer account that
 * no host user is linked to yet. Never an agent's or super admin's account made here: a host that
 * names their email must not become them.
 */
const mayActAs = (ctx: ServiceContext, user: UserRow, sub: string) =>
  user.external_id === sub ||
  (ctx.settings.sso?.linkByEmail === true && user.external_id === null && user.role === 'user');

/** The account a token signs in as, or undefined when its `sub` needs a new one. */
export async function accountFor(
  ctx: ServiceContext,
  claims: z.infer<typeof Claims>,
): Promise<UserRow | undefined> {
  const { db } = ctx.store;
  const linked = await findUserByExternalId(db, claims.sub);
  if (linked || claims.email === undefined) return linked;
  const owner = await findUserByEmail(db, claims.email);
  if (owner && !mayActAs(ctx, owner, claims.sub)) throw notLinked();
  return owner;
}

/**
 * Finds the account linked to the host's user (see mayActAs) and brings it in line with the
 * token, or creates it. A change goes through the same rules as a super admin's
 * (changeAccount), so a demoted agent's chats go back to the queue and their sockets reconnect.
 * Conflicts refuse the sign-in with 409 rather than being papered over: an email that another
 * account already has (EMAIL_TAKEN), and demoting the last super admin (LAST_SUPER_ADMIN), which
 * would otherwise leave nobody to manage accounts.
 */
async function upsertUser(ctx: ServiceContext, claims: z.infer<typeof Claims>): Promise<UserRow> {
  const existing = await accountFor(ctx, claims);
  if (!existing) {
    try {
      return await insertNewAccount(ctx, {
        email: claims.email ?? null,
        name: claims.name,
        role: claims.role,
        passwordHash: null,
        externalId: claims.sub,
        signedIn: true,
      });
    } catch (error) {
      // The host user's first two sign-ins at once (two tabs): the other one made the account.
      const madeMeanwhile =
        error instanceof AppError &&
        error.code === 'EMAIL_TAKEN' &&
        (await findUserByExternalId(ctx.store.db, claims.sub));
      if (madeMeanwhile) return upsertUser(ctx, claims);
      throw error;
    }
  }
  if (existing.is_active !== 1) throw accountDisabled();
  try {
    return await commit(ctx, async (trx, outbox) => {
      const before = (await findUserById(trx, existing.id)) ?? existing;
      // Linked to another host user, or made an agent, since it was looked up.
      if (!mayActAs(ctx, before, claims.sub)) throw notLinked();
      const now = ctx.clock.now();
      const email = claims.email ?? before.email;
      if (email !== before.email && email !== null && (await findUserByEmail(trx, email))) {
        throw emailTaken();
      }
      const after: UserRow = {
        ...before,
        external_id: claims.sub,
        name: claims.name,
        email,
        role: claims.role,
        updated_at: now,
        last_login_at: now,
      };
      await changeAccount(trx, ctx, outbox, before, after, { passwordChanged: false });
      return after;
    });
  } catch (error) {
    // Another account took the email between the check and the write.
    if (isUniqueViolation(error)) throw emailTaken();
    if (error instanceof AppError && error.code === 'LAST_SUPER_ADMIN') {
      throw new AppError(
        'LAST_SUPER_ADMIN',
        `The host application signs ${existing.name} in as ${claims.role}, but they are the last super admin: make someone else super admin first`,
      );
    }
    throw error;
  }
}

export type SsoClaims = z.infer<typeof Claims>;

/** The claims of a host's token once checked and spent (it works once); INVALID_SSO_TOKEN else. */
export async function spendSsoToken(ctx: ServiceContext, token: string): Promise<SsoClaims> {
  const claims = await verify(ctx, token);
  await rememberUse(ctx, useKeyOf(token, claims), claims.exp);
  return claims;
}

export async function signInWithSso(
  ctx: ServiceContext,
  token: string,
  kind: 'cookie' | 'token',
  client: ClientInfo,
): Promise<{ user: UserRow; session: IssuedSession; topic: string | null }> {
  const claims = await spendSsoToken(ctx, token);
  const user = await upsertUser(ctx, claims);
  const session = await issueAuthSession(ctx, user, kind, client);
  return { user, session, topic: claims.topic ?? null };
}
