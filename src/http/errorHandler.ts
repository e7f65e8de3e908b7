// Turns every failure into `{error:{code,message}}` with the right status. Expected errors carry
// their own code; anything else is logged with its stack and answered as a plain 500.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode } from '../domain/errors.js';
import { expectedFailure } from '../services/failures.js';
import type { ErrorBody } from '../shared/api.js';
import { isInvalidValue } from '../storage/store.js';

/** Fastify's own error codes that are the client's fault, with the code we report. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
  // Raised before routing (frameworkErrors): a malformed escape such as `/sessions/%`, or a
  // path parameter over Fastify's length limit, which no id can be.
  FST_ERR_BAD_URL: 'VALIDATION_FAILED',
  FST_ERR_MAX_PARAM_LENGTH: 'VALIDATION_FAILED',
};

/** Any other Fastify error that is the client's fault, by its status. */
const FASTIFY_STATUS_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  // @fastify/static refusing a path (a NUL byte, a way out of its folder).
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** The AppError to report for `error`: Fastify's and the schemas' first, then the services'. */
export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0]!;
    const field =
      first.instancePath.replace(/^\//, '').replaceAll('/', '.') ||
      error.validationContext ||
      'body';
    return new AppError('VALIDATION_FAILED', `${field}: ${first.message}`, field);
  }
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
    return new AppError('INVALID_JSON', 'The request body is not valid JSON');
  }
  const code =
    fastifyError.code?.startsWith('FST_') &&
    (FASTIFY_CODES[fastifyError.code] ?? FASTIFY_STATUS_CODES[fastifyError.statusCode ?? 0]);
  if (code) return new AppError(code, fastifyError.message ?? code);
  return expectedFailure(error);
}

export function errorBody(error: AppError): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
    },
  };
}

export function sendError(reply: FastifyReply, error: AppError): FastifyReply {
  if (error.retryAfterSeconds !== undefined)
    reply.header('retry-after', String(error.retryAfterSeconds));
  return reply.code(error.status).type('application/json').send(errorBody(error));
}

/**
 * The error handler, also given to Fastify as `frameworkErrors` so that the failures it raises
 * before a route is found (a malformed URL) get the same body as every other error.
 */
export function handleError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const known = toAppError(error);
  if (known) {
    // The safety net firing means a schema let bad input through: worth a look.
    if (known.status >= 500 || isInvalidValue(error))
      request.log.warn({ err: error }, known.message);
    return sendError(reply, known);
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(reply, new AppError('INTERNAL', 'Something went wrong on our side'));
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(handleError);
}
