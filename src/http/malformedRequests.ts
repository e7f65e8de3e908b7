// Requests refused before any route runs: not valid HTTP (a garbled request line, bad header
// characters, headers over Node's limit, conflicting lengths), without Host, with an Expect that
// cannot be met, or a WebSocket handshake that ws refuses. Node, Fastify and ws each answer
// those with a body of their own, or none; these answer in the API's error format, as the
// README promises.
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
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
export function rawErrorResponse(error: AppError, headers: string[] = []): string {
  const body = JSON.stringify(errorBody(error));
  return [
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status]}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    ...headers,
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

/**
 * The http server's `checkExpectation`: an Expect header other than 100-continue, which Node
 * would refuse with an empty 417.
 */
export function answerUnmetExpectation(request: IncomingMessage, response: ServerResponse): void {
  const error = new AppError(
    'EXPECTATION_FAILED',
    `Expect: ${request.headers.expect ?? ''} cannot be met; only 100-continue is understood`,
  );
  const body = JSON.stringify(errorBody(error));
  response.writeHead(error.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  });
  response.end(body);
}

/**
 * The WebSocket server's `wsClientError`: an upgrade request that is not a valid handshake
 * (no key, an unknown version, an Upgrade to another protocol), which ws would refuse in HTML.
 * Every version the server speaks is named, as RFC 6455 asks when the client's is unknown.
 */
export function answerHandshakeError(error: Error, socket: Duplex): void {
  const refusal = new AppError(
    'MALFORMED_REQUEST',
    `Not a valid WebSocket handshake (${error.message})`,
  );
  if (socket.writable) socket.write(rawErrorResponse(refusal, ['Sec-WebSocket-Version: 13']));
  socket.destroy();
}
