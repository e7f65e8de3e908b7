// The customer's "Live Chat" page: their open chat if they have one (or the one in the address),
// otherwise the form to start one (or the offline form, when live chat is not available).
import { useEffect } from 'preact/hooks';
import type { Session } from '../../../shared/api.js';
import { navigate, useLocation } from '../../app/router.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Loading } from '../../components/Spinner.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useConversationStore } from '../../hooks/useConversationStore.js';
import { useLiveRefresh } from '../../hooks/useLiveRefresh.js';
import { MY_SESSIONS } from '../../realtime/invalidations.js';
import { showToast } from '../../state/toasts.js';
import { ticketHref, ticketNumber } from '../tickets/ticketLabels.js';
import { CustomerChat } from './CustomerChat.js';
import { StartChatForm } from './StartChatForm.js';

export function LiveChatPage({ sessionId }: { sessionId?: string | undefined }) {
  return (
    <div class="page page--chat">
      {sessionId ? <OpenChat sessionId={sessionId} /> : <CurrentOrNewChat />}
    </div>
  );
}

function OpenChat({ sessionId }: { sessionId: string }) {
  const store = useConversationStore(sessionId);
  return store ? <CustomerChat store={store} /> : <Loading label="Opening your chat…" />;
}

/** The latest chat still waiting or active, else the start form. */
function CurrentOrNewChat() {
  const { api } = useServices();
  const { query } = useLocation();
  const open = useAsync(() => api.sessions.list({ view: 'active', limit: 1 }), []);
  useLiveRefresh([MY_SESSIONS], () => void open.reload());
  const current = open.data?.items[0];
  useEffect(() => {
    if (current) navigate(`/chat/${encodeURIComponent(current.id)}`, { replace: true });
  }, [current?.id]);

  if ((!open.data && open.loading) || current) return <Loading label="Opening your chat…" />;
  return (
    <div class="start-chat-frame">
      {open.error && <Alert tone="danger">{open.error}</Alert>}
      <StartChatForm
        preselectedTopic={query.get('topic')}
        onStarted={(session: Session) => navigate(`/chat/${encodeURIComponent(session.id)}`)}
        onLeftMessage={(ticket) => {
          showToast(`Message left: request ${ticketNumber(ticket)}`);
          navigate(ticketHref(ticket, true));
        }}
      />
    </div>
  );
}
