// Ticket search: subjects and messages matched by the database's full-text index (FTS5 on SQLite,
// a `simple` tsvector on PostgreSQL, migration 0015), ranked, each ticket once with its best
// match, through the inbox's visibility and filters; notes only for whoever may read them.
import { sql, type RawBuilder } from 'kysely';
import { fts5Query, tsQuery, type SearchTerms } from '../../../domain/search/searchTerms.js';
import type { TicketMessageKind } from '../../../shared/vocabulary.js';
import type { TicketRow } from '../../schema.js';
import type { DialectName, Db } from '../../store.js';
import { filteredTickets, readableKind, type TicketFilter } from './ticketList.js';

/** Where a ticket matched: its subject, or one message of its thread. */
export type TicketMatchIn = 'subject' | TicketMessageKind;

export interface TicketSearchOptions extends TicketFilter {
  terms: SearchTerms;
  offset: number;
  limit: number;
}

export interface TicketHit {
  row: TicketRow;
  matchIn: TicketMatchIn;
  /** The message that matched best; null for the subject. */
  messageId: string | null;
}

interface Hit {
  ticket_id: string;
  message_id: string | null;
  kind: string;
  /** Lower is better. */
  score: number;
}

/** A subject match weighs this much more than a match in a message. */
const SUBJECT_WEIGHT = 2;

/** Every subject and message that matches, with its score: the one place the dialects differ. */
function hits(dialect: DialectName, terms: SearchTerms): RawBuilder<Hit> {
  if (dialect === 'postgres') {
    const query = tsQuery(terms);
    // The expressions are those of the GIN indexes, so the indexes answer the @@.
    return sql<Hit>`(
      select s.id as ticket_id, null as message_id, 'subject' as kind,
        -${sql.lit(SUBJECT_WEIGHT)} * ts_rank(to_tsvector('simple', s.subject), to_tsquery('simple', ${query})) as score
      from tickets s where to_tsvector('simple', s.subject) @@ to_tsquery('simple', ${query})
      union all
      select m.ticket_id, m.id, m.kind,
        -ts_rank(to_tsvector('simple', m.body), to_tsquery('simple', ${query}))
      from ticket_messages m where to_tsvector('simple', m.body) @@ to_tsquery('simple', ${query})
    )`;
  }
  const query = fts5Query(terms);
  // bm25() is negative, more so for a better match; the FTS rows are the tables' rowids.
  return sql<Hit>`(
    select s.id as ticket_id, null as message_id, 'subject' as kind,
      ${sql.lit(SUBJECT_WEIGHT)} * bm25(ticket_subject_search) as score
    from ticket_subject_search join tickets s on s.rowid = ticket_subject_search.rowid
    where ticket_subject_search match ${query}
    union all
    select m.ticket_id, m.id, m.kind, bm25(ticket_message_search)
    from ticket_message_search join ticket_messages m on m.rowid = ticket_message_search.rowid
    where ticket_message_search match ${query}
  )`;
}

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
    .innerJoin(hits(dialect, options.terms).as('h'), (join) =>
      join.onRef('h.ticket_id', '=', 't.id'),
    )
    .where((eb) => readableKind(eb, options.viewer, eb.ref('h.kind')))
    .select([
      'h.kind as match_kind',
      'h.message_id as match_message_id',
      'h.score as match_score',
      sql<number>`row_number() over (partition by t.id order by h.score, h.message_id)`.as(
        'match_nth',
      ),
    ]);
  const rows = await db
    .selectFrom(ranked.as('r'))
    .selectAll('r')
    .where('r.match_nth', '=', 1)
    .orderBy('r.match_score')
    .orderBy('r.id')
    .limit(options.limit + 1)
    .offset(options.offset)
    .execute();
  const more = rows.length > options.limit;
  return {
    hits: rows
      .slice(0, options.limit)
      .map(({ match_kind, match_message_id, match_score: _, match_nth: __, ...row }) => ({
        row,
        matchIn: match_kind as TicketMatchIn,
        messageId: match_message_id,
      })),
    more,
  };
}

/** The bodies of the matched messages, to cut snippets from. */
export async function messageBodies(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('ticket_messages')
    .select(['id', 'body'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((row) => [row.id, row.body]));
}
