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
import { errorResponses, IdParams } from './common.js';

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
        operationId: 'listAccounts',
        description:
          'Super admins only. Accounts ordered by name, a page at a time (`nextCursor`), optionally filtered by role or by text in the name or email.',
        summary: 'Accounts by name',
        querystring: ListAccountsQuery,
        response: { 200: page(Account), ...errorResponses(400, 401, 403) },
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
        operationId: 'createAccount',
        description: 'Super admins only. 409 `EMAIL_TAKEN` when another account has the email.',
        summary: 'Create an account',
        body: CreateAccountBody,
        response: { 201: Account, ...errorResponses(400, 401, 403, 409) },
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
        operationId: 'getAccount',
        description: 'Super admins only.',
        summary: 'One account',
        params: IdParams,
        response: { 200: Account, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => presentAccount(await getAccount(ctx, viewerOf(request), request.params.id)),
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        operationId: 'updateAccount',
        description:
          'Super admins only. Changes any of name, role, password and active state; disabling an account signs it out everywhere and closes its sockets. 409 `LAST_SUPER_ADMIN` when the change would leave no active super admin.',
        summary: 'Change name, role, password or active state (disabling signs the person out)',
        params: IdParams,
        body: UpdateAccountBody,
        response: { 200: Account, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      presentAccount(await updateAccount(ctx, viewerOf(request), request.params.id, request.body)),
  );
};
