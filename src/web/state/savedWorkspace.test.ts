import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../testing/memoryStorage.js';
import { forgetWorkspace, loadWorkspace, saveWorkspace } from './savedWorkspace.js';

const nothingOpen = { openIds: [], selectedId: null };

describe('saved workspace', () => {
  it('reopens an agent’s own chats, never another person’s on the same tab', () => {
    const storage = memoryStorage();
    saveWorkspace(storage, 'ama', { openIds: ['s1', 's2'], selectedId: 's2' });
    expect(loadWorkspace(storage, 'ama')).toEqual({ openIds: ['s1', 's2'], selectedId: 's2' });
    expect(loadWorkspace(storage, 'kofi')).toEqual(nothingOpen);
  });

  it('forgets them on sign-out', () => {
    const storage = memoryStorage();
    saveWorkspace(storage, 'ama', { openIds: ['s1'], selectedId: 's1' });
    forgetWorkspace(storage, 'ama');
    expect(loadWorkspace(storage, 'ama')).toEqual(nothingOpen);
  });

  it('ignores what it cannot read and fronts an open chat', () => {
    const storage = memoryStorage();
    storage.setItem('switchboard.console.openChats.ama', '{not json');
    expect(loadWorkspace(storage, 'ama')).toEqual(nothingOpen);
    storage.setItem(
      'switchboard.console.openChats.ama',
      JSON.stringify({ openIds: ['s1', 3], selectedId: 'gone' }),
    );
    expect(loadWorkspace(storage, 'ama')).toEqual({ openIds: ['s1'], selectedId: 's1' });
    expect(loadWorkspace(null, 'ama')).toEqual(nothingOpen);
  });
});
