// Ticket search: subjects and messages ranked by rankedMatches (migration 0015's indexes), each
// ticket once with its best match, through the inbox's visibility and filters; notes only for
// whoever may read them.
import type { TicketMessageKind } from '../../../shared/vocabulary.js';
import type { TicketRow } from '../../schema.js';
import type { DialectName, Db } from '../../store.js';
import { sql } from 'kysely';
import {
  bestMatch,
  messageTexts,
  postgresMessageMatches,
  postgresTextMatch,
  SUBJECT_WEIGHT,
  rankedPage,
  textMatches,
  type Match,
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
  // Only the tickets' ids are ranked (every match is, before the page is cut): the rows of the
  // page alone are read whole, afterwards, not sorted with all the matches.
  const visible = filteredTickets(db, options).clearSelect();
  let ranked;
  if (dialect === 'postgres') {
    // A subject match is a condition on the ticket itself, beside its visibility, so the
    // ticket is read once (and never read again by id to be looked at); only the message
    // matches are joined to their tickets.
    const subject = postgresTextMatch(options.terms, sql.ref('t.subject'));
    const subjects = visible
      .where(subject.matches)
      .select([
        't.id as item_id',
        sql<string | null>`null`.as('message_id'),
        sql<string>`'subject'`.as('kind'),
        sql<number>`-${sql.lit(SUBJECT_WEIGHT)} * ${subject.rank}`.as('score'),
      ]);
    const messages = visible
      .innerJoin(
        sql<Match>`(${postgresMessageMatches(options.terms, TICKET_TEXT.messages)})`.as('h'),
        (join) => join.onRef('h.item_id', '=', 't.id'),
      )
      .where((eb) => readableKind(eb, options.viewer, eb.ref('h.kind')))
      .select([
        't.id as item_id',
        sql<string | null>`h.message_id`.as('message_id'),
        sql<string>`h.kind`.as('kind'),
        sql<number>`h.score`.as('score'),
      ]);
    ranked = db
      .selectFrom(subjects.unionAll(messages).as('h'))
      .select(['h.item_id as id', ...bestMatch<TicketMatchIn>('h.item_id')]);
  } else {
    ranked = visible
      .innerJoin(textMatches(dialect, options.terms, TICKET_TEXT).as('h'), (join) =>
        join.onRef('h.item_id', '=', 't.id'),
      )
      .where((eb) => readableKind(eb, options.viewer, eb.ref('h.kind')))
      .select(['t.id', ...bestMatch<TicketMatchIn>('t.id')]);
  }
  const { hits, more } = await rankedPage(db, ranked, options);
  const ids = hits.map((hit) => hit.row.id);
  const rows = ids.length
    ? await db.selectFrom('tickets').selectAll().where('id', 'in', ids).execute()
    : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return {
    // A ticket deleted between the two reads is left out rather than shown half.
    hits: hits.flatMap((hit) => {
      const row = byId.get(hit.row.id);
      return row ? [{ ...hit, row }] : [];
    }),
    more,
  };
}

/** The bodies of the matched messages, to cut snippets from. */
export const messageBodies = (db: Db, ids: readonly string[]) => messageTexts(db, TICKET_TEXT, ids);
