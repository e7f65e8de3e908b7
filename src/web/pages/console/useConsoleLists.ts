// The console's three lists and their sizes, kept live: Active (the agent's open chats) and
// Waiting (the queue, in the order routing serves it) come from the agent's desk, which keeps them on every page;
// History (ended chats) is refetched when a chat ends or is rated, and the counts on any change.
import type { SessionCounts, SessionView } from '../../../shared/api.js';
import { useServices } from '../../app/services.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useLiveRefresh } from '../../hooks/useLiveRefresh.js';
import { usePagedList, type PagedList } from '../../hooks/usePagedList.js';
import {
  ALL_SESSIONS,
  MY_SESSIONS,
  QUEUE,
  type Invalidation,
} from '../../realtime/invalidations.js';
import { useAgentDesk } from './AgentDesk.js';

const HISTORY_PAGE = 20;

export interface ConsoleLists {
  active: PagedList<SessionView>;
  waiting: PagedList<SessionView>;
  history: PagedList<SessionView>;
  /** The size of each list (null until first loaded). */
  counts: SessionCounts | null;
}

export function useConsoleLists(): ConsoleLists {
  const { api, me } = useServices();
  const { active, waiting } = useAgentDesk();
  const history = usePagedList(
    (cursor) => api.sessions.list({ view: 'history', cursor, limit: HISTORY_PAGE }),
    [],
  );
  const counts = useAsync(() => api.sessions.counts(), []);

  // A super admin's History holds every ended chat, not only theirs (GET /sessions?view=history),
  // so it follows endings everywhere; everyone else's holds only their own.
  const historySource: Invalidation =
    me.role === 'super_admin'
      ? { ...ALL_SESSIONS, changes: ['ended', 'rated'] }
      : { ...MY_SESSIONS, changes: ['ended', 'rated'] };
  useLiveRefresh([historySource], () => void history.reload());
  useLiveRefresh([MY_SESSIONS, QUEUE, historySource], () => void counts.reload());

  return { active, waiting, history, counts: counts.data };
}
