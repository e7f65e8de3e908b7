// A customer's chats, for the agent who helps them: the details panel's previous chats.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ListCustomerSessionsQuery, SessionView, page } from '../../shared/api.js';
import type { ServiceContext } from '../../services/context.js';
import { presentSessionView } from '../../services/presenters.js';
import { listCustomerSessions } from '../../services/sessions/customerSessions.js';
import { callerOf, errorResponses, IdParams } from './common.js';

const tags = ['customers'];

export const customerRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/:id/sessions',
    {
      schema: {
        tags,
        operationId: 'listCustomerSessions',
        description:
          "Agents only: the customer's chats the caller may see, newest first, a page at a time (`nextCursor`). Agents see every ended chat of the desk (the customer's previous chats), the waiting ones and those they are in; a colleague's chat still going is left out. 404 when no account has this id.",
        summary: "A customer's chats (previous chats, for the agent helping them)",
        params: IdParams,
        querystring: ListCustomerSessionsQuery,
        response: { 200: page(SessionView), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const { items, nextCursor } = await listCustomerSessions(ctx, {
        viewer,
        customerId: request.params.id,
        query: request.query,
      });
      return { items: items.map((item) => presentSessionView(item, audience)), nextCursor };
    },
  );
};
