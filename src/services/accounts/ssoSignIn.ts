// Signing in from a host application: the host signs a short-lived HS256 JWT with the shared
// SSO secret naming its user; Switchboard checks it and signs that person in, creating or
// updating their account. Each token works once.
import { createHash } from 'node:crypto';
import { errors as joseErrors, jwtVerify } from 'jose';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { LIMITS, ROLES } from '../../shared/vocabulary.js';
import { isUniqueViolation } from '../../storage/store.js';
import { ensureAgentStatus } from '../../storage/repositories/agents.js';
import {
  findUserByEmail,
  findUserByExternalId,
  updateUser,
} from '../../storage/repositories/users.js';
import type { UserRow } from '../../storage/schema.js';
import type { ServiceContext } from '../context.js';
import { issueAuthSession, type ClientInfo, type IssuedSession } from './authSessions.js';
import { insertNewAccount } from './newAccount.js';
import { isAgent } from '../../domain/policies.js';

/** Tokens are meant to be used within seconds of being made; longer lifetimes are refused. */
const MAX_TOKEN_LIFETIME_S = 600;

const Claims = z.object({
  sub: z.string().min(1).max(200),
  name: z.string().trim().min(1).max(LIMITS.name),
  email: z.string().trim().toLowerCase().max(LIMITS.email).pipe(z.email()).optional(),
  role: z.enum(ROLES).default('user'),
  jti: z.string().min(1).max(200).optional(),
  exp: z.number(),
  iat: z.number().optional(),
});

const invalidToken = (why: string) =>
  new AppError('INVALID_SSO_TOKEN', `SSO token rejected: ${why}`);

async function verify(ctx: ServiceContext, token: string): Promise<z.infer<typeof Claims>> {
  const sso = ctx.settings.sso;
  if (!sso) throw new AppError('NOT_FOUND', 'SSO sign-in is not configured (set SSO_SECRET)');
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

async function rememberUse(ctx: ServiceContext, jti: string, exp: number) {
  const { db } = ctx.store;
  await db.deleteFrom('sso_token_uses').where('expires_at', '<', ctx.clock.now()).execute();
  try {
    await db
      .insertInto('sso_token_uses')
      .values({ jti, expires_at: exp * 1000 })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw invalidToken('already used');
    throw error;
  }
}

/** Finds the host's user by their external id (or, the first time, by email) and updates them. */
async function upsertUser(ctx: ServiceContext, claims: z.infer<typeof Claims>): Promise<UserRow> {
  const { db } = ctx.store;
  const now = ctx.clock.now();
  const existing =
    (await findUserByExternalId(db, claims.sub)) ??
    (claims.email
      ? await findUserByEmail(db, claims.email).then((u) => (u && !u.external_id ? u : undefined))
      : undefined);
  if (existing) {
    const changes = {
      external_id: claims.sub,
      name: claims.name,
      email: claims.email ?? existing.email,
      role: claims.role,
      updated_at: now,
      last_login_at: now,
    };
    await updateUser(db, existing.id, changes);
    return { ...existing, ...changes };
  }
  return insertNewAccount(ctx, {
    email: claims.email ?? null,
    name: claims.name,
    role: claims.role,
    passwordHash: null,
    externalId: claims.sub,
    signedIn: true,
  });
}

export async function signInWithSso(
  ctx: ServiceContext,
  token: string,
  kind: 'cookie' | 'token',
  client: ClientInfo,
): Promise<{ user: UserRow; session: IssuedSession }> {
  const claims = await verify(ctx, token);
  // Each token signs in once: by its jti when the host sets one, else by the token itself.
  const useKey = claims.jti ?? `sha256:${createHash('sha256').update(token).digest('base64url')}`;
  await rememberUse(ctx, useKey, claims.exp);
  const user = await upsertUser(ctx, claims);
  if (user.is_active !== 1)
    throw new AppError('ACCOUNT_DISABLED', 'This account has been disabled');
  if (isAgent(user)) await ensureAgentStatus(ctx.store.db, user.id, ctx.clock.now());
  return { user, session: await issueAuthSession(ctx, user, kind, client) };
}
