// The tabs of the chats an agent has open: each names the customer, shows unread messages, and
// can be closed. Arrow keys move between tabs (the ARIA tabs pattern).
import { IconButton } from '../../components/Button.js';
import { cx } from '../../components/classNames.js';
import { panelId, tabId } from '../../components/Tabs.js';
import { unreadCount } from '../../chat/conversation.js';
import { useConversationStore } from '../../hooks/useConversationStore.js';
import { useReadable } from '../../hooks/useReadable.js';
import type { ConversationStore } from '../../chat/conversationStore.js';

export const WORKSPACE_TABS = 'chat';

interface WorkspaceTabsProps {
  openIds: readonly string[];
  selectedId: string | null;
  onSelect: (sessionId: string) => void;
  onClose: (sessionId: string) => void;
}

export function WorkspaceTabs({ openIds, selectedId, onSelect, onClose }: WorkspaceTabsProps) {
  const move = (from: number, step: number) => {
    const next = openIds[(from + step + openIds.length) % openIds.length];
    if (!next) return;
    onSelect(next);
    document.getElementById(tabId(WORKSPACE_TABS, next))?.focus();
  };
  return (
    <div class="workspace-tabs" role="tablist" aria-label="Open chats">
      {openIds.map((id, index) => (
        <div key={id} class={cx('workspace-tab', id === selectedId && 'workspace-tab--selected')}>
          <button
            type="button"
            role="tab"
            id={tabId(WORKSPACE_TABS, id)}
            aria-selected={id === selectedId}
            aria-controls={panelId(WORKSPACE_TABS, id)}
            tabIndex={id === selectedId ? 0 : -1}
            class="workspace-tab__label"
            onClick={() => onSelect(id)}
            onKeyDown={(event) => {
              if (event.key === 'ArrowRight') move(index, 1);
              else if (event.key === 'ArrowLeft') move(index, -1);
              else if (event.key === 'Delete') onClose(id);
              else return;
              event.preventDefault();
            }}
          >
            <TabTitle sessionId={id} />
          </button>
          <IconButton
            icon="x"
            label="Close chat tab"
            class="workspace-tab__close"
            onClick={() => onClose(id)}
          />
        </div>
      ))}
    </div>
  );
}

function TabTitle({ sessionId }: { sessionId: string }) {
  const store = useConversationStore(sessionId);
  return store ? <LiveTabTitle store={store} /> : <span>Chat</span>;
}

function LiveTabTitle({ store }: { store: ConversationStore }) {
  const { conversation } = useReadable(store);
  const unread = unreadCount(conversation);
  const session = conversation.session;
  return (
    <>
      {session && <span class={`dot dot--session-${session.status}`} aria-hidden="true" />}
      <span class="workspace-tab__name">{session?.customer.name ?? 'Chat'}</span>
      {unread > 0 && (
        <span class="count count--alert">
          <span class="sr-only">, unread: </span>
          {unread}
        </span>
      )}
    </>
  );
}
