// Searches the chats a viewer may see (the chat lists' visibleTo), by subject, message text and
// the customer's name or email; a note counts only for whoever may read it, so a customer never
// finds a chat by the words of an internal note. Returns each chat with where it matched and a
// snippet.
import { searchSnippet, type SnippetPart } from '../../domain/search/searchSnippet.js';
import { searchTerms } from '../../domain/search/searchTerms.js';
import type { Viewer } from '../../domain/policies.js';
import type { SearchQuery } from '../../shared/searchApi.js';
import {
  messageTexts,
  searchChats as searchChatRows,
  type ChatMatchIn,
} from '../../storage/repositories/sessions/chatSearch.js';
import {
  findSessionRecords,
  type SessionRecord,
} from '../../storage/repositories/sessions/sessionRecords.js';
import type { ServiceContext } from '../context.js';
import { nextSearchCursor, searchOffset } from './searchPaging.js';

export interface ChatFound {
  record: SessionRecord;
  matchIn: ChatMatchIn;
  messageId: string | null;
  snippet: SnippetPart[];
}

/**
 * The customer as a snippet is cut from. Whoever finds a chat sees its customer's email: the
 * desk sees every email, and a customer finds only their own chats.
 */
const customerText = ({ customer }: SessionRecord) =>
  customer.email ? `${customer.name} <${customer.email}>` : customer.name;

export async function searchChats(
  ctx: ServiceContext,
  viewer: Viewer,
  query: Pick<SearchQuery, 'q' | 'cursor' | 'limit'>,
): Promise<{ items: ChatFound[]; nextCursor: string | null }> {
  const { db, dialect } = ctx.store;
  const terms = searchTerms(query.q);
  const offset = searchOffset(query.cursor);
  const { hits, more } = await searchChatRows(db, dialect, {
    viewer,
    terms,
    offset,
    limit: query.limit,
  });
  const [records, texts] = await Promise.all([
    findSessionRecords(
      db,
      hits.map((hit) => hit.sessionId),
    ),
    messageTexts(
      db,
      hits.flatMap((hit) => hit.messageId ?? []),
    ),
  ]);
  const byId = new Map(records.map((record) => [record.row.id, record]));
  const items = hits.flatMap((hit) => {
    const record = byId.get(hit.sessionId);
    if (!record) return [];
    const text =
      hit.matchIn === 'customer'
        ? customerText(record)
        : hit.messageId
          ? (texts.get(hit.messageId) ?? '')
          : record.row.subject;
    return [{ record, ...hit, snippet: searchSnippet(text, terms) }];
  });
  return { items, nextCursor: nextSearchCursor(offset, hits.length, more) };
}
