// Search: the tickets, chats and people a caller may see, found by the words of their subject,
// thread, name or email.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Audience } from '../../services/presenters.js';
import { presentPerson, presentSession } from '../../services/presenters.js';
import type { ServiceContext } from '../../services/context.js';
import { searchAll } from '../../services/search/allSearcher.js';
import { searchChats, type ChatFound } from '../../services/search/chatSearcher.js';
import { searchPeople } from '../../services/search/peopleSearcher.js';
import { searchTickets, type TicketFound } from '../../services/search/ticketSearcher.js';
import { presentTicket } from '../../services/tickets/ticketPresenters.js';
import {
  ChatSearchPage,
  PeopleSearchPage,
  SearchAllResult,
  SearchQuery,
  TicketSearchPage,
} from '../../shared/searchApi.js';
import type { Page } from '../../shared/api.js';
import type { PersonRecord } from '../../storage/repositories/people.js';
import { callerOf, errorResponses } from './common.js';

const ticketsPage = (page: Page<TicketFound>, audience: Audience, now: number) => ({
  items: page.items.map((item) => ({
    ticket: presentTicket(item.record, audience, now),
    match: { in: item.matchIn, messageId: item.messageId, snippet: item.snippet },
  })),
  nextCursor: page.nextCursor,
});

const chatsPage = (page: Page<ChatFound>, audience: Audience) => ({
  items: page.items.map((item) => ({
    chat: presentSession(item.record, audience),
    match: { in: item.matchIn, messageId: item.messageId, snippet: item.snippet },
  })),
  nextCursor: page.nextCursor,
});

const peoplePage = (page: Page<PersonRecord>, audience: Audience) => ({
  items: page.items.map((person) => presentPerson(person, audience)),
  nextCursor: page.nextCursor,
});

export const searchRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['tickets', 'sessions'],
        operationId: 'search',
        description:
          "Full-text search (the database's own index, no search server) of what the caller may see, by `kind`. `tickets`: subject or thread holds every word of `q`; the inbox's filters combine with it. `chats`: subject or messages hold every word, or the customer's name or email contains each. `people` (the desk only; 403 for a customer): customers and agents whose name or email contains each word, by name. The last word also matches as the start of a word, best match first, each ticket or chat with where it matched and a snippet with the matched words marked. The same visibility as the inbox and the chat lists (a customer finds only their own tickets and chats); internal notes count only for agents who may read them, so a customer never finds anything by a note. `all` (the default) answers the first page of each kind the caller may search, grouped (`people` null for a customer); page on with that kind and its `nextCursor`. An empty `q` is a 400; a `q` without any letter or digit finds nothing.",
        summary: 'Search tickets, chats and people',
        querystring: SearchQuery,
        response: {
          200: z.union([TicketSearchPage, ChatSearchPage, PeopleSearchPage, SearchAllResult]),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const query = request.query;
      const now = ctx.clock.now();
      switch (query.kind) {
        case 'tickets':
          return ticketsPage(await searchTickets(ctx, viewer, query), audience, now);
        case 'chats':
          return chatsPage(await searchChats(ctx, viewer, query), audience);
        case 'people':
          return peoplePage(await searchPeople(ctx, viewer, query), audience);
        case 'all': {
          const { tickets, chats, people } = await searchAll(ctx, viewer, query);
          return {
            tickets: ticketsPage(tickets, audience, now),
            chats: chatsPage(chats, audience),
            people: people && peoplePage(people, audience),
          };
        }
      }
    },
  );
};
