// Which credential a request signs in with, and whether the page that sent it may use it: the one
// rule the REST API and the WebSocket gateway both follow against cross-site request forgery and
// cross-site WebSocket hijacking.
//
// Browsers attach the session cookie on their own to requests that any page makes, and so they do
// credentials of other schemes (Basic, Negotiate…) that a proxy asked them for. Only a bearer
// token is never sent unless the client's own code sends it. So a request is spared the origin
// check only when a well-formed bearer token is what signs it in; the cookie then plays no part,
// even when the token turns out to be invalid.
//
// A browser's WebSocket cannot set Authorization, so a handshake may carry its bearer token as a
// subprotocol instead (`bearer.<token>` beside `switchboard`, docs/protocol.md): scripts choose
// subprotocols, browsers add none of their own, and unlike a query string it is not logged.
//
// Where the framed widget page may not keep its token (third-party storage blocked), the server
// keeps it in the visitor cookie instead: partitioned (CHIPS), so it lives under the host site's
// partition, where the host page's own scripts could make the browser attach it. So the visitor
// cookie signs in only a request sent by Switchboard's own pages: its Origin is ours (the Host's,
// or PUBLIC_URL's), never a listed one; or, for a GET, HEAD or OPTIONS without Origin (a browser
// sends none on a same-origin GET), Sec-Fetch-Site is same-origin.

export const SESSION_COOKIE = 'sb_session';
export const VISITOR_COOKIE = 'sb_visitor';

/** The secret a request signs in with, and how it came: `null` when it carries none. */
export type Credential = { scheme: 'bearer' | 'cookie' | 'visitor-cookie'; secret: string } | null;

export type CredentialCheck =
  { allowed: true; credential: Credential } | { allowed: false; reason: string };

export interface CredentialRequest {
  /** The HTTP method. */
  method: string;
  /** A WebSocket handshake: a GET, yet the socket it opens reads and writes in the user's name. */
  handshake: boolean;
  headers: {
    authorization?: string | undefined;
    origin?: string | undefined;
    host?: string | undefined;
    'sec-fetch-site'?: string | undefined;
    /** A handshake's offered subprotocols, comma-separated. */
    'sec-websocket-protocol'?: string | undefined;
  };
  /** The value of the session cookie, when the request carries one. */
  sessionCookie: string | undefined;
  /** The value of the visitor cookie (the widget's token), when the request carries one. */
  visitorCookie?: string | undefined;
}

/** Methods that change nothing; another site must not send any other in a user's name. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What follows `Bearer ` in a well-formed header (the scheme is case-insensitive), or null. */
function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1] ?? null;
}

/** The subprotocol a handshake offers its bearer token as: `bearer.` and the token. */
export const BEARER_PROTOCOL_PREFIX = 'bearer.';

/** The protocol the gateway answers a handshake that offers it (never the token's). */
export const GATEWAY_PROTOCOL = 'switchboard';

/** The token a handshake offers as the subprotocol `bearer.<token>`, or null. */
function protocolToken(protocols: string | undefined): string | null {
  for (const offered of (protocols ?? '').split(',')) {
    const name = offered.trim();
    if (name.startsWith(BEARER_PROTOCOL_PREFIX) && name.length > BEARER_PROTOCOL_PREFIX.length) {
      return name.slice(BEARER_PROTOCOL_PREFIX.length);
    }
  }
  return null;
}

/**
 * Why a request must be refused as sent by another site, or null when its page may act in the
 * user's name: an Origin that is ours (the Host's) or listed (PUBLIC_URL, ALLOWED_ORIGINS); or,
 * without Origin, a Sec-Fetch-Site that is same-origin, none (typed by the user) or absent (not a
 * browser, which attaches nothing on its own).
 */
function crossSiteReason(
  headers: CredentialRequest['headers'],
  allowedOrigins: readonly string[],
): string | null {
  const { origin, host } = headers;
  if (origin !== undefined) {
    const ours =
      host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
    return ours || allowedOrigins.includes(origin)
      ? null
      : `Requests from ${origin} are not allowed`;
  }
  const site = headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none'
    ? null
    : 'Cross-site requests are not allowed';
}

/** Why the visitor cookie may not sign `request` in, or null when one of our pages sent it. */
function notOursReason(
  request: CredentialRequest,
  publicOrigin: string | undefined,
): string | null {
  const { origin, host } = request.headers;
  if (origin !== undefined) {
    const ours =
      (host !== undefined && (origin === `http://${host}` || origin === `https://${host}`)) ||
      (publicOrigin !== undefined && origin === publicOrigin);
    return ours ? null : `The visitor cookie is not accepted from ${origin}`;
  }
  const safe = !request.handshake && SAFE_METHODS.has(request.method);
  return safe && request.headers['sec-fetch-site'] === 'same-origin'
    ? null
    : "The visitor cookie is accepted only from Switchboard's own pages";
}

/**
 * The credential `request` signs in with, unless the origin rule refuses it: a bearer token from
 * a well-formed `Authorization: Bearer <token>` or, on a handshake, the subprotocol
 * `bearer.<token>` (never checked for origin), otherwise the session
 * cookie, otherwise the visitor cookie (only from our own pages), otherwise none. Without a bearer token, every method but GET, HEAD and OPTIONS, and every
 * WebSocket handshake, must come from an allowed page, cookie or not (a sign-in from another site is forged too).
 *
 * @example checkCredential({ method: 'GET', handshake: true, headers, sessionCookie }, config.allowedOrigins)
 */
export function checkCredential(
  request: CredentialRequest,
  allowedOrigins: readonly string[],
  publicOrigin?: string,
): CredentialCheck {
  const token =
    bearerToken(request.headers.authorization) ??
    (request.handshake ? protocolToken(request.headers['sec-websocket-protocol']) : null);
  if (token !== null) return { allowed: true, credential: { scheme: 'bearer', secret: token } };
  if (request.handshake || !SAFE_METHODS.has(request.method)) {
    const reason = crossSiteReason(request.headers, allowedOrigins);
    if (reason !== null) return { allowed: false, reason };
  }
  const cookie = request.sessionCookie;
  if (cookie) return { allowed: true, credential: { scheme: 'cookie', secret: cookie } };
  const visitor = request.visitorCookie;
  if (!visitor) return { allowed: true, credential: null };
  const reason = notOursReason(request, publicOrigin);
  if (reason !== null) return { allowed: false, reason };
  return { allowed: true, credential: { scheme: 'visitor-cookie', secret: visitor } };
}
