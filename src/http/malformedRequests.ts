// Requests too broken to reach a route (a garbled request line, bad header characters, headers
// over Node's limit, conflicting lengths, no Host): answered in the API's error format, as the
// README promises, instead of the framework's own body or an empty one.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors.js';
import { errorBody } from './errorHandler.js';

/** What Node's HTTP parser tells about a request it refused. */
interface ClientError extends Error {
  code?: string;
  /** The parser's one-line reason, such as "Duplicate Content-Length". */
  reason?: string;
}

export function clientErrorOf(error: ClientError): AppError {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return new AppError('HEADERS_TOO_LARGE', 'The request line and headers are too large');
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new AppError('REQUEST_TIMEOUT', 'The request took too long to arrive');
  }
  const reason = error.reason ? ` (${error.reason})` : '';
  return new AppError('MALFORMED_REQUEST', `The request is not valid HTTP${reason}`);
}

/** The whole HTTP response for an error, as bytes to write on the socket. */
export function rawErrorResponse(error: AppError): string {
  const body = JSON.stringify(errorBody(error));
  return [
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status]}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** What Node's own handler checks before answering: a response already under way must not be corrupted. */
function hasResponseUnderWay(socket: Socket): boolean {
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } | null })
    ._httpMessage;
  return inFlight?.headersSent === true;
}

/**
 * Fastify's `clientErrorHandler`: Node's parser refused the request, so there is no request or
 * reply object and the answer is written on the socket by hand, then the connection is closed
 * (the parser cannot find where the next request would start).
 */
export function answerClientError(
  this: Pick<FastifyInstance, 'log'>,
  error: ClientError,
  socket: Socket,
): void {
  // The peer is gone: there is no one to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = clientErrorOf(error);
  this.log.debug({ err: error }, known.message);
  if (socket.writable && !hasResponseUnderWay(socket)) socket.write(rawErrorResponse(known));
  socket.destroy();
}

/**
 * HTTP/1.1 requires a Host header. Node refuses a request without one with an empty 400 of its
 * own unless told not to (`requireHostHeader: false`); this hook refuses it in the API's format.
 */
export async function requireHostHeader(request: FastifyRequest): Promise<void> {
  if (request.raw.httpVersion === '1.1' && request.headers.host === undefined) {
    throw new AppError('MALFORMED_REQUEST', 'An HTTP/1.1 request needs a Host header');
  }
}
