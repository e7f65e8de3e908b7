// Follows every chat in the agent's Active list (so unread counts and last activity stay live,
// and nothing is missed while a chat is not open), reports the numbers of each one loaded, and
// hands every change of one of them to `onChange` (for the alerts of new messages).
import { useEffect, useRef, useState } from 'preact/hooks';
import { useServices } from '../../app/services.js';
import {
  chatActivity,
  type ChatActivity,
  type ConversationState,
} from '../../chat/conversation.js';

export function useActiveConversations(
  sessionIds: readonly string[],
  onChange: (conversation: ConversationState) => void = () => {},
): ReadonlyMap<string, ChatActivity> {
  const { conversations } = useServices();
  const [activity, setActivity] = useState<ReadonlyMap<string, ChatActivity>>(new Map());
  const latest = useRef(onChange);
  latest.current = onChange;
  const key = [...sessionIds].sort().join(',');

  useEffect(() => {
    const held = sessionIds.map((id) => ({ id, ...conversations.acquire(id) }));
    const measure = () =>
      setActivity(
        new Map(
          held.flatMap(({ id, store }) => {
            const activity = chatActivity(store.get().conversation);
            return activity ? [[id, activity] as const] : [];
          }),
        ),
      );
    const stops = held.map(({ store }) =>
      store.subscribe(() => {
        latest.current(store.get().conversation);
        measure();
      }),
    );
    for (const { store } of held) latest.current(store.get().conversation);
    measure();
    return () => {
      for (const stop of stops) stop();
      for (const { release } of held) release();
    };
  }, [key, conversations]);

  return activity;
}
