import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../testing/memoryStorage.js';
import { loadOutbox, saveOutbox } from './savedOutbox.js';

describe('saved outbox', () => {
  it('brings unsent messages back after a reload, per person and session', () => {
    const storage = memoryStorage();
    const pending = { clientId: 'c1', text: 'Hi', queuedAt: '2026-01-01T00:00:00Z', failure: null };
    saveOutbox(storage, 'yaw', 's1', [pending]);
    expect(loadOutbox(storage, 'yaw', 's1')).toEqual([pending]);
    expect(loadOutbox(storage, 'ama', 's1')).toEqual([]);
    saveOutbox(storage, 'yaw', 's1', []);
    expect(storage.data.size).toBe(0);
  });

  it('ignores what it cannot read', () => {
    const storage = memoryStorage();
    storage.setItem('switchboard.outbox.yaw.s1', '{not json');
    expect(loadOutbox(storage, 'yaw', 's1')).toEqual([]);
    storage.setItem('switchboard.outbox.yaw.s1', JSON.stringify([{ clientId: 1 }, null]));
    expect(loadOutbox(storage, 'yaw', 's1')).toEqual([]);
    expect(loadOutbox(null, 'yaw', 's1')).toEqual([]);
  });
});
