// Searches the tickets a viewer may see (the inbox's visibleTo and filters), by subject and
// thread; a note counts only for whoever may read it, so a requester never finds a ticket by
// the words of an internal note. Returns each ticket with where it matched and a snippet.
import { searchSnippet, type SnippetPart } from '../../domain/search/searchSnippet.js';
import { searchTerms } from '../../domain/search/searchTerms.js';
import type { Viewer } from '../../domain/policies.js';
import type { SearchQuery } from '../../shared/searchApi.js';
import {
  ticketRecords,
  type TicketRecord,
} from '../../storage/repositories/tickets/ticketRecords.js';
import {
  messageBodies,
  searchTickets as searchTicketRows,
  type TicketMatchIn,
} from '../../storage/repositories/tickets/ticketSearch.js';
import type { ServiceContext } from '../context.js';
import { nextSearchCursor, searchOffset } from './searchPaging.js';

export interface TicketFound {
  record: TicketRecord;
  matchIn: TicketMatchIn;
  messageId: string | null;
  snippet: SnippetPart[];
}

export async function searchTickets(
  ctx: ServiceContext,
  viewer: Viewer,
  query: SearchQuery,
): Promise<{ items: TicketFound[]; nextCursor: string | null }> {
  const { db, dialect } = ctx.store;
  const terms = searchTerms(query.q);
  const offset = searchOffset(query.cursor);
  const { hits, more } = await searchTicketRows(db, dialect, {
    viewer,
    statuses: query.status,
    teamId: query.teamId,
    assigneeId: query.assigneeId === 'me' ? viewer.id : query.assigneeId,
    priority: query.priority,
    tag: query.tag,
    terms,
    offset,
    limit: query.limit,
  });
  const records = await ticketRecords(
    db,
    hits.map((hit) => hit.row),
  );
  const bodies = await messageBodies(
    db,
    hits.flatMap((hit) => hit.messageId ?? []),
  );
  const items = hits.map((hit, i) => ({
    record: records[i]!,
    matchIn: hit.matchIn,
    messageId: hit.messageId,
    snippet: searchSnippet(
      hit.messageId ? (bodies.get(hit.messageId) ?? '') : hit.row.subject,
      terms,
    ),
  }));
  return { items, nextCursor: nextSearchCursor(offset, hits.length, more) };
}
