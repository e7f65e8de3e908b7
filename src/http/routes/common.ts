// Pieces every route file uses: path parameters and the documented error responses.
import { z } from 'zod';
import { ErrorBody } from '../../shared/api.js';

export const IdParams = z.object({ id: z.string().min(1).max(64) });

/** Error responses for the OpenAPI document; every route may answer these. */
export const errors = {
  400: ErrorBody.describe('Validation failed'),
  401: ErrorBody.describe('Not signed in'),
  403: ErrorBody.describe('Not allowed'),
  404: ErrorBody.describe('Not found'),
  409: ErrorBody.describe('Conflict with the current state'),
  429: ErrorBody.describe('Too many requests'),
} as const;
