// Sends read receipts for a conversation while it is actually on screen: its tab is the selected
// one and the browser tab is visible.
import { useEffect } from 'preact/hooks';
import type { ConversationStore, ConversationView } from '../chat/conversationStore.js';

export function useReadReceipts(
  store: ConversationStore,
  view: ConversationView,
  onScreen: boolean,
): void {
  useEffect(() => {
    if (onScreen && document.visibilityState === 'visible') store.markRead();
  }, [store, view, onScreen]);
  useEffect(() => {
    if (!onScreen) return;
    const visible = () => {
      if (document.visibilityState === 'visible') store.markRead();
    };
    document.addEventListener('visibilitychange', visible);
    return () => document.removeEventListener('visibilitychange', visible);
  }, [store, onScreen]);
}
