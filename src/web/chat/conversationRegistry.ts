// One ConversationStore per session for the whole tab, shared by every screen that shows it (the
// agent's list counts unread messages from the same store the chat window draws). A store is
// closed when nothing uses it any more and nothing is left to send.
import { ConversationStore, type ConversationDeps } from './conversationStore.js';

interface Entry {
  store: ConversationStore;
  users: number;
  stopWatching: (() => void) | null;
}

export class ConversationRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly deps: ConversationDeps) {}

  /** The session's store, opened; call the returned release() when done with it. */
  acquire(sessionId: string): { store: ConversationStore; release: () => void } {
    let entry = this.entries.get(sessionId);
    if (!entry) {
      entry = { store: new ConversationStore(sessionId, this.deps), users: 0, stopWatching: null };
      this.entries.set(sessionId, entry);
      entry.store.open();
    }
    const current = entry;
    current.users++;
    current.stopWatching?.();
    current.stopWatching = null;
    let released = false;
    return {
      store: current.store,
      release: () => {
        if (released) return;
        released = true;
        current.users--;
        this.closeWhenIdle(sessionId, current);
      },
    };
  }

  closeAll(): void {
    for (const entry of this.entries.values()) {
      entry.stopWatching?.();
      entry.store.close();
    }
    this.entries.clear();
  }

  /** Unsent messages keep a store alive (sending) until they are acknowledged or discarded. */
  private closeWhenIdle(sessionId: string, entry: Entry): void {
    if (entry.users > 0) return;
    const idle = () => entry.store.get().conversation.outbox.length === 0;
    const close = () => {
      entry.stopWatching?.();
      entry.store.close();
      this.entries.delete(sessionId);
    };
    if (idle()) return close();
    entry.stopWatching = entry.store.subscribe(() => {
      if (entry.users === 0 && idle()) close();
    });
  }
}
