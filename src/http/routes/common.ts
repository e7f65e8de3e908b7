// Pieces every route file uses: the caller, path parameters and the documented responses,
// including the errors every route may answer, which are added to each route's schema as it is
// registered.
import type { FastifyRequest, RouteOptions } from 'fastify';
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
  400: ErrorBody.describe('Validation failed, or the body is not valid JSON'),
  401: ErrorBody.describe('Not signed in, or the bearer token is invalid or expired'),
  403: ErrorBody.describe('Not allowed (also: a cookie-authenticated write from another site)'),
  404: ErrorBody.describe('Not found, or not visible to the caller'),
  409: ErrorBody.describe('Conflict with the current state'),
  410: ErrorBody.describe('Gone: the link is past its time'),
  413: ErrorBody.describe('The body is larger than 64 KiB'),
  415: ErrorBody.describe('The body is not JSON'),
  429: ErrorBody.describe('Too many requests; Retry-After says when to try again'),
  500: ErrorBody.describe('Something went wrong on the server'),
  503: ErrorBody.describe('The database is unreachable or the node is stopping; try again'),
} as const;

type ErrorStatus = keyof typeof errors;

/**
 * The error responses a route documents in OpenAPI, e.g. `...errorResponses(403, 404)` beside
 * its success response: those of its own rules. Every error has the same body:
 * `{error:{code,message,field?}}`. The errors of the layers every request crosses are added by
 * `documentSharedErrors`.
 */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]): Pick<typeof errors, S> {
  return Object.fromEntries(statuses.map((status) => [status, errors[status]])) as Pick<
    typeof errors,
    S
  >;
}

/** A response without a body (204, 303), documented without content. */
export const noContent = (description: string) => z.undefined().describe(description);

/** The methods whose requests carry a body and pass the CSRF check (http/auth.ts). */
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * An `onRoute` hook adding to a route's documented responses the errors that come from the
 * layers every request crosses, so that no route can forget one: authentication refuses a bad
 * bearer token on any route (401); validation refuses bad path parameters, queries and bodies
 * (400); a write can also be refused by the CSRF check (403) or by body parsing (400 for invalid
 * JSON, 413, 415); and any request can meet a server fault (500) or an unreachable database
 * (503). A route's own description of one of these statuses is kept.
 */
export function documentSharedErrors(route: RouteOptions): void {
  const schema = (route.schema ??= {});
  if (schema.hide) return;
  const writes = [route.method].flat().some((method) => WRITE_METHODS.has(method));
  const validates =
    writes ||
    schema.params !== undefined ||
    schema.querystring !== undefined ||
    schema.body !== undefined;
  const statuses: ErrorStatus[] = [
    ...(validates ? ([400] as const) : []),
    401,
    ...(writes ? ([403, 413, 415] as const) : []),
    500,
    503,
  ];
  schema.response = {
    ...errorResponses(...statuses),
    ...(schema.response as Record<string, unknown> | undefined),
  };
}
