// Who is calling an API route: the credential that domain/credentials.ts picks (a bearer token,
// else the session cookie) resolved to a sign-in, after its origin rule has turned away writes
// that another site sent in the user's name (on top of SameSite cookies). The WebSocket gateway
// applies the same rule to its handshakes itself.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import fp from 'fastify-plugin';
import {
  checkCredential,
  SESSION_COOKIE,
  VISITOR_COOKIE,
  type Credential,
} from '../domain/credentials.js';
import { AppError } from '../domain/errors.js';
import type { Viewer } from '../domain/policies.js';
import type { Config } from '../config.js';
import type { ServiceContext } from '../services/context.js';
import {
  authenticate,
  type Authenticated,
  type IssuedSession,
} from '../services/accounts/authSessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
    /** The raw cookie or bearer secret, for signing out. */
    authSecret: string | null;
    /** How `authSecret` came: the widget's answers put a new token where the old one was. */
    authScheme: NonNullable<Credential>['scheme'] | null;
  }
}

export function viewerOf(request: FastifyRequest): Viewer {
  if (!request.auth) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return request.auth.viewer;
}

/**
 * The cookie lives as long as the sign-in can (SESSION_MAX_DAYS); the server ends it sooner when
 * it goes unused for SESSION_IDLE_HOURS. An expiry that slid with use would need a Set-Cookie on
 * every request; one at the idle time would sign out a browser that is in use.
 */
export function setSessionCookie(
  reply: FastifyReply,
  session: IssuedSession,
  config: Config,
): void {
  reply.setCookie(SESSION_COOKIE, session.secret, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    path: '/',
    expires: new Date(session.endsAt),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    path: '/',
  });
}

/**
 * The widget's token where its page may keep nothing (third-party storage blocked): partitioned
 * (CHIPS) under the embedding site, so it works with third-party cookies blocked, and never
 * readable by a script. Browsers take `Secure` from http://localhost too.
 */
const VISITOR_COOKIE_OPTIONS = {
  httpOnly: true,
  sameSite: 'none',
  secure: true,
  partitioned: true,
  path: '/',
} as const;

/** Browsers keep a cookie 400 days at most; the server ends the token sooner when it goes unused. */
const VISITOR_COOKIE_MAX_AGE_S = 400 * 86_400;

export function setVisitorCookie(reply: FastifyReply, secret: string): void {
  reply.setCookie(VISITOR_COOKIE, secret, {
    ...VISITOR_COOKIE_OPTIONS,
    maxAge: VISITOR_COOKIE_MAX_AGE_S,
  });
}

export function clearVisitorCookie(reply: FastifyReply): void {
  reply.clearCookie(VISITOR_COOKIE, VISITOR_COOKIE_OPTIONS);
}

/** Resolves `request.auth` on every route of the scope it is registered in (the API's). */
export const authPlugin = fp<{ config: Config; ctx: ServiceContext }>(
  async (app: FastifyInstance, { config, ctx }) => {
    app.decorateRequest('auth', null);
    app.decorateRequest('authSecret', null);
    app.decorateRequest('authScheme', null);
    app.addHook('onRequest', async (request) => {
      const check = checkCredential(
        {
          method: request.method,
          handshake: false,
          headers: request.headers,
          sessionCookie: request.cookies[SESSION_COOKIE],
          visitorCookie: request.cookies[VISITOR_COOKIE],
        },
        config.allowedOrigins,
        config.publicOrigin,
      );
      if (!check.allowed) throw new AppError('CSRF_REJECTED', check.reason);
      const { credential } = check;
      if (!credential) return;
      request.authSecret = credential.secret;
      request.authScheme = credential.scheme;
      request.auth = await authenticate(ctx, credential.secret);
      if (!request.auth && credential.scheme === 'bearer')
        throw new AppError('UNAUTHENTICATED', 'The token is invalid or expired');
    });
  },
);
