// Agents and super admins: one chat on its own page, as the details panel's previous chats link
// to it (an ended chat reads as its transcript; the details beside it list the customer's others).
import { Link } from '../../app/router.js';
import { ChatWindow } from '../../components/chat/ChatWindow.js';
import { Icon } from '../../components/Icon.js';

export function AgentTranscriptPage({ sessionId }: { sessionId: string }) {
  return (
    <div class="page page--chat">
      <div class="monitor">
        <h1 class="sr-only">Chat transcript</h1>
        <Link href="/console" class="back-link">
          <Icon name="arrowLeft" /> Chat management
        </Link>
        <ChatWindow sessionId={sessionId} onScreen />
      </div>
    </div>
  );
}
