// Pieces every route file uses: the caller, path parameters and the documented error responses.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Viewer } from '../../domain/policies.js';
import { ErrorBody, Id } from '../../shared/api.js';
import type { ServiceContext } from '../../services/context.js';
import { audienceOf, type Audience } from '../../services/presenters.js';
import { viewerOf } from '../auth.js';

/** Who is calling (401 when nobody is signed in), and the audience their answer is shaped for. */
export function callerOf(
  ctx: ServiceContext,
  request: FastifyRequest,
): { viewer: Viewer; audience: Audience } {
  const viewer = viewerOf(request);
  return { viewer, audience: audienceOf(ctx.settings, viewer) };
}

export const IdParams = z.object({ id: Id });

const errors = {
  400: ErrorBody.describe('Validation failed'),
  401: ErrorBody.describe('Not signed in'),
  403: ErrorBody.describe('Not allowed'),
  404: ErrorBody.describe('Not found'),
  409: ErrorBody.describe('Conflict with the current state'),
  429: ErrorBody.describe('Too many requests'),
} as const;

type ErrorStatus = keyof typeof errors;

/**
 * The error responses a route documents in OpenAPI, e.g. `...errorResponses(400, 401, 404)`
 * beside its success response. Every error has the same body: `{error:{code,message,field?}}`.
 */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]): Pick<typeof errors, S> {
  return Object.fromEntries(statuses.map((status) => [status, errors[status]])) as Pick<
    typeof errors,
    S
  >;
}
