// What the log says about a request: Fastify's usual fields, with secrets taken out of the URL.
// An SSO landing carries its token in the query string, and a log outlives the token's minutes.
import type { FastifyRequest } from 'fastify';

/** Query parameters whose values are never logged, on any route. */
const SECRET_PARAMETERS = new Set(['token']);

/** A parameter's name as a query-string parser reads it (`%74oken` is `token`). */
function parameterName(pair: string): string {
  const raw = pair.split('=', 1)[0]!.replaceAll('+', ' ');
  try {
    return decodeURIComponent(raw).toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
}

/** `url` with the value of each secret query parameter replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return url;
  const pairs = url
    .slice(start + 1)
    .split('&')
    .map((pair) =>
      SECRET_PARAMETERS.has(parameterName(pair)) ? `${pair.split('=', 1)[0]!}=[redacted]` : pair,
    );
  return `${url.slice(0, start + 1)}${pairs.join('&')}`;
}

/** Fastify's request serializer, with the URL redacted. */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
