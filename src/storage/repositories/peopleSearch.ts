// People search for the desk: customers and agents whose name or email contains every word
// searched (a plain `contains`, the same on both databases), by name regardless of case.
import { sql } from 'kysely';
import type { SearchTerms } from '../../domain/search/searchTerms.js';
import type { Db } from '../store.js';
import type { PersonRecord } from './people.js';
import { containsText } from './textMatch.js';

export interface PeopleSearchOptions {
  terms: SearchTerms;
  offset: number;
  limit: number;
}

/** A page of the people that match, by name then id. */
export async function searchPeople(
  db: Db,
  options: PeopleSearchOptions,
): Promise<{ people: PersonRecord[]; more: boolean }> {
  if (options.terms.words.length === 0) return { people: [], more: false };
  let query = db.selectFrom('users as u').select(['u.id', 'u.name', 'u.email', 'u.role']);
  for (const word of options.terms.words) {
    query = query.where((eb) =>
      eb.or([containsText('u.name', word), containsText('u.email', word)]),
    );
  }
  const rows = await query
    .orderBy(sql`lower(u.name)`)
    .orderBy('u.id')
    .limit(options.limit + 1)
    .offset(options.offset)
    .execute();
  return { people: rows.slice(0, options.limit), more: rows.length > options.limit };
}
