// The REST API's search (`GET /api/v1/search`) as zod schemas: what was asked, and each ticket
// found with where it matched and the matched words marked. Rules: docs/tickets.md#search.
import { z } from 'zod';
import { Id, optionalText, searchWords } from './api.js';
import { ListTicketsQuery, Ticket } from './ticketsApi.js';

export const SEARCH_KINDS = ['tickets'] as const;

export const SearchQuery = ListTicketsQuery.pick({
  status: true,
  teamId: true,
  assigneeId: true,
  priority: true,
  tag: true,
}).extend({
  q: searchWords(200).describe(
    'the words to find, all of them; the last one also as the start of a word while it is typed (no space after it). Quotes, `*`, `-` and the like are only separators',
  ),
  kind: z.enum(SEARCH_KINDS).default('tickets').describe('what to search: tickets'),
  cursor: optionalText(200).optional().describe('nextCursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

export const SnippetPart = z.object({
  text: z.string(),
  match: z.boolean().describe('a word the search matched'),
});
export type SnippetPart = z.infer<typeof SnippetPart>;

export const TicketSearchResult = z.object({
  ticket: Ticket,
  match: z.object({
    in: z
      .enum(['subject', 'reply', 'note'])
      .describe('where it matched best: its subject, a reply, or (agents only) a note'),
    messageId: Id.nullable().describe('the message that matched; null for the subject'),
    snippet: z
      .array(SnippetPart)
      .describe('the matched text around the first match, cut with `…`, in parts'),
  }),
});
export type TicketSearchResult = z.infer<typeof TicketSearchResult>;
