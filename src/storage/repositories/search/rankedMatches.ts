// Full-text matches ranked, the mechanism of ticket and chat search: each item's subject and
// messages matched by the database's full-text index (FTS5 on SQLite, a `simple` tsvector on
// PostgreSQL, migrations 0015 and 0019), each item kept once with its best match, best first
// (ties by id), a page by position; and the matched messages' texts, to cut snippets from.
import { sql, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { fts5Query, tsQuery, type SearchTerms } from '../../../domain/search/searchTerms.js';
import type { Database } from '../../schema.js';
import type { DialectName, Db } from '../../store.js';

/** Where one kind of item (a ticket, a chat) keeps its searched text, as the migrations index it. */
export interface SearchedText {
  /** The items' table, its searched column (the subject) and its FTS5 table on SQLite. */
  items: { table: keyof Database; text: string; fts: string };
  /** The messages' table, its columns (item, kind, text) and its FTS5 table on SQLite. */
  messages: {
    table: 'ticket_messages' | 'chat_messages';
    itemId: string;
    kind: string;
    text: string;
    fts: string;
    /** A kind of message the index leaves out (migration 0019: system lines), left out here too. */
    unindexedKind?: string;
  };
}

/** What a search asks for: its words, and the page (by position). */
export interface SearchPage {
  terms: SearchTerms;
  offset: number;
  limit: number;
}

/** One match: in the item's subject (message_id null, kind 'subject') or in one message. */
export interface Match {
  item_id: string;
  message_id: string | null;
  kind: string;
  /** Lower is better. */
  score: number;
}

/** What bestMatch adds to an item's row, to rank by (`Kind`: where the item may match). */
export interface BestMatchColumns<Kind extends string = string> {
  match_kind: Kind;
  match_message_id: string | null;
  match_score: number;
  match_nth: number;
}

/**
 * PostgreSQL: whether `text` matches the terms, and its rank; the expressions are those of the GIN
 * indexes (migrations 0015, 0019), so the indexes answer the @@.
 */
export function postgresTextMatch(
  terms: SearchTerms,
  text: RawBuilder<unknown> | ReturnType<typeof sql.ref>,
) {
  const query = sql`to_tsquery('simple', ${tsQuery(terms)})`;
  const vector = sql`to_tsvector('simple', ${text})`;
  return {
    matches: sql<SqlBool>`${vector} @@ ${query}`,
    rank: sql<number>`ts_rank(${vector}, ${query})`,
  };
}

/** PostgreSQL: every message that matches, as a Match (`m` is the messages' table). */
export function postgresMessageMatches(
  terms: SearchTerms,
  messages: SearchedText['messages'],
): RawBuilder<Match> {
  const text = postgresTextMatch(terms, sql.ref(`m.${messages.text}`));
  // PostgreSQL uses a partial index only for a query that repeats its condition.
  const indexed = messages.unindexedKind
    ? sql`and ${sql.ref(`m.${messages.kind}`)} <> ${sql.lit(messages.unindexedKind)}`
    : sql``;
  return sql<Match>`select ${sql.ref(`m.${messages.itemId}`)} as item_id, m.id as message_id,
      ${sql.ref(`m.${messages.kind}`)} as kind, -${text.rank} as score
    from ${sql.table(messages.table)} m where ${text.matches} ${indexed}`;
}

/** A subject match weighs this much more than a match in a message. */
export const SUBJECT_WEIGHT = 2;

/**
 * Every subject and message that matches, with its score, and the `others` (scored 0 or less,
 * as the text matches are): the one place the dialects differ.
 */
export function textMatches(
  dialect: DialectName,
  terms: SearchTerms,
  { items, messages }: SearchedText,
  others: RawBuilder<Match>[] = [],
): RawBuilder<Match> {
  const s = { table: sql.table(items.table), text: sql.ref(`s.${items.text}`) };
  const m = {
    table: sql.table(messages.table),
    itemId: sql.ref(`m.${messages.itemId}`),
    kind: sql.ref(`m.${messages.kind}`),
    text: sql.ref(`m.${messages.text}`),
  };
  const rest = others.map((other) => sql`union all ${other}`);
  // PostgreSQL uses a partial index only for a query that repeats its condition.
  const indexed = messages.unindexedKind
    ? sql`and ${m.kind} <> ${sql.lit(messages.unindexedKind)}`
    : sql``;
  if (dialect === 'postgres') {
    const subject = postgresTextMatch(terms, s.text);
    return sql<Match>`(
      select s.id as item_id, null as message_id, 'subject' as kind,
        -${sql.lit(SUBJECT_WEIGHT)} * ${subject.rank} as score
      from ${s.table} s where ${subject.matches}
      union all
      ${postgresMessageMatches(terms, messages)}
      ${sql.join(rest, sql` `)}
    )`;
  }
  const query = fts5Query(terms);
  const sFts = sql.table(items.fts);
  const mFts = sql.table(messages.fts);
  // bm25() is negative, more so for a better match; the FTS rows are the tables' rowids.
  return sql<Match>`(
    select s.id as item_id, null as message_id, 'subject' as kind,
      ${sql.lit(SUBJECT_WEIGHT)} * bm25(${sFts}) as score
    from ${sFts} join ${s.table} s on s.rowid = ${sFts}.rowid
    where ${sFts} match ${query}
    union all
    select ${m.itemId}, m.id, ${m.kind}, bm25(${mFts})
    from ${mFts} join ${m.table} m on m.rowid = ${mFts}.rowid
    where ${mFts} match ${query} ${indexed}
    ${sql.join(rest, sql` `)}
  )`;
}

/**
 * The columns that rank an item joined to its matches as `h` (`itemId` is the item's id, as
 * `t.id`): its match, and the match's place among the item's own, best first, so that
 * `match_nth = 1` keeps each item once with its best match.
 */
export function bestMatch<Kind extends string>(itemId: string) {
  return [
    sql<Kind>`h.kind`.as('match_kind'),
    sql<string | null>`h.message_id`.as('match_message_id'),
    sql<number>`h.score`.as('match_score'),
    sql<number>`row_number() over (partition by ${sql.ref(itemId)} order by h.score, h.message_id)`.as(
      'match_nth',
    ),
  ] as const;
}

export interface RankedItem<Row, Kind extends string> {
  row: Row;
  matchIn: Kind;
  /** The message that matched best; null for the subject (or another match of the item's own). */
  messageId: string | null;
}

/**
 * A page of `ranked` (the items' rows with bestMatch's columns, an `id` among them): each item
 * once with its best match, best first (ties by id); `more` when another page follows.
 */
export async function rankedPage<
  O extends BestMatchColumns & { id: string },
  DB,
  TB extends keyof DB,
>(
  db: Db,
  ranked: SelectQueryBuilder<DB, TB, O>,
  page: { offset: number; limit: number },
): Promise<{
  hits: RankedItem<Omit<O, keyof BestMatchColumns>, O['match_kind']>[];
  more: boolean;
}> {
  const rows = (await db
    .selectFrom(ranked.as('r'))
    .selectAll('r')
    .where(sql.ref('r.match_nth'), '=', 1)
    .orderBy(sql.ref('r.match_score'))
    .orderBy(sql.ref('r.id'))
    .limit(page.limit + 1)
    .offset(page.offset)
    .execute()) as O[];
  return {
    hits: rows
      .slice(0, page.limit)
      .map(({ match_kind, match_message_id, match_score: _, match_nth: __, ...row }) => ({
        row,
        matchIn: match_kind,
        messageId: match_message_id,
      })),
    more: rows.length > page.limit,
  };
}

/** The texts of the matched messages, by id, to cut snippets from. */
export async function messageTexts(
  db: Db,
  { messages }: SearchedText,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom(messages.table)
    .select(['id', sql<string>`${sql.ref(messages.text)}`.as('text')])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((row) => [row.id, row.text]));
}
