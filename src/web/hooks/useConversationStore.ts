// The shared store of one session's conversation, held while the component is mounted.
import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../app/services.js';
import type { ConversationStore } from '../chat/conversationStore.js';

export function useConversationStore(sessionId: string | null): ConversationStore | null {
  const { conversations } = useServices();
  const [store, setStore] = useState<ConversationStore | null>(null);
  useEffect(() => {
    if (!sessionId) {
      setStore(null);
      return;
    }
    const held = conversations.acquire(sessionId);
    setStore(held.store);
    return held.release;
  }, [sessionId, conversations]);
  return store?.sessionId === sessionId ? store : null;
}
