// Super admins: one chat from the All chats list, to read along, end, transfer or assign it.
import { Link } from '../../app/router.js';
import { ChatWindow } from '../../components/chat/ChatWindow.js';
import { Icon } from '../../components/Icon.js';
import { useChatInView } from '../console/AgentDesk.js';

export function MonitorChatPage({ sessionId }: { sessionId: string }) {
  // A chat of the super admin's own does not ring while it is on screen, as in the console.
  useChatInView(sessionId);
  return (
    <div class="page page--chat">
      <div class="monitor">
        <h1 class="sr-only">Chat</h1>
        <Link href="/admin/chats" class="back-link">
          <Icon name="arrowLeft" /> All chats
        </Link>
        <ChatWindow sessionId={sessionId} onScreen />
      </div>
    </div>
  );
}
