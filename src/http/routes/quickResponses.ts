// Quick responses: list (shared, the caller's teams' and own), create, update, delete, and count
// a use.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateQuickResponseBody,
  QuickResponse,
  UpdateQuickResponseBody,
} from '../../shared/api.js';
import type { ServiceContext } from '../../services/context.js';
import { presentQuickResponse } from '../../services/presenters.js';
import {
  createQuickResponse,
  deleteQuickResponse,
  listQuickResponses,
  updateQuickResponse,
} from '../../services/quickResponses/quickResponses.js';
import { recordQuickResponseUse } from '../../services/quickResponses/quickResponseUses.js';
import { viewerOf } from '../auth.js';
import { errorResponses, IdParams, noContent } from './common.js';

const tags = ['quick responses'];

export const quickResponseRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        operationId: 'listQuickResponses',
        description:
          "Agents only: the shared quick responses, those of the teams the caller belongs to (every team's for super admins) and the caller's personal ones, each with its `scope`, the caller's most used first (`useCount`), then by title. A team's responses are offered in every chat of its members, not only in the team's chats.",
        summary:
          'get_quick_responses: shared responses, the caller’s teams’ and own, most used first',
        response: { 200: z.object({ items: z.array(QuickResponse) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => ({
      items: (await listQuickResponses(ctx, viewerOf(request))).map(presentQuickResponse),
    }),
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        operationId: 'createQuickResponse',
        description:
          "Agents create personal responses; only super admins may create shared ones (`shared: true`, 403 otherwise); a team's response (`teamId`) only that team's leads and super admins (403 otherwise; an unknown team is 404, an archived one 409 `TEAM_ARCHIVED`, `teamId` with `shared: true` 400). The content may use variables (`{{customer.firstName}}`…); an unknown one is 400 `UNKNOWN_VARIABLE`, stray braces 400 `MALFORMED_VARIABLE`, and a shortcut another response of the same scope has 409 `SHORTCUT_TAKEN`.",
        summary:
          'Create a personal quick response, a team’s (its leads) or a shared one (super admins)',
        body: CreateQuickResponseBody,
        response: { 201: QuickResponse, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return presentQuickResponse(await createQuickResponse(ctx, viewerOf(request), request.body));
    },
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        operationId: 'updateQuickResponse',
        description:
          "A personal response by its owner, a team's by that team's leads and super admins, a shared one by a super admin. Content and shortcut are checked as on creation (400 `UNKNOWN_VARIABLE`, 400 `MALFORMED_VARIABLE`, 409 `SHORTCUT_TAKEN`); `null` clears the category or shortcut. `teamId` moves the response to that team, which the caller must also manage (403), open (404 unknown, 409 `TEAM_ARCHIVED`).",
        summary: 'Change a quick response',
        params: IdParams,
        body: UpdateQuickResponseBody,
        response: { 200: QuickResponse, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      presentQuickResponse(
        await updateQuickResponse(ctx, viewerOf(request), request.params.id, request.body),
      ),
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags,
        operationId: 'deleteQuickResponse',
        description:
          "A personal response by its owner, a team's by that team's leads and super admins, a shared one by a super admin.",
        summary: 'Delete a quick response',
        params: IdParams,
        response: { 204: noContent('Deleted'), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteQuickResponse(ctx, viewerOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/:id/use',
    {
      schema: {
        tags,
        operationId: 'useQuickResponse',
        description:
          "The caller inserted this response in a chat: counted, so that their list shows their most used first. Any response the caller sees (shared, their teams', their own) may be counted; answers it with the caller's new `useCount`.",
        summary: 'Count one use of a quick response by the caller',
        params: IdParams,
        response: { 200: QuickResponse, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      presentQuickResponse(await recordQuickResponseUse(ctx, viewerOf(request), request.params.id)),
  );
};
