// The tabs of the chats an agent has open: each names the customer (and the subject, when two
// open chats are with the same customer), shows unread messages, and can be closed. Arrow keys move between tabs and Delete closes one (the ARIA pattern for
// deletable tabs). The tablist holds nothing but tabs: the x a mouse clicks is part of its tab,
// hidden from assistive technology, which is told about Delete instead, and about the Close tab
// button in each chat's header (all a touch screen has: it has no Delete key).
import { useEffect, useId, useState } from 'preact/hooks';
import { cx } from '../../components/classNames.js';
import { Icon } from '../../components/Icon.js';
import { panelId, tabId } from '../../components/Tabs.js';
import { unreadCount } from '../../chat/conversation.js';
import { useConversationStore } from '../../hooks/useConversationStore.js';
import { useReadable } from '../../hooks/useReadable.js';
import type { ConversationStore } from '../../chat/conversationStore.js';

export const WORKSPACE_TABS = 'chat';

/**
 * Closing a tab (Delete, its x, or Close tab in the chat) removes what had the focus: this moves
 * it to the tab that takes its place, as the ARIA pattern for deletable tabs asks, or with none
 * left to `fallback` (the lists), never to the page body.
 */
export function useClosingTab(
  close: (sessionId: string) => void,
  selectedId: string | null,
  fallback: () => HTMLElement | null,
): (sessionId: string) => void {
  const [closed, setClosed] = useState(0);
  useEffect(() => {
    if (closed === 0) return;
    const next = selectedId && document.getElementById(tabId(WORKSPACE_TABS, selectedId));
    (next || fallback())?.focus();
  }, [closed]);
  return (sessionId) => {
    close(sessionId);
    setClosed((count) => count + 1);
  };
}

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
  // Which customer each open chat is with, as their stores learn it: two tabs with one name need
  // their subjects to tell them apart.
  const [customers, setCustomers] = useState<Readonly<Record<string, string>>>({});
  const learnCustomer = (sessionId: string, customerId: string) =>
    setCustomers((known) =>
      known[sessionId] === customerId ? known : { ...known, [sessionId]: customerId },
    );
  const chatsWith = new Map<string, number>();
  for (const id of openIds) {
    const customer = customers[id];
    if (customer) chatsWith.set(customer, (chatsWith.get(customer) ?? 0) + 1);
  }
  const shared = (id: string) => (chatsWith.get(customers[id] ?? '') ?? 0) > 1;
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
            <TabTitle sessionId={id} withSubject={shared(id)} onCustomer={learnCustomer} />
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

interface TabTitleProps {
  sessionId: string;
  withSubject: boolean;
  onCustomer: (sessionId: string, customerId: string) => void;
}

function TabTitle(props: TabTitleProps) {
  const store = useConversationStore(props.sessionId);
  return store ? <LiveTabTitle store={store} {...props} /> : <span>Chat</span>;
}

function LiveTabTitle({
  store,
  sessionId,
  withSubject,
  onCustomer,
}: TabTitleProps & { store: ConversationStore }) {
  const { conversation, transferredAway } = useReadable(store);
  const unread = unreadCount(conversation);
  const session = conversation.session;
  const customerId = session?.customer.id;
  useEffect(() => {
    if (customerId) onCustomer(sessionId, customerId);
  }, [customerId]);
  return (
    <>
      {session && <span class={`dot dot--session-${session.status}`} aria-hidden="true" />}
      <span class="workspace-tab__name">{session?.customer.name ?? 'Chat'}</span>
      {withSubject && session && (
        <span class="workspace-tab__subject">
          <span class="sr-only">, </span>
          {session.subject}
        </span>
      )}
      {transferredAway && (
        <span class="workspace-tab__note">
          <span class="sr-only">, </span>Transferred
        </span>
      )}
      {unread > 0 && (
        <span class="count count--alert">
          <span class="sr-only">, unread: </span>
          {unread}
        </span>
      )}
    </>
  );
}
