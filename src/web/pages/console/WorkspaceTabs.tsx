// The tabs of the chats an agent has open: each names the customer, shows unread messages, and
// can be closed. Arrow keys move between tabs and Delete closes one (the ARIA pattern for
// deletable tabs). The tablist holds nothing but tabs: the x a mouse clicks is part of its tab,
// hidden from assistive technology, which is told about Delete instead, and about the Close tab
// button in each chat's header (all a touch screen has: it has no Delete key).
import { useId } from 'preact/hooks';
import { cx } from '../../components/classNames.js';
import { Icon } from '../../components/Icon.js';
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
  const hintId = useId();
  return (
    <>
      <div class="workspace-tabs" role="tablist" aria-label="Open chats">
        {openIds.map((id, index) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={tabId(WORKSPACE_TABS, id)}
            aria-selected={id === selectedId}
            aria-controls={panelId(WORKSPACE_TABS, id)}
            aria-describedby={hintId}
            aria-keyshortcuts="Delete"
            tabIndex={id === selectedId ? 0 : -1}
            class={cx('workspace-tab', id === selectedId && 'workspace-tab--selected')}
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
            <span
              class="workspace-tab__close"
              title="Close chat tab"
              aria-hidden="true"
              onClick={(event) => {
                event.stopPropagation();
                onClose(id);
              }}
            >
              <Icon name="x" />
            </span>
          </button>
        ))}
      </div>
      <p id={hintId} class="sr-only">
        Press Delete to close this chat tab, or use Close tab in the chat's header.
      </p>
    </>
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
