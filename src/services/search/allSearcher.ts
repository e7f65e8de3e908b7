// Searches every kind the viewer may search at once (`kind=all`, the search box): the first page
// of tickets, chats and, for the desk, people. Each kind pages on with its own kind and cursor.
import { invalid } from '../../domain/errors.js';
import { personPolicy, type Viewer } from '../../domain/policies.js';
import type { SearchQuery } from '../../shared/searchApi.js';
import type { ServiceContext } from '../context.js';
import { searchChats } from './chatSearcher.js';
import { searchPeople } from './peopleSearcher.js';
import { searchTickets } from './ticketSearcher.js';

export async function searchAll(ctx: ServiceContext, viewer: Viewer, query: SearchQuery) {
  if (query.cursor)
    throw invalid('cursor', 'page one kind at a time (kind=tickets, chats or people)');
  const [tickets, chats, people] = await Promise.all([
    searchTickets(ctx, viewer, query),
    searchChats(ctx, viewer, query),
    personPolicy.search(viewer) ? searchPeople(ctx, viewer, query) : null,
  ]);
  return { tickets, chats, people };
}
