// Saved inbox views (`/ticket-views`): an agent's named filters and sort of the ticket inbox,
// and the ones super admins share.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CreateTicketViewBody, TicketView, UpdateTicketViewBody } from '../../shared/ticketsApi.js';
import type { ServiceContext } from '../../services/context.js';
import {
  createTicketView,
  deleteTicketView,
  listTicketViews,
  updateTicketView,
} from '../../services/tickets/ticketViews.js';
import { callerOf, errorResponses, IdParams, noContent } from './common.js';

const tags = ['tickets'];

export const ticketViewRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        operationId: 'listTicketViews',
        description:
          "Agents only (403 for anyone else): the caller's saved views and the shared ones, by name. Each `query` is the list's filters and sort, to pass to `GET /tickets`.",
        summary: 'Saved inbox views',
        response: { 200: z.object({ items: z.array(TicketView) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => ({ items: await listTicketViews(ctx, callerOf(ctx, request).viewer) }),
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        operationId: 'createTicketView',
        description:
          "Agents only: saves the inbox's filters and sort under a name, for the caller. `query` takes the filters of `GET /tickets` (`status` as a list) and is checked as they are (400 naming the field). `shared: true` lists it for every agent: super admins only (403).",
        summary: 'Save an inbox view',
        body: CreateTicketViewBody,
        response: { 201: TicketView, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const view = await createTicketView(ctx, callerOf(ctx, request).viewer, request.body);
      reply.code(201);
      return view;
    },
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        operationId: 'updateTicketView',
        description:
          'Its owner renames it, changes its query, or (super admins) shares or unshares it. 403 for a shared view of someone else, 404 for a view the caller does not list.',
        summary: 'Change a saved inbox view',
        params: IdParams,
        body: UpdateTicketViewBody,
        response: { 200: TicketView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      updateTicketView(ctx, callerOf(ctx, request).viewer, request.params.id, request.body),
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags,
        operationId: 'deleteTicketView',
        description:
          'Its owner only: 403 for a shared view of someone else, 404 for a view the caller does not list.',
        summary: 'Delete a saved inbox view',
        params: IdParams,
        response: { 204: noContent('Deleted'), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteTicketView(ctx, callerOf(ctx, request).viewer, request.params.id);
      return reply.code(204).send();
    },
  );
};
