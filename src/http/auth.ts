// Who is calling: resolves the session cookie or bearer token on every API request, and guards
// cookie-authenticated writes against cross-site request forgery with an Origin check
// (on top of SameSite cookies). Bearer tokens are never sent by browsers on their own, so they
// need no such check.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import fp from 'fastify-plugin';
import { AppError } from '../domain/errors.js';
import type { Viewer } from '../domain/policies.js';
import type { Config } from '../config.js';
import type { ServiceContext } from '../services/context.js';
import {
  authenticate,
  type Authenticated,
  type IssuedSession,
} from '../services/accounts/authSessions.js';

export const SESSION_COOKIE = 'sb_session';

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
    /** The raw cookie or bearer secret, for signing out. */
    authSecret: string | null;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function bearerOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

const isWebSocketHandshake = (request: FastifyRequest) =>
  request.headers.upgrade?.toLowerCase() === 'websocket';

/** Same origin as the request's host, or listed in PUBLIC_URL / ALLOWED_ORIGINS. */
export function isAllowedOrigin(request: FastifyRequest, origin: string, config: Config): boolean {
  if (config.allowedOrigins.includes(origin)) return true;
  const host = request.headers.host;
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}

/** Rejects a browser request that another site made on the user's behalf. */
export function assertSameSite(request: FastifyRequest, config: Config): void {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    if (!isAllowedOrigin(request, origin, config)) {
      throw new AppError('CSRF_REJECTED', `Requests from ${origin} are not allowed`);
    }
    return;
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new AppError('CSRF_REJECTED', 'Cross-site requests are not allowed');
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

export const authPlugin = fp<{ config: Config; ctx: ServiceContext }>(
  async (app: FastifyInstance, { config, ctx }) => {
    app.decorateRequest('auth', null);
    app.decorateRequest('authSecret', null);
    app.addHook('onRequest', async (request) => {
      if (!request.url.startsWith('/api/')) return;
      const bearer = bearerOf(request);
      if (!bearer && UNSAFE_METHODS.has(request.method)) assertSameSite(request, config);
      const secret = bearer ?? request.cookies[SESSION_COOKIE] ?? null;
      if (!secret) return;
      request.authSecret = secret;
      request.auth = await authenticate(ctx, secret);
      // A WebSocket handshake is answered on the socket instead (error frame, close 4001), the
      // same for every client: browsers never get to see a refused handshake's status.
      if (bearer && !request.auth && !isWebSocketHandshake(request))
        throw new AppError('UNAUTHENTICATED', 'The token is invalid or expired');
    });
  },
);
