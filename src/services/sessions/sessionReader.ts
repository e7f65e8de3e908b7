// Reads sessions for a viewer: one session, the lists of the agent console and customer history.
import { notFound } from '../../domain/errors.js';
import type { Viewer } from '../../domain/policies.js';
import type { ListSessionsQuery } from '../../shared/api.js';
import {
  countSessionViews,
  listSessions as listSessionRecords,
  type SessionListItem,
} from '../../storage/repositories/sessions/sessionLists.js';
import type { ServiceContext } from '../context.js';

/** One session as the viewer sees it in their lists (with unread count and queue position). */
export async function getSession(
  ctx: ServiceContext,
  viewer: Viewer,
  sessionId: string,
): Promise<SessionListItem> {
  const { items } = await listSessionRecords(ctx.store.db, {
    viewer,
    view: 'all',
    sessionId,
    limit: 1,
  });
  const item = items[0];
  if (!item) throw notFound('Chat session');
  return item;
}

/** The sizes of the viewer's Active, Waiting and History lists. */
export function countSessions(ctx: ServiceContext, viewer: Viewer) {
  return countSessionViews(ctx.store.db, viewer);
}

export function listSessions(ctx: ServiceContext, viewer: Viewer, query: ListSessionsQuery) {
  return listSessionRecords(ctx.store.db, { viewer, ...query });
}
