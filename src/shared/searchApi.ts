// The REST API's search (`GET /api/v1/search`) as zod schemas: what was asked, and each ticket,
// chat or person found, with where it matched and the matched words marked; or, for `all`, the
// first page of each kind at once. Rules: docs/tickets.md#search.
import { z } from 'zod';
import { Id, optionalText, page, Person, searchWords, Session } from './api.js';
import { MESSAGE_TYPES } from './vocabulary.js';
import { ListTicketsQuery, Ticket } from './ticketsApi.js';

export const SEARCH_KINDS = ['all', 'tickets', 'chats', 'people'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

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
  kind: z
    .enum(SEARCH_KINDS)
    .default('all')
    .describe(
      'what to search: tickets, chats, people (the desk only), or all (the first page of each kind the caller may search)',
    ),
  cursor: optionalText(200)
    .optional()
    .describe('nextCursor from the previous page of the same kind (not with `all`)'),
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

export const ChatSearchResult = z.object({
  chat: Session,
  match: z.object({
    in: z
      .enum(['subject', 'customer', ...MESSAGE_TYPES])
      .describe(
        "where it matched best: its subject, its customer's name or email, or a message of that type (a note: agents only)",
      ),
    messageId: Id.nullable().describe('the message that matched; null for the subject or customer'),
    snippet: z
      .array(SnippetPart)
      .describe('the matched text around the first match, cut with `…`, in parts'),
  }),
});
export type ChatSearchResult = z.infer<typeof ChatSearchResult>;

export const TicketSearchPage = page(TicketSearchResult);
export const ChatSearchPage = page(ChatSearchResult);
export const PeopleSearchPage = page(Person);

/** `kind=all`: the first page of each kind; `people` is null for a customer. */
export const SearchAllResult = z.object({
  tickets: TicketSearchPage,
  chats: ChatSearchPage,
  people: PeopleSearchPage.nullable(),
});
export type SearchAllResult = z.infer<typeof SearchAllResult>;
