// Chat search: subjects and message texts ranked by rankedMatches (migration 0019's indexes), and
// the customer's name or email containing each word; each chat once with its best match, through
// the chat lists' visibleTo; notes only for whoever may read them (the query form of
// hiddenMessageTypes).
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type RawBuilder,
  type SqlBool,
} from 'kysely';
import { AGENT_ONLY_MESSAGE_TYPES } from '../../../domain/eventVisibility.js';
import { isAgent, type Viewer } from '../../../domain/policies.js';
import type { SearchTerms } from '../../../domain/search/searchTerms.js';
import type { MessageType } from '../../../shared/vocabulary.js';
import type { Database } from '../../schema.js';
import type { DialectName, Db } from '../../store.js';
import {
  bestMatch,
  messageTexts as textsOf,
  rankedPage,
  textMatches,
  type Match,
  type SearchedText,
  type SearchPage,
} from '../search/rankedMatches.js';
import { visibleTo } from './sessionLists.js';
import { personContains } from '../personMatch.js';

/** Where a chat matched: its subject, its customer's name or email, or one of its messages. */
export type ChatMatchIn = 'subject' | 'customer' | MessageType;

export interface ChatSearchOptions extends SearchPage {
  viewer: Viewer;
}

export interface ChatHit {
  sessionId: string;
  matchIn: ChatMatchIn;
  /** The message that matched best; null for the subject or the customer. */
  messageId: string | null;
}

type SessionsEb = ExpressionBuilder<Database & { cs: Database['chat_sessions'] }, 'cs'>;

const CHAT_TEXT: SearchedText = {
  items: { table: 'chat_sessions', text: 'subject', fts: 'chat_subject_search' },
  messages: {
    table: 'chat_messages',
    itemId: 'session_id',
    kind: 'message_type',
    text: 'message_text',
    fts: 'chat_message_search',
    unindexedKind: 'system',
  },
};

/**
 * Chats whose customer's name or email contains every word (a case-folded `contains`, the same
 * on both databases, indexed by migration 0034: PostgreSQL's parser keeps an email as one token, FTS5 splits it). Scored 0, after
 * every text match, whose scores are negative.
 */
function customerMatches(dialect: DialectName, terms: SearchTerms): RawBuilder<Match> {
  return sql<Match>`select cs.id as item_id, null as message_id, 'customer' as kind, 0 as score
    from chat_sessions cs join users u on u.id = cs.user_id
    where ${personContains(dialect, 'u', terms.words)}`;
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
    .innerJoin(
      textMatches(dialect, options.terms, CHAT_TEXT, [customerMatches(dialect, options.terms)]).as(
        'h',
      ),
      (join) => join.onRef('h.item_id', '=', 'cs.id'),
    )
    .where((eb) => readableType(eb, options.viewer, eb.ref('h.kind')))
    .select('cs.id')
    .select(bestMatch<ChatMatchIn>('cs.id'));
  const { hits, more } = await rankedPage(db, ranked, options);
  return {
    hits: hits.map(({ row, ...match }) => ({ sessionId: row.id, ...match })),
    more,
  };
}

/** The texts of the matched messages, to cut snippets from. */
export const messageTexts = (db: Db, ids: readonly string[]) => textsOf(db, CHAT_TEXT, ids);
