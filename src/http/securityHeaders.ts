// Security headers on every response; a strict Content-Security-Policy on pages, so even a
// rendering mistake cannot run injected script; HSTS when the deployment is reached over HTTPS.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';

/**
 * The policy of a page; `frameAncestors` are the origins that may show it in a frame besides
 * Switchboard's own: ALLOWED_ORIGINS for the app, the widget settings' sites for the widget page
 * (http/widgetPage.ts).
 */
export function contentSecurityPolicy(frameAncestors: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "media-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${["'self'", ...frameAncestors].join(' ')}`,
  ].join('; ');
}

/**
 * Once a browser has seen this over HTTPS, it refuses plain HTTP to this host for a year, so a
 * network attacker cannot strip TLS from a later visit. Only when PUBLIC_URL is https: sent for a
 * deployment reached over plain HTTP it would lock users out. Without includeSubDomains, which
 * would bind every host below this one too (all of the organisation's, when Switchboard runs on
 * its bare domain): that is the operator's call, made at their proxy, as is preloading.
 */
export function strictTransportSecurity(config: Config): string | null {
  return config.publicOrigin?.startsWith('https:') ? 'max-age=31536000' : null;
}

export function registerSecurityHeaders(app: FastifyInstance, config: Config): void {
  const csp = contentSecurityPolicy(config.allowedOrigins);
  const hsts = strictTransportSecurity(config);
  app.addHook('onSend', async (request, reply) => {
    if (hsts) reply.header('strict-transport-security', hsts);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-request-id', request.id);
    // The API docs page ships its own policy (with hashes for its inline script), and a served
    // file its sandbox (domain/files/fileServing.ts), and the widget page its own frame-ancestors.
    if (!request.url.startsWith('/api/docs') && !reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', csp);
    }
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
}
