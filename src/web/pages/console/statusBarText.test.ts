import { describe, expect, it } from 'vitest';
import type { AgentState } from '../../../shared/api.js';
import { availabilityOf, changedMessage, statusHint } from './statusBarText.js';

const state = (changes: Partial<AgentState> = {}): AgentState => ({
  agent: { id: 'kofi', name: 'Kofi', email: 'kofi@example.com', role: 'admin' },
  status: 'online',
  maxConcurrentChats: 2,
  openChats: 1,
  autoAssign: true,
  connected: true,
  lastAssignedAt: null,
  updatedAt: '2026-01-05T09:00:00.000Z',
  ...changes,
});

describe('statusHint', () => {
  it('says what the saved status means and how many chats the agent has', () => {
    const saved = state();
    expect(statusHint(saved, availabilityOf(saved))).toBe(
      'Ready to accept new chats. 1 of 2 chats',
    );
  });

  it('says Full when the agent has no room', () => {
    const saved = state({ status: 'busy', openChats: 2 });
    expect(statusHint(saved, availabilityOf(saved))).toBe(
      'Keeps current chats, no new assignments. Full: 2 of 2 chats',
    );
  });

  it('keeps the saved status in words while a change waits for Update', () => {
    const saved = state({ status: 'offline', openChats: 0 });
    expect(statusHint(saved, { ...availabilityOf(saved), status: 'online' })).toBe(
      'Not saved: you are still offline until you select Update. 0 of 2 chats',
    );
    expect(statusHint(saved, { ...availabilityOf(saved), maxConcurrentChats: 3 })).toBe(
      'Not saved: you are still offline until you select Update. 0 of 2 chats',
    );
  });
});

describe('changedMessage', () => {
  it('names the status and whatever else the Update changed', () => {
    const before = availabilityOf(state({ status: 'offline' }));
    expect(changedMessage(before, state())).toBe('You are online');
    expect(changedMessage(before, state({ maxConcurrentChats: 3, autoAssign: false }))).toBe(
      'You are online, at most 3 chats, auto-assign off',
    );
    expect(changedMessage(before, state({ maxConcurrentChats: 1 }))).toBe(
      'You are online, at most 1 chat',
    );
  });
});
