// The customer's chat window: waiting (queue position, live), chatting (the agent, their typing,
// read ticks on one's own messages), and ended (rating, the request it became if any, then a
// new chat). Read-only transcripts of past chats use the same window without the composer.
import { useState } from 'preact/hooks';
import type { Session } from '../../../shared/api.js';
import { Link } from '../../app/router.js';
import { useServices } from '../../app/services.js';
import type { ConversationStore } from '../../chat/conversationStore.js';
import { Avatar } from '../../components/Avatar.js';
import { PriorityBadge } from '../../components/Badge.js';
import { Button } from '../../components/Button.js';
import { Composer } from '../../components/chat/Composer.js';
import { ConversationProblem } from '../../components/chat/ConversationProblem.js';
import { MessageList } from '../../components/chat/MessageList.js';
import { TranscriptActions } from '../../components/chat/TranscriptActions.js';
import { TypingIndicator } from '../../components/chat/TypingIndicator.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { Icon } from '../../components/Icon.js';
import { Loading } from '../../components/Spinner.js';
import { formatDateTime } from '../../format/time.js';
import { useReadable } from '../../hooks/useReadable.js';
import { useReadReceipts } from '../../hooks/useReadReceipts.js';
import { QueueStatus } from './QueueStatus.js';
import { RateChat } from './RateChat.js';
import { useReplyBadge } from './useReplyBadge.js';

export function CustomerChat({
  store,
  transcript = false,
}: {
  store: ConversationStore;
  transcript?: boolean;
}) {
  const { me, api } = useServices();
  const view = useReadable(store);
  const [confirmEnd, setConfirmEnd] = useState(false);
  useReadReceipts(store, view, true);
  useReplyBadge(view.conversation, !transcript);

  const session = view.conversation.session;
  if (!session) {
    return view.problem ? (
      <ConversationProblem view={view} />
    ) : (
      <Loading label="Opening your chat…" />
    );
  }

  return (
    <section class="chat-card" aria-label={`Chat: ${session.subject}`}>
      <header class="chat-card__header">
        <ChatHeading session={session} />
        {!transcript && session.status !== 'ended' && (
          <Button variant="secondary" size="sm" icon="x" onClick={() => setConfirmEnd(true)}>
            End chat
          </Button>
        )}
      </header>
      <ConversationProblem view={view} />
      {session.status === 'waiting' && !transcript && <QueueStatus queue={view.queue} />}
      <MessageList store={store} view={view} viewer={me} />
      {session.status !== 'ended' && <TypingIndicator person={view.typing} />}
      <footer class="chat-card__footer">
        {session.status !== 'ended' && !transcript && (
          <Composer
            store={store}
            quickResponses={null}
            label="Your message"
            placeholder="Type your message…"
          />
        )}
        {session.status === 'ended' && (
          <div class="chat-card__ended stack">
            <p class="chat-card__ended-note">
              <Icon name="check" /> This chat ended
              {session.endedAt ? ` ${formatDateTime(session.endedAt)}` : ''}.
            </p>
            {session.agent ? (
              <RateChat session={session} />
            ) : (
              <p class="muted">It ended before an agent joined.</p>
            )}
            {session.ticketId && (
              <p>
                This chat is now a request: we'll reply there.{' '}
                <Link href={`/requests/${encodeURIComponent(session.ticketId)}`}>
                  See your request
                </Link>
              </p>
            )}
            <TranscriptActions sessionId={session.id} forCustomer />
            {!transcript && (
              <div class="cluster cluster--end">
                <Link href="/chat" class="btn btn--secondary">
                  <Icon name="chat" /> Start a new chat
                </Link>
              </div>
            )}
          </div>
        )}
      </footer>
      {confirmEnd && (
        <ConfirmDialog
          title="End this chat?"
          confirmLabel="End chat"
          tone="danger"
          onClose={() => setConfirmEnd(false)}
          onConfirm={() => api.sessions.end(session.id)}
        >
          {session.agent
            ? `${session.agent.name} will see that you left. You can rate the conversation afterwards.`
            : 'Your chat will leave the queue.'}
        </ConfirmDialog>
      )}
    </section>
  );
}

function ChatHeading({ session }: { session: Session }) {
  const agent = session.agent;
  return (
    <div class="chat-card__heading">
      {agent ? (
        <Avatar id={agent.id} name={agent.name} />
      ) : (
        <span class="chat-card__waiting-icon">
          <Icon name="clock" />
        </span>
      )}
      <div class="chat-card__who">
        <h1 class="chat-card__title">
          {session.status === 'waiting' ? 'Waiting for an agent' : agent ? agent.name : 'Support'}
        </h1>
        <p class="chat-card__subject">
          <PriorityBadge priority={session.priority} />
          <span>{session.subject}</span>
        </p>
      </div>
    </div>
  );
}
