// The chats an agent has open side by side as tabs, and which one is in front, kept for a reload
// (per agent) by state/savedWorkspace.ts.
import { useEffect, useState } from 'preact/hooks';
import { loadWorkspace, saveWorkspace, type SavedWorkspace } from '../../state/savedWorkspace.js';
import { tabStorage } from '../../state/tabStorage.js';

export interface Workspace {
  openIds: readonly string[];
  selectedId: string | null;
  /** Opens a chat (if not open) and, unless `background`, brings it to the front. */
  open: (sessionId: string, options?: { background?: boolean }) => void;
  close: (sessionId: string) => void;
  select: (sessionId: string) => void;
}

export function useWorkspace(userId: string): Workspace {
  const [state, setState] = useState<SavedWorkspace>(() => loadWorkspace(tabStorage(), userId));
  useEffect(() => saveWorkspace(tabStorage(), userId, state), [state]);
  return {
    ...state,
    open: (sessionId, options = {}) =>
      setState((s) => ({
        openIds: s.openIds.includes(sessionId) ? s.openIds : [...s.openIds, sessionId],
        selectedId: options.background && s.selectedId ? s.selectedId : sessionId,
      })),
    close: (sessionId) =>
      setState((s) => {
        const index = s.openIds.indexOf(sessionId);
        const openIds = s.openIds.filter((id) => id !== sessionId);
        const selectedId =
          s.selectedId === sessionId
            ? (openIds[Math.min(index, openIds.length - 1)] ?? null)
            : s.selectedId;
        return { openIds, selectedId };
      }),
    select: (sessionId) => setState((s) => ({ ...s, selectedId: sessionId })),
  };
}
