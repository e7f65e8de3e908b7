// Ticket search: subjects and messages ranked by rankedMatches (migration 0015's indexes), each
// ticket once with its best match, through the inbox's visibility and filters; notes only for
// whoever may read them.
import type { TicketMessageKind } from '../../../shared/vocabulary.js';
import type { TicketRow } from '../../schema.js';
import type { DialectName, Db } from '../../store.js';
import {
  bestMatch,
  messageTexts,
  rankedPage,
  textMatches,
  type RankedItem,
  type SearchedText,
  type SearchPage,
} from '../search/rankedMatches.js';
import { filteredTickets, readableKind, type TicketFilter } from './ticketList.js';

/** Where a ticket matched: its subject, or one message of its thread. */
export type TicketMatchIn = 'subject' | TicketMessageKind;

export type TicketSearchOptions = TicketFilter & SearchPage;

/** A ticket that matched, with where it matched best (messageId null for the subject). */
export type TicketHit = RankedItem<TicketRow, TicketMatchIn>;

const TICKET_TEXT: SearchedText = {
  items: { table: 'tickets', text: 'subject', fts: 'ticket_subject_search' },
  messages: {
    table: 'ticket_messages',
    itemId: 'ticket_id',
    kind: 'kind',
    text: 'body',
    fts: 'ticket_message_search',
  },
};

/**
 * A page of the tickets that match, best first (ties by id), each once with where it matched
 * best; `more` when another page follows. A message counts for the ticket whose thread shows it
 * now (a merged ticket's thread moved to the ticket it was merged into).
 */
export async function searchTickets(
  db: Db,
  dialect: DialectName,
  options: TicketSearchOptions,
): Promise<{ hits: TicketHit[]; more: boolean }> {
  if (options.terms.words.length === 0) return { hits: [], more: false };
  const ranked = filteredTickets(db, options)
    .innerJoin(textMatches(dialect, options.terms, TICKET_TEXT).as('h'), (join) =>
      join.onRef('h.item_id', '=', 't.id'),
    )
    .where((eb) => readableKind(eb, options.viewer, eb.ref('h.kind')))
    .select(bestMatch<TicketMatchIn>('t.id'));
  return rankedPage(db, ranked, options);
}

/** The bodies of the matched messages, to cut snippets from. */
export const messageBodies = (db: Db, ids: readonly string[]) => messageTexts(db, TICKET_TEXT, ids);
