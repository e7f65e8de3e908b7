// Who opens a socket: the credential its handshake signs in with, by the rule of
// domain/credentials.ts, resolved to a sign-in before the upgrade. A socket reads and writes in
// the user's name, so every handshake is held to the origin rule unless a bearer token signs it
// in: a page of another site is refused with HTTP 403 whatever the browser attached to it.
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import { checkCredential, SESSION_COOKIE, VISITOR_COOKIE } from '../domain/credentials.js';
import { AppError } from '../domain/errors.js';
import { authenticate, type Authenticated } from '../services/accounts/authSessions.js';
import type { ServiceContext } from '../services/context.js';

export interface Handshake {
  /** The cookie or bearer secret the socket signs in with; null without one. */
  secret: string | null;
  /** The sign-in it names; null when it is unknown, expired or signed out, or without secret. */
  auth: Authenticated | null;
}

/** Throws CSRF_REJECTED when the page that opens the socket may not use the cookie. */
export async function resolveHandshake(
  request: FastifyRequest,
  ctx: ServiceContext,
  allowedOrigins: readonly string[],
  publicOrigin?: string,
): Promise<Handshake> {
  const check = checkCredential(
    {
      method: request.method,
      handshake: true,
      headers: request.headers,
      sessionCookie: request.cookies[SESSION_COOKIE],
      visitorCookie: request.cookies[VISITOR_COOKIE],
    },
    allowedOrigins,
    publicOrigin,
  );
  if (!check.allowed) throw new AppError('CSRF_REJECTED', check.reason);
  const secret = check.credential?.secret ?? null;
  return { secret, auth: secret ? await authenticate(ctx, secret) : null };
}
