// Which chat's composer should take the keyboard focus when it appears: set by an Assign to me
// (from the lists or the chat itself), taken by that chat's composer once the chat is the
// agent's, so they can start typing at once instead of finding focus on the page body.
const wanted = new Set<string>();

export function focusComposerWhenReady(sessionId: string): void {
  wanted.add(sessionId);
}

/** True once for a chat whose composer was asked for. */
export function takeComposerFocus(sessionId: string): boolean {
  return wanted.delete(sessionId);
}

/** The take failed: no composer is coming. */
export function cancelComposerFocus(sessionId: string): void {
  wanted.delete(sessionId);
}
