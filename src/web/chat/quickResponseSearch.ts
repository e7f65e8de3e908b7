// Finding a quick response: typing "/" at the start of an empty composer searches them by title
// and content, best matches first.
import type { QuickResponse } from '../../shared/api.js';

/** The search text when the composer holds just "/something" on one line, else null. */
export function slashQuery(text: string): string | null {
  const match = /^\/([^\n]*)$/.exec(text);
  return match ? (match[1] ?? '') : null;
}

/** Titles starting with the query, then titles containing it, then contents containing it. */
export function searchQuickResponses(
  responses: readonly QuickResponse[],
  query: string,
): QuickResponse[] {
  const needle = query.trim().toLocaleLowerCase();
  if (!needle) return [...responses];
  const rank = (response: QuickResponse): number => {
    const title = response.title.toLocaleLowerCase();
    if (title.startsWith(needle)) return 0;
    if (title.includes(needle)) return 1;
    if (response.content.toLocaleLowerCase().includes(needle)) return 2;
    return -1;
  };
  return responses
    .map((response) => ({ response, rank: rank(response) }))
    .filter(({ rank }) => rank >= 0)
    .sort((a, b) => a.rank - b.rank)
    .map(({ response }) => response);
}
