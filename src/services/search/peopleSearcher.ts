// Searches customers and agents by name or email, for the desk only (personPolicy.search): a
// customer is refused (403), as for every list reserved to a role.
import { forbidden } from '../../domain/errors.js';
import { personPolicy, type Viewer } from '../../domain/policies.js';
import { searchTerms } from '../../domain/search/searchTerms.js';
import type { SearchQuery } from '../../shared/searchApi.js';
import type { PersonRecord } from '../../storage/repositories/people.js';
import { searchPeople as searchPeopleRows } from '../../storage/repositories/peopleSearch.js';
import type { ServiceContext } from '../context.js';
import { nextSearchCursor, searchOffset } from './searchPaging.js';

export async function searchPeople(
  ctx: ServiceContext,
  viewer: Viewer,
  query: Pick<SearchQuery, 'q' | 'cursor' | 'limit'>,
): Promise<{ items: PersonRecord[]; nextCursor: string | null }> {
  if (!personPolicy.search(viewer)) throw forbidden('Only the desk searches people');
  const offset = searchOffset(query.cursor);
  const { people, more } = await searchPeopleRows(ctx.store.db, ctx.store.dialect, {
    terms: searchTerms(query.q),
    offset,
    limit: query.limit,
  });
  return { items: people, nextCursor: nextSearchCursor(offset, people.length, more) };
}
