// Keeps the chats an agent has open as console tabs in the tab's sessionStorage, under the
// agent's own id: a reload reopens them, but someone else signing in on the same tab never sees
// them, and signing out forgets them.

export type WorkspaceStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface SavedWorkspace {
  openIds: string[];
  selectedId: string | null;
}

const keyOf = (userId: string) => `switchboard.console.openChats.${userId}`;

export function loadWorkspace(storage: WorkspaceStorage | null, userId: string): SavedWorkspace {
  try {
    const saved = JSON.parse(
      storage?.getItem(keyOf(userId)) ?? 'null',
    ) as Partial<SavedWorkspace> | null;
    if (saved && Array.isArray(saved.openIds)) {
      const openIds = saved.openIds.filter((id): id is string => typeof id === 'string');
      return {
        openIds,
        selectedId: openIds.includes(saved.selectedId ?? '')
          ? saved.selectedId!
          : (openIds[0] ?? null),
      };
    }
  } catch {
    // Nothing usable saved.
  }
  return { openIds: [], selectedId: null };
}

export function saveWorkspace(
  storage: WorkspaceStorage | null,
  userId: string,
  workspace: SavedWorkspace,
): void {
  try {
    storage?.setItem(keyOf(userId), JSON.stringify(workspace));
  } catch {
    // Storage full or blocked: the tabs last for this page only.
  }
}

export function forgetWorkspace(storage: WorkspaceStorage | null, userId: string): void {
  try {
    storage?.removeItem(keyOf(userId));
  } catch {
    // Storage blocked: nothing was kept.
  }
}
