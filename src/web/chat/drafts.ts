// Keeps what someone has typed but not sent, per chat and per person, in the tab's
// sessionStorage: it survives a reload and switching between chats, and is cleared on send. The
// tab's storage rather than localStorage, like the outbox: a draft goes when the tab is closed,
// so nothing half-written stays on a shared computer, and two tabs never overwrite each other.
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const keyOf = (viewerId: string, sessionId: string) => `switchboard.draft.${viewerId}.${sessionId}`;

export function loadDraft(
  storage: DraftStorage | null,
  viewerId: string,
  sessionId: string,
): string {
  try {
    return storage?.getItem(keyOf(viewerId, sessionId)) ?? '';
  } catch {
    return '';
  }
}

/** Saves the draft; an empty (or blank) one is removed. */
export function saveDraft(
  storage: DraftStorage | null,
  viewerId: string,
  sessionId: string,
  text: string,
): void {
  try {
    if (text.trim()) storage?.setItem(keyOf(viewerId, sessionId), text);
    else storage?.removeItem(keyOf(viewerId, sessionId));
  } catch {
    // Storage full or blocked: the draft lasts as long as the composer does.
  }
}
