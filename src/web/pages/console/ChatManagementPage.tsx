// The agents' "Chat Management" page: the status bar, the Active / Waiting / History lists with
// live counts (a team lead switches them for My teams: their teams' chats and agents), and a workspace where several chats are open at once as tabs. On a phone the lists
// and the open chat take turns on screen.
import { useEffect, useState } from 'preact/hooks';
import type { Session } from '../../../shared/api.js';
import { useServices } from '../../app/services.js';
import { Button } from '../../components/Button.js';
import { ChatWindow } from '../../components/chat/ChatWindow.js';
import {
  cancelComposerFocus,
  focusComposerWhenReady,
} from '../../components/chat/composerFocus.js';
import { EmptyState } from '../../components/EmptyState.js';
import { TabPanel, Tabs, panelId, tabId } from '../../components/Tabs.js';
import { useMediaQuery } from '../../hooks/useMediaQuery.js';
import { showToast } from '../../state/toasts.js';
import { AgentStatusBar } from './AgentStatusBar.js';
import { NotificationPrompt } from './NotificationPrompt.js';
import { ActiveList, HistoryList, WaitingList } from './SessionLists.js';
import { useAgentDesk, useChatInView } from './AgentDesk.js';
import { takeFailure } from './takeFailure.js';
import { TeamBoard } from './TeamBoard.js';
import { useConsoleLists } from './useConsoleLists.js';
import { useClosingTab, WORKSPACE_TABS, WorkspaceTabs } from './WorkspaceTabs.js';

type ListTab = 'active' | 'waiting' | 'history';

const LIST_TABS = 'lists';
/** From this width the lists and the open chat are side by side. */
const SIDE_BY_SIDE = '(min-width: 960px)';

export function ChatManagementPage() {
  const { api } = useServices();
  const lists = useConsoleLists();
  const { workspace, activity, takenByMe, revealRequested, revealHandled, ledTeams, memberTeams } =
    useAgentDesk();
  const wide = useMediaQuery(SIDE_BY_SIDE);
  const [tab, setTab] = useState<ListTab>('active');
  // A team lead's lists column shows their own chats or their teams' board.
  const [teamsShown, setTeamsShown] = useState(false);
  const board = teamsShown && ledTeams.length > 0;
  const [showChat, setShowChat] = useState(false);
  const [taking, setTaking] = useState<ReadonlySet<string>>(new Set());

  const open = (sessionId: string) => {
    workspace.open(sessionId);
    setShowChat(true);
  };

  // A notification was clicked: its chat is in front, so a phone shows it.
  useEffect(() => {
    if (!revealRequested) return;
    setShowChat(true);
    revealHandled();
  }, [revealRequested]);

  // With no chat left open, a phone goes back to the lists.
  useEffect(() => {
    if (!workspace.selectedId) setShowChat(false);
  }, [workspace.selectedId]);

  const take = async (session: Session) => {
    // Marked before the request: the assignment's frame may arrive before the HTTP answer.
    takenByMe.add(session.id);
    focusComposerWhenReady(session.id);
    setTaking((set) => new Set(set).add(session.id));
    try {
      await api.sessions.take(session.id);
      open(session.id);
      setTab('active');
      setTeamsShown(false);
    } catch (error) {
      takenByMe.delete(session.id);
      cancelComposerFocus(session.id);
      showToast(takeFailure(error), 'danger');
      void lists.waiting.reload();
    } finally {
      setTaking((set) => {
        const next = new Set(set);
        next.delete(session.id);
        return next;
      });
    }
  };

  const chatOnScreen = wide || showChat;
  const inView = chatOnScreen ? workspace.selectedId : null;
  // The chat on screen does not ring for its messages; leaving the console, none is.
  useChatInView(inView);
  const closeTab = useClosingTab(
    workspace.close,
    workspace.selectedId,
    () =>
      document.getElementById(tabId(LIST_TABS, tab)) ??
      document.querySelector<HTMLElement>('.console__view[aria-pressed="true"]'),
  );

  return (
    <div class="console" data-show={showChat ? 'chat' : 'lists'}>
      <h1 class="sr-only">Chat management</h1>
      <AgentStatusBar />
      <NotificationPrompt />
      <div class="console__body">
        <section class="console__lists" aria-label="Chat lists">
          {ledTeams.length > 0 && (
            <div class="console__views" role="group" aria-label="Show">
              <button
                type="button"
                class="console__view"
                aria-pressed={!board}
                onClick={() => setTeamsShown(false)}
              >
                My chats
              </button>
              <button
                type="button"
                class="console__view"
                aria-pressed={board}
                onClick={() => setTeamsShown(true)}
              >
                My teams
              </button>
            </div>
          )}
          {board ? (
            <div class="console__list">
              <TeamBoard
                teams={ledTeams}
                selectedId={workspace.selectedId}
                onOpen={(s) => open(s.id)}
              />
            </div>
          ) : (
            <>
              <Tabs
                label="Chat lists"
                idPrefix={LIST_TABS}
                selected={tab}
                onSelect={setTab}
                items={[
                  { id: 'active', label: 'Active', count: lists.counts?.active },
                  {
                    id: 'waiting',
                    label: 'Waiting',
                    count: lists.counts?.waiting,
                    highlight: (lists.counts?.waiting ?? 0) > 0,
                  },
                  { id: 'history', label: 'History', count: lists.counts?.history },
                ]}
              />
              <TabPanel idPrefix={LIST_TABS} id={tab} class="console__list">
                {tab === 'active' && (
                  <ActiveList
                    list={lists.active}
                    activity={activity}
                    selectedId={workspace.selectedId}
                    onOpen={(s) => open(s.id)}
                  />
                )}
                {tab === 'waiting' && (
                  <WaitingList
                    list={lists.waiting}
                    myTeams={memberTeams}
                    selectedId={workspace.selectedId}
                    onOpen={(s) => open(s.id)}
                    onTake={take}
                    taking={taking}
                  />
                )}
                {tab === 'history' && (
                  <HistoryList
                    list={lists.history}
                    selectedId={workspace.selectedId}
                    onOpen={(s) => open(s.id)}
                  />
                )}
              </TabPanel>
            </>
          )}
        </section>
        <section class="console__workspace" aria-label="Open chats">
          {!wide && (
            <Button
              variant="ghost"
              size="sm"
              icon="arrowLeft"
              class="console__back"
              onClick={() => setShowChat(false)}
            >
              All chats
            </Button>
          )}
          {workspace.openIds.length > 0 && (
            <WorkspaceTabs
              openIds={workspace.openIds}
              selectedId={workspace.selectedId}
              onSelect={workspace.select}
              onClose={closeTab}
            />
          )}
          {workspace.openIds.length === 0 && (
            <EmptyState icon="chat" title="No chat open">
              Choose a chat from the lists to open it here. You can keep several open at once.
            </EmptyState>
          )}
          {workspace.openIds.map((id) => (
            <div
              key={id}
              role="tabpanel"
              id={panelId(WORKSPACE_TABS, id)}
              aria-labelledby={tabId(WORKSPACE_TABS, id)}
              class="console__chat"
              hidden={id !== workspace.selectedId}
            >
              <ChatWindow
                sessionId={id}
                onScreen={chatOnScreen && id === workspace.selectedId}
                onTake={take}
                onCloseTab={() => closeTab(id)}
              />
            </div>
          ))}
        </section>
      </div>
    </div>
  );
}
