// Chat search: subjects and message texts matched by the database's full-text index (FTS5 on
// SQLite, a `simple` tsvector on PostgreSQL, migration 0019), and the customer's name or email
// containing each word; ranked, each chat once with its best match, through the chat lists'
// visibleTo; notes only for whoever may read them (the query form of hiddenMessageTypes).
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type RawBuilder,
  type SqlBool,
} from 'kysely';
import { AGENT_ONLY_MESSAGE_TYPES } from '../../../domain/eventVisibility.js';
import { isAgent, type Viewer } from '../../../domain/policies.js';
import { fts5Query, tsQuery, type SearchTerms } from '../../../domain/search/searchTerms.js';
import type { MessageType } from '../../../shared/vocabulary.js';
import type { Database } from '../../schema.js';
import type { DialectName, Db } from '../../store.js';
import { visibleTo } from '../sessions.js';
import { containsText } from '../textMatch.js';

/** Where a chat matched: its subject, its customer's name or email, or one of its messages. */
export type ChatMatchIn = 'subject' | 'customer' | MessageType;

export interface ChatSearchOptions {
  viewer: Viewer;
  terms: SearchTerms;
  offset: number;
  limit: number;
}

export interface ChatHit {
  sessionId: string;
  matchIn: ChatMatchIn;
  /** The message that matched best; null for the subject or the customer. */
  messageId: string | null;
}

interface Hit {
  session_id: string;
  message_id: string | null;
  kind: string;
  /** Lower is better. */
  score: number;
}

type SessionsEb = ExpressionBuilder<Database & { cs: Database['chat_sessions'] }, 'cs'>;

/** A subject match weighs this much more than a match in a message (as for tickets). */
const SUBJECT_WEIGHT = 2;

/**
 * Chats whose customer's name or email contains every word (a plain `contains`, the same on both
 * databases: PostgreSQL's parser keeps an email as one token, FTS5 splits it). Scored 0, after
 * every text match, whose scores are negative.
 */
function customerHits(terms: SearchTerms): RawBuilder<Hit> {
  const each = terms.words.map(
    (word) => sql`(${containsText('u.name', word)} or ${containsText('u.email', word)})`,
  );
  return sql<Hit>`select cs.id as session_id, null as message_id, 'customer' as kind, 0 as score
    from chat_sessions cs join users u on u.id = cs.user_id where ${sql.join(each, sql` and `)}`;
}

/** Every subject, message and customer that matches, with its score. */
function hits(dialect: DialectName, terms: SearchTerms): RawBuilder<Hit> {
  if (dialect === 'postgres') {
    const query = tsQuery(terms);
    // The expressions are those of the GIN indexes, so the indexes answer the @@.
    return sql<Hit>`(
      select s.id as session_id, null as message_id, 'subject' as kind,
        -${sql.lit(SUBJECT_WEIGHT)} * ts_rank(to_tsvector('simple', s.subject), to_tsquery('simple', ${query})) as score
      from chat_sessions s where to_tsvector('simple', s.subject) @@ to_tsquery('simple', ${query})
      union all
      select m.session_id, m.id, m.message_type,
        -ts_rank(to_tsvector('simple', m.message_text), to_tsquery('simple', ${query}))
      from chat_messages m where to_tsvector('simple', m.message_text) @@ to_tsquery('simple', ${query})
      union all
      ${customerHits(terms)}
    )`;
  }
  const query = fts5Query(terms);
  // bm25() is negative, more so for a better match; the FTS rows are the tables' rowids.
  return sql<Hit>`(
    select s.id as session_id, null as message_id, 'subject' as kind,
      ${sql.lit(SUBJECT_WEIGHT)} * bm25(chat_subject_search) as score
    from chat_subject_search join chat_sessions s on s.rowid = chat_subject_search.rowid
    where chat_subject_search match ${query}
    union all
    select m.session_id, m.id, m.message_type, bm25(chat_message_search)
    from chat_message_search join chat_messages m on m.rowid = chat_message_search.rowid
    where chat_message_search match ${query}
    union all
    ${customerHits(terms)}
  )`;
}

/**
 * Whether a message of `type` in the chat `cs` (which `viewer` sees by visibleTo) may be read
 * by `viewer`: the query form of hiddenMessageTypes. Notes are for sessionPolicy.readNotes,
 * which, among those who see the chat, is any agent but its customer.
 */
export function readableType(
  eb: SessionsEb,
  viewer: Viewer,
  type: Expression<string>,
): Expression<SqlBool> {
  const hidden: string[] = [...AGENT_ONLY_MESSAGE_TYPES];
  if (!isAgent(viewer)) return eb(type, 'not in', hidden);
  return eb.or([eb(type, 'not in', hidden), eb('cs.user_id', '<>', viewer.id)]);
}

/** A page of the chats that match, best first (ties by id), each once with its best match. */
export async function searchChats(
  db: Db,
  dialect: DialectName,
  options: ChatSearchOptions,
): Promise<{ hits: ChatHit[]; more: boolean }> {
  if (options.terms.words.length === 0) return { hits: [], more: false };
  const ranked = db
    .selectFrom('chat_sessions as cs')
    .where((eb) => visibleTo(eb, options.viewer))
    .innerJoin(hits(dialect, options.terms).as('h'), (join) =>
      join.onRef('h.session_id', '=', 'cs.id'),
    )
    .where((eb) => readableType(eb, options.viewer, eb.ref('h.kind')))
    .select([
      'cs.id',
      'h.kind as match_kind',
      'h.message_id as match_message_id',
      'h.score as match_score',
      sql<number>`row_number() over (partition by cs.id order by h.score, h.message_id)`.as(
        'match_nth',
      ),
    ]);
  const rows = await db
    .selectFrom(ranked.as('r'))
    .select(['r.id', 'r.match_kind', 'r.match_message_id'])
    .where('r.match_nth', '=', 1)
    .orderBy('r.match_score')
    .orderBy('r.id')
    .limit(options.limit + 1)
    .offset(options.offset)
    .execute();
  return {
    hits: rows.slice(0, options.limit).map((row) => ({
      sessionId: row.id,
      matchIn: row.match_kind as ChatMatchIn,
      messageId: row.match_message_id,
    })),
    more: rows.length > options.limit,
  };
}

/** The texts of the matched messages, to cut snippets from. */
export async function messageTexts(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('chat_messages')
    .select(['id', 'message_text'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((row) => [row.id, row.message_text]));
}
