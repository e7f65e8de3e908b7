// A past chat as a read-only transcript (with the rating form if it was never rated).
import { Link } from '../../app/router.js';
import { Icon } from '../../components/Icon.js';
import { Loading } from '../../components/Spinner.js';
import { useConversationStore } from '../../hooks/useConversationStore.js';
import { CustomerChat } from './CustomerChat.js';

export function TranscriptPage({ sessionId }: { sessionId: string }) {
  const store = useConversationStore(sessionId);
  return (
    <div class="page page--chat">
      <div class="transcript">
        <Link href="/history" class="back-link">
          <Icon name="arrowLeft" /> All your chats
        </Link>
        {store ? <CustomerChat store={store} transcript /> : <Loading />}
      </div>
    </div>
  );
}
