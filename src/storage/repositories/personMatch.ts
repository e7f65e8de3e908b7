// Whether a person's name or email contains every word, case-folded: people search and chat
// search's customer matches. The same question on both databases, each answered by migration
// 0034's index: on PostgreSQL the pg_trgm GIN indexes answer the `lower(…) like` itself; on
// SQLite the FTS5 trigram table answers the words of three characters or more (a trigram
// index cannot hold a shorter one), and a shorter word is the `like` scan over what it leaves.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { DialectName } from '../store.js';
import { PEOPLE_FTS } from '../migrations/0034_people_search.js';
import { containsText } from './textMatch.js';

/** The shortest word the trigram table can look up. */
const TRIGRAM = 3;

/** `alias`'s (a `users` row's) name or email contains each of `words` (lower case). */
export function personContains(
  dialect: DialectName,
  alias: string,
  words: readonly string[],
): Expression<SqlBool> {
  const scanned = (word: string) =>
    sql<SqlBool>`(${containsText(`${alias}.name`, word)} or ${containsText(`${alias}.email`, word)})`;
  // Code points, as the trigram tokenizer counts them.
  const indexed = dialect === 'sqlite' ? words.filter((w) => [...w].length >= TRIGRAM) : [];
  const rest = words.filter((word) => !indexed.includes(word)).map(scanned);
  if (indexed.length > 0) {
    // Each word a quoted phrase (letters and digits only, so nothing can end the quotes): its
    // trigrams in a row, in the name or in the email, is the word contained there.
    const match = indexed.map((word) => `"${word}"`).join(' ');
    rest.unshift(
      sql<SqlBool>`${sql.ref(`${alias}.rowid`)} in (select rowid from ${sql.table(PEOPLE_FTS)} where ${sql.table(PEOPLE_FTS)} match ${match})`,
    );
  }
  return sql<SqlBool>`(${sql.join(rest, sql` and `)})`;
}
