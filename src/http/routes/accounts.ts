// Account management for super admins: list, create, read, change (role, name, password, active).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  Account,
  CreateAccountBody,
  ListAccountsQuery,
  UpdateAccountBody,
  page,
} from '../../shared/api.js';
import type { ServiceContext } from '../../services/context.js';
import {
  createAccount,
  getAccount,
  listAccounts,
  updateAccount,
} from '../../services/accounts/accounts.js';
import { presentAccount } from '../../services/presenters.js';
import { viewerOf } from '../auth.js';
import { errors, IdParams } from './common.js';

const tags = ['accounts'];

export const accountRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'Accounts by name',
        querystring: ListAccountsQuery,
        response: { 200: page(Account), 400: errors[400], 401: errors[401], 403: errors[403] },
      },
    },
    async (request) => {
      const { rows, nextCursor } = await listAccounts(ctx, viewerOf(request), request.query);
      return { items: rows.map(presentAccount), nextCursor };
    },
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Create an account',
        body: CreateAccountBody,
        response: {
          201: Account,
          400: errors[400],
          401: errors[401],
          403: errors[403],
          409: errors[409],
        },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return presentAccount(await createAccount(ctx, viewerOf(request), request.body));
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One account',
        params: IdParams,
        response: { 200: Account, 401: errors[401], 403: errors[403], 404: errors[404] },
      },
    },
    async (request) => presentAccount(await getAccount(ctx, viewerOf(request), request.params.id)),
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Change name, role, password or active state (disabling signs the person out)',
        params: IdParams,
        body: UpdateAccountBody,
        response: {
          200: Account,
          400: errors[400],
          401: errors[401],
          403: errors[403],
          404: errors[404],
          409: errors[409],
        },
      },
    },
    async (request) =>
      presentAccount(await updateAccount(ctx, viewerOf(request), request.params.id, request.body)),
  );
};
