// People search for the desk: customers and agents whose name or email contains every word
// searched (a case-folded `contains`, the same on both databases, indexed by migration 0034:
// personMatch.ts), by name regardless of case.
import { sql } from 'kysely';
import type { SearchTerms } from '../../domain/search/searchTerms.js';
import type { DialectName, Db } from '../store.js';
import type { PersonRecord } from './people.js';
import { personContains } from './personMatch.js';

export interface PeopleSearchOptions {
  terms: SearchTerms;
  offset: number;
  limit: number;
}

/** A page of the people that match, by name then id. */
export async function searchPeople(
  db: Db,
  dialect: DialectName,
  options: PeopleSearchOptions,
): Promise<{ people: PersonRecord[]; more: boolean }> {
  if (options.terms.words.length === 0) return { people: [], more: false };
  const rows = await db
    .selectFrom('users as u')
    .select(['u.id', 'u.name', 'u.email', 'u.role'])
    .where(personContains(dialect, 'u', options.terms.words))
    .orderBy(sql`lower(u.name)`)
    .orderBy('u.id')
    .limit(options.limit + 1)
    .offset(options.offset)
    .execute();
  return { people: rows.slice(0, options.limit), more: rows.length > options.limit };
}
