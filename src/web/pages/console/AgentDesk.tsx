// An agent's work in progress, kept for every page of their sign-in rather than only the console:
// the Active and Waiting lists (live), every active chat followed for unread counts, the chats
// open as workspace tabs, their notification preferences (kept on the server), the transfer
// offers that concern them, and the alerts for new work, customer messages, offers and mentions
// in colleagues' notes (chime, browser notification, tab title badge), so an agent on another
// page still hears and sees a chat arrive and a customer write.
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { SessionView } from '../../../shared/api.js';
import type { Team } from '../../../shared/teamsApi.js';
import { navigate } from '../../app/router.js';
import { useServices } from '../../app/services.js';
import type { ChatActivity } from '../../chat/conversation.js';
import { useLiveRefresh } from '../../hooks/useLiveRefresh.js';
import { usePagedList, type PagedList } from '../../hooks/usePagedList.js';
import { unlockAudio } from '../../notify/chime.js';
import { MY_SESSIONS, QUEUE } from '../../realtime/invalidations.js';
import { useReadable } from '../../hooks/useReadable.js';
import { ledTeams, memberTeams, teamsLedBy, teamsOf } from '../../state/ledTeams.js';
import { NotificationSettings } from '../../state/notificationSettings.js';
import { useRequeueAlerts } from '../admin/useRequeueAlerts.js';
import { useActiveConversations } from './useActiveConversations.js';
import { useAttentionAlerts, useMessageAlerts } from './useAttentionAlerts.js';
import { useMentionAlerts } from './useMentionAlerts.js';
import { useTransferOffers } from './useTransferOffers.js';
import { useWorkspace, type Workspace } from './useWorkspace.js';

/** Active and waiting lists are read whole, up to this many. */
const FULL_LIST = 100;

export interface AgentDesk {
  active: PagedList<SessionView>;
  waiting: PagedList<SessionView>;
  activity: ReadonlyMap<string, ChatActivity>;
  workspace: Workspace;
  /** The agent's chime and desktop notification preferences. */
  settings: NotificationSettings;
  /**
   * Which chat is on screen (null: none, or a page without one), so it does not ring; pages say
   * it through useChatInView().
   */
  setChatInView: (sessionId: string | null) => void;
  /** The teams this agent leads (none for super admins, who see every chat anyway). */
  ledTeams: readonly Team[];
  /** The teams this agent belongs to (none for super admins). */
  memberTeams: readonly Team[];
  /** Chats this agent took themselves: already noticed, so they do not ring. */
  takenByMe: Set<string>;
  /** Opens the chat in front in the console, from whichever page (an alert, an accepted offer). */
  reveal: (sessionId: string) => void;
  /** A notification was clicked: the console should show its chat (on a phone, instead of the lists). */
  revealRequested: boolean;
  revealHandled: () => void;
}

const AgentDeskContext = createContext<AgentDesk | null>(null);

export function useAgentDesk(): AgentDesk {
  const desk = useContext(AgentDeskContext);
  if (!desk) throw new Error('useAgentDesk() outside an agent’s signed-in screens');
  return desk;
}

/**
 * Tells the desk that `sessionId` is the chat on screen (null: none) while the calling page shows
 * it: the console's selected tab, a super admin's /admin/chats/:id. Leaving the page, none is.
 */
export function useChatInView(sessionId: string | null): void {
  const { setChatInView } = useAgentDesk();
  useEffect(() => setChatInView(sessionId), [sessionId]);
  useEffect(() => () => setChatInView(null), []);
}

export function AgentDeskProvider({ children }: { children: ComponentChildren }) {
  const { api, me, realtime } = useServices();
  const active = usePagedList(
    (cursor) => api.sessions.list({ view: 'active', cursor, limit: FULL_LIST }),
    [],
  );
  const waiting = usePagedList(
    (cursor) => api.sessions.list({ view: 'waiting', cursor, limit: FULL_LIST }),
    [],
  );
  useLiveRefresh([MY_SESSIONS], () => void active.reload());
  useLiveRefresh([QUEUE], () => void waiting.reload());
  const workspace = useWorkspace(me.id);
  const [takenByMe] = useState(() => new Set<string>());
  const [revealRequested, setRevealRequested] = useState(false);
  const [settings] = useState(
    () => new NotificationSettings({ load: api.preferences.get, save: api.preferences.set }),
  );
  // Set on another browser meanwhile? Read again whenever the link comes back.
  useEffect(() => {
    void settings.refresh();
    return realtime.onResume(() => void settings.refresh());
  }, [settings, realtime]);
  const led = useReadable(ledTeams);
  const member = useReadable(memberTeams);
  // Read again whenever the link comes back: a super admin may have changed who leads what.
  useEffect(() => {
    if (me.role === 'super_admin') return;
    const load = () =>
      api.teams.list().then(
        ({ items }) => {
          ledTeams.set(teamsLedBy(items, me.id));
          memberTeams.set(teamsOf(items, me.id));
        },
        () => undefined,
      );
    void load();
    return realtime.onResume(() => void load());
  }, [api, realtime, me.id, me.role]);
  const chatInView = useRef<string | null>(null);
  const openFromAlert = (sessionId: string) => {
    workspace.open(sessionId);
    setRevealRequested(true);
    navigate('/console');
  };
  const onConversation = useMessageAlerts({
    settings,
    chatInView: () => chatInView.current,
    onOpen: openFromAlert,
  });
  const activity = useActiveConversations(
    active.items.map((s) => s.id),
    onConversation,
  );

  // Chimes may only play after the person has interacted with the page, on whichever page.
  useEffect(() => {
    document.addEventListener('pointerdown', unlockAudio);
    document.addEventListener('keydown', unlockAudio);
    return () => {
      document.removeEventListener('pointerdown', unlockAudio);
      document.removeEventListener('keydown', unlockAudio);
    };
  }, []);

  useRequeueAlerts();
  useMentionAlerts({
    settings,
    onMentioned: (sessionId) => workspace.open(sessionId, { background: true }),
    onOpen: openFromAlert,
  });

  useTransferOffers(settings);

  useAttentionAlerts({
    waiting: waiting.loaded ? waiting.items : null,
    active: active.loaded ? active.items : null,
    activity,
    takenByMe,
    settings,
    onAssigned: (session) => workspace.open(session.id, { background: true }),
    onOpen: openFromAlert,
  });

  return (
    <AgentDeskContext
      value={{
        active,
        waiting,
        activity,
        workspace,
        settings,
        setChatInView: (sessionId) => {
          chatInView.current = sessionId;
        },
        ledTeams: led,
        memberTeams: member,
        takenByMe,
        reveal: openFromAlert,
        revealRequested,
        revealHandled: () => setRevealRequested(false),
      }}
    >
      {children}
    </AgentDeskContext>
  );
}
