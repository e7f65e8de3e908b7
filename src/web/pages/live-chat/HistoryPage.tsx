// The customer's past chats, newest first, each opening as a read-only transcript.
import type { SessionView } from '../../../shared/api.js';
import { Link } from '../../app/router.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { PriorityBadge } from '../../components/Badge.js';
import { Button } from '../../components/Button.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Icon } from '../../components/Icon.js';
import { Loading } from '../../components/Spinner.js';
import { ChatRating } from '../../components/Stars.js';
import { formatDateTime } from '../../format/time.js';
import { useLiveRefresh } from '../../hooks/useLiveRefresh.js';
import { usePagedList } from '../../hooks/usePagedList.js';
import { MY_SESSIONS } from '../../realtime/invalidations.js';

export function HistoryPage() {
  const { api } = useServices();
  const history = usePagedList(
    (cursor) => api.sessions.list({ view: 'history', cursor, limit: 20 }),
    [],
  );
  useLiveRefresh([MY_SESSIONS], () => void history.reload());

  return (
    <div class="page page--narrow">
      <div class="page-header">
        <h1 class="page-title">Your chats</h1>
        <Link href="/chat" class="btn btn--primary">
          <Icon name="chat" /> New chat
        </Link>
      </div>
      {history.error && <Alert tone="danger">{history.error}</Alert>}
      {history.loading && history.items.length === 0 && <Loading />}
      {!history.loading && history.items.length === 0 && !history.error && (
        <EmptyState icon="chat" title="No past chats yet">
          Chats you have finished appear here, so you can read them again.
        </EmptyState>
      )}
      {history.items.length > 0 && (
        <ul class="history-list">
          {history.items.map((session) => (
            <HistoryItem key={session.id} session={session} />
          ))}
        </ul>
      )}
      {history.hasMore && (
        <div class="cluster cluster--center">
          <Button busy={history.loadingMore} onClick={() => void history.loadMore()}>
            Show older chats
          </Button>
        </div>
      )}
    </div>
  );
}

function HistoryItem({ session }: { session: SessionView }) {
  return (
    <li>
      <Link href={`/history/${encodeURIComponent(session.id)}`} class="history-item">
        <span class="history-item__main">
          <span class="history-item__subject">{session.subject}</span>
          <span class="history-item__meta">
            {formatDateTime(session.startedAt)}
            {session.agent && ` · with ${session.agent.name}`}
          </span>
        </span>
        <span class="history-item__side">
          <PriorityBadge priority={session.priority} />
          <ChatRating rating={session.rating} />
        </span>
      </Link>
    </li>
  );
}
