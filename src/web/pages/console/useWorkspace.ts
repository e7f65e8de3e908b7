// The chats an agent has open side by side as tabs, and which one is in front. Kept in the tab's
// sessionStorage so a reload reopens them.
import { useEffect, useState } from 'preact/hooks';

const STORAGE_KEY = 'switchboard.console.openChats';

export interface Workspace {
  openIds: readonly string[];
  selectedId: string | null;
  /** Opens a chat (if not open) and, unless `background`, brings it to the front. */
  open: (sessionId: string, options?: { background?: boolean }) => void;
  close: (sessionId: string) => void;
  select: (sessionId: string) => void;
}

interface Saved {
  openIds: string[];
  selectedId: string | null;
}

function restore(): Saved {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Saved | null;
    if (saved && Array.isArray(saved.openIds)) {
      const openIds = saved.openIds.filter((id): id is string => typeof id === 'string');
      return {
        openIds,
        selectedId: openIds.includes(saved.selectedId ?? '')
          ? saved.selectedId
          : (openIds[0] ?? null),
      };
    }
  } catch {
    // Nothing usable saved.
  }
  return { openIds: [], selectedId: null };
}

export function useWorkspace(): Workspace {
  const [state, setState] = useState<Saved>(restore);
  useEffect(() => {
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch {
      // Storage blocked: the tabs last for this page only.
    }
  }, [state]);
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
