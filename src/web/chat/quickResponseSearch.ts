// Finding a quick response: typing "/" at the start of an empty composer searches them by
// shortcut, title and content, best matches first, the chat's own team's responses first among
// equals and the agent's most used first after that; "/fees " (a shortcut and a space) inserts
// that response at once.
import type { QuickResponse } from '../../shared/api.js';

/** The search text when the composer holds just "/something" on one line, else null. */
export function slashQuery(text: string): string | null {
  const match = /^\/([^\n]*)$/.exec(text);
  return match ? (match[1] ?? '') : null;
}

/**
 * The response whose shortcut the composer holds, typed out and followed by a space ("/fees "),
 * else null. Of responses with the same shortcut, the agent's own wins, then the chat's team's
 * (`teamId`), then the shared one, then another team's.
 */
export function typedShortcut(
  responses: readonly QuickResponse[],
  text: string,
  teamId: string | null = null,
): QuickResponse | null {
  const match = /^\/([a-z0-9-]+) $/.exec(text);
  return match ? byShortcut(responses, match[1]!, teamId) : null;
}

/** How near a response is to the chat: its agent's, its team's, everyone's, another team's. */
const nearness = (response: QuickResponse, teamId: string | null): number => {
  if (response.scope === 'personal') return 0;
  if (response.scope === 'team') return response.team?.id === teamId ? 1 : 3;
  return 2;
};

const byShortcut = (responses: readonly QuickResponse[], shortcut: string, teamId: string | null) =>
  responses
    .filter((r) => r.shortcut === shortcut)
    .sort((a, b) => nearness(a, teamId) - nearness(b, teamId))[0] ?? null;

/**
 * An exact shortcut first (so Enter inserts it), then shortcuts starting with the query, titles
 * starting with it, titles containing it, contents containing it; among equals the responses of
 * the chat's team (`teamId`) first, then the most used first.
 */
export function searchQuickResponses(
  responses: readonly QuickResponse[],
  query: string,
  teamId: string | null = null,
): QuickResponse[] {
  const needle = query.trim().toLocaleLowerCase();
  if (!needle) return preferred(responses, teamId);
  const exact = byShortcut(responses, needle, teamId);
  const rank = (response: QuickResponse): number => {
    const title = response.title.toLocaleLowerCase();
    if (response === exact) return 0;
    if (response.shortcut?.startsWith(needle)) return 1;
    if (title.startsWith(needle)) return 2;
    if (title.includes(needle)) return 3;
    if (response.content.toLocaleLowerCase().includes(needle)) return 4;
    return -1;
  };
  return preferred(responses, teamId)
    .map((response) => ({ response, rank: rank(response) }))
    .filter(({ rank }) => rank >= 0)
    .sort((a, b) => a.rank - b.rank)
    .map(({ response }) => response);
}

const ofTeam = (response: QuickResponse, teamId: string | null) =>
  teamId !== null && response.team?.id === teamId ? 0 : 1;

/**
 * The chat's team's responses first, then the agent's most used first; a stable sort keeps the
 * server's order (by title) among equals.
 */
const preferred = (responses: readonly QuickResponse[], teamId: string | null) =>
  [...responses].sort((a, b) => ofTeam(a, teamId) - ofTeam(b, teamId) || b.useCount - a.useCount);

export interface QuickResponseGroup {
  /** Null for the responses without a category. */
  category: string | null;
  responses: QuickResponse[];
}

/**
 * Matches grouped by category for the picker, each group where its best match was, so the
 * order within and across groups stays the ranking's; responses without a category come last.
 */
export function groupByCategory(matches: readonly QuickResponse[]): QuickResponseGroup[] {
  const groups = new Map<string | null, QuickResponse[]>();
  for (const response of matches) {
    const key = response.category?.trim() || null;
    const group = groups.get(key);
    if (group) group.push(response);
    else groups.set(key, [response]);
  }
  const uncategorized = groups.get(null);
  groups.delete(null);
  return [
    ...[...groups].map(([category, responses]) => ({ category, responses })),
    ...(uncategorized ? [{ category: null, responses: uncategorized }] : []),
  ];
}

/** The matches in the order the picker shows them: group after group (arrow keys walk this). */
export const pickerOrder = (groups: readonly QuickResponseGroup[]): QuickResponse[] =>
  groups.flatMap((group) => group.responses);
