import { describe, expect, it } from 'vitest';
import { ama } from '../../testing/chatFixtures.js';
import { requeueAlertText } from './requeueAlert.js';

const frame = (reason: 'disconnected' | 'signed_out', count: number) => ({
  type: 'chats.requeued' as const,
  agent: ama,
  reason,
  sessions: Array.from({ length: count }, (_, i) => ({ sessionId: `s${i}`, position: i + 1 })),
  at: '2026-01-01T09:00:00Z',
});

describe('requeueAlertText', () => {
  it('names the agent, why they are gone and how many chats went back', () => {
    expect(requeueAlertText(frame('disconnected', 1))).toBe(
      'Ama was disconnected: 1 chat is back in the queue',
    );
    expect(requeueAlertText(frame('signed_out', 3))).toBe(
      'Ama signed out: 3 chats are back in the queue',
    );
  });
});
