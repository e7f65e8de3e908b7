// Makes new work noticeable: a chime (unless muted), a browser notification while the tab is in
// the background, and the count in the tab title, when a chat enters the queue or is assigned to
// the agent. Chats the agent took themselves do not ring.
import { useEffect, useRef } from 'preact/hooks';
import type { SessionView } from '../../../shared/api.js';
import { attentionCount } from '../../app/documentTitle.js';
import { playChime, type ChimeKind } from '../../notify/chime.js';
import { notifyInBackground } from '../../notify/desktopNotifications.js';
import { soundSetting } from '../../state/preferences.js';
import type { ChatActivity } from '../../chat/conversation.js';

interface AttentionInput {
  waiting: readonly SessionView[] | null;
  active: readonly SessionView[] | null;
  activity: ReadonlyMap<string, ChatActivity>;
  /** Chats this agent took themselves: already noticed. */
  takenByMe: ReadonlySet<string>;
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
  kind: ChimeKind,
  title: string,
  session: SessionView,
  onOpen: (id: string) => void,
) {
  if (soundSetting.get() === 'on') playChime(kind);
  notifyInBackground(title, `${session.customer.name}: ${session.subject}`, {
    tag: `switchboard-${session.id}`,
    onClick: () => onOpen(session.id),
  });
}

export function useAttentionAlerts(input: AttentionInput): void {
  const { waiting, active, activity, takenByMe, onAssigned, onOpen } = input;
  useArrivals(waiting, (queued) => announce('queued', 'New chat waiting', queued[0]!, onOpen));
  useArrivals(active, (arrived) => {
    const assigned = arrived.filter((s) => !takenByMe.has(s.id));
    for (const session of assigned) onAssigned(session);
    if (assigned[0]) announce('assigned', 'New chat assigned to you', assigned[0], onOpen);
  });

  const unreadChats = [...activity.values()].filter((a) => a.unread > 0).length;
  const count = (waiting?.length ?? 0) + unreadChats;
  useEffect(() => {
    attentionCount.set(count);
  }, [count]);
  useEffect(() => () => attentionCount.set(0), []);
}
