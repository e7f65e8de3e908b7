// Security headers on every response; a strict Content-Security-Policy on pages, so even a
// rendering mistake cannot run injected script.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';

export function contentSecurityPolicy(config: Config): string {
  const frameAncestors = ["'self'", ...config.allowedOrigins].join(' ');
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
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

export function registerSecurityHeaders(app: FastifyInstance, config: Config): void {
  const csp = contentSecurityPolicy(config);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-request-id', request.id);
    // The API docs page ships its own policy (with hashes for its inline script).
    if (!request.url.startsWith('/api/docs')) reply.header('content-security-policy', csp);
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
}
