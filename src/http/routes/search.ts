// Search: the tickets a caller may see, found by the words of their subject and thread.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { page } from '../../shared/api.js';
import { SearchQuery, TicketSearchResult } from '../../shared/searchApi.js';
import type { ServiceContext } from '../../services/context.js';
import { searchTickets } from '../../services/search/ticketSearcher.js';
import { presentTicket } from '../../services/tickets/ticketPresenters.js';
import { callerOf, errorResponses } from './common.js';

export const searchRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['tickets'],
        operationId: 'search',
        description:
          "Full-text search (the database's own index, no search server): tickets whose subject or thread holds every word of `q`, the last word also as the start of a word, best match first, each with where it matched and a snippet with the matched words marked. The same visibility as the inbox (a requester finds only their own tickets); internal notes count only for agents who may read them, so a requester never finds a ticket by a note. The inbox's filters combine with it. An empty `q` is a 400; a `q` without any letter or digit finds nothing.",
        summary: 'Search tickets',
        querystring: SearchQuery,
        response: { 200: page(TicketSearchResult), ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const { items, nextCursor } = await searchTickets(ctx, viewer, request.query);
      const now = ctx.clock.now();
      return {
        items: items.map((item) => ({
          ticket: presentTicket(item.record, audience, now),
          match: { in: item.matchIn, messageId: item.messageId, snippet: item.snippet },
        })),
        nextCursor,
      };
    },
  );
};
