// Makes new work noticeable: a chime (unless muted), a browser notification (unless turned off)
// and the count in the tab title, when a chat enters the queue or is assigned to the agent, and
// for every customer message in the agent's chats that they cannot be looking at (the rules are
// in notify/attention.ts). Chats the agent took themselves do not ring.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Message, Session, SessionView } from '../../../shared/api.js';
import { attentionCount } from '../../app/documentTitle.js';
import type { ChatActivity, ConversationState } from '../../chat/conversation.js';
import { agentAttention, MessageRings } from '../../notify/attention.js';
import { playChime, type ChimeKind } from '../../notify/chime.js';
import { notify, notifyInBackground } from '../../notify/desktopNotifications.js';
import type { NotificationSettings } from '../../state/notificationSettings.js';
import { messagePreview } from '../../format/messagePreview.js';

interface AttentionInput {
  waiting: readonly SessionView[] | null;
  active: readonly SessionView[] | null;
  activity: ReadonlyMap<string, ChatActivity>;
  /** Chats this agent took themselves: already noticed. */
  takenByMe: ReadonlySet<string>;
  settings: NotificationSettings;
  onAssigned: (session: SessionView) => void;
  onOpen: (sessionId: string) => void;
}

/** Calls `onArrive` with the sessions that joined `list` since its last version (not the first). */
function useArrivals(
  list: readonly SessionView[] | null,
  onArrive: (fresh: SessionView[]) => void,
): void {
  const seen = useRef<Set<string> | null>(null);
  const latest = useRef(onArrive);
  latest.current = onArrive;
  useEffect(() => {
    if (!list) return;
    const fresh = seen.current ? list.filter((s) => !seen.current!.has(s.id)) : [];
    seen.current = new Set(list.map((s) => s.id));
    if (fresh.length > 0) latest.current(fresh);
  }, [list]);
}

function announce(
  settings: NotificationSettings,
  kind: ChimeKind,
  title: string,
  session: SessionView,
  onOpen: (id: string) => void,
) {
  const { sound, desktopNotifications } = settings.get();
  if (sound) playChime(kind);
  if (!desktopNotifications) return;
  notifyInBackground(title, `${session.customer.name}: ${session.subject}`, {
    tag: `switchboard-${session.id}`,
    onClick: () => onOpen(session.id),
  });
}

function announceMessage(
  settings: NotificationSettings,
  session: Session,
  message: Message,
  onOpen: (id: string) => void,
) {
  const { sound, desktopNotifications } = settings.get();
  if (sound) playChime('message');
  if (!desktopNotifications) return;
  const text = messagePreview(message);
  // One notification per chat: the newest message replaces the one before.
  notify(`${session.customer.name}: ${session.subject}`, text, {
    tag: `switchboard-${session.id}`,
    onClick: () => onOpen(session.id),
  });
}

/**
 * The handler for every change of a followed chat: rings for its new customer messages. Which chat
 * is on screen is asked at that moment (`chatInView`), as is whether the tab is.
 */
export function useMessageAlerts(input: {
  settings: NotificationSettings;
  chatInView: () => string | null;
  onOpen: (sessionId: string) => void;
}): (conversation: ConversationState) => void {
  const [rings] = useState(() => new MessageRings());
  const latest = useRef(input);
  latest.current = input;
  return (conversation) => {
    const { settings, chatInView, onOpen } = latest.current;
    const scene = { tabVisible: document.visibilityState === 'visible', chatInView: chatInView() };
    const newest = rings.take(conversation, scene).at(-1);
    if (newest && conversation.session) {
      announceMessage(settings, conversation.session, newest, onOpen);
    }
  };
}

export function useAttentionAlerts(input: AttentionInput): void {
  const { waiting, active, activity, takenByMe, settings, onAssigned, onOpen } = input;
  useArrivals(waiting, (queued) =>
    announce(settings, 'queued', 'New chat waiting', queued[0]!, onOpen),
  );
  useArrivals(active, (arrived) => {
    const assigned = arrived.filter((s) => !takenByMe.has(s.id));
    for (const session of assigned) onAssigned(session);
    if (assigned[0]) {
      announce(settings, 'assigned', 'New chat assigned to you', assigned[0], onOpen);
    }
  });

  // A chat not loaded yet counts what the list said.
  const unread = (active ?? []).map((s) => activity.get(s.id)?.unread ?? s.unreadCount);
  const count = agentAttention(unread, waiting?.length ?? 0);
  useEffect(() => {
    attentionCount.set(count);
  }, [count]);
  useEffect(() => () => attentionCount.set(0), []);
}
