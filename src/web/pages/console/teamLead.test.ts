import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../../shared/api.js';
import { activeSession } from '../../testing/chatFixtures.js';
import { longestWaitingFirst, teamChatWait } from './teamLead.js';

const chat = (id: string, changes: Partial<SessionView> = {}): SessionView => ({
  ...activeSession({ id }),
  unreadCount: 0,
  queuePosition: null,
  ...changes,
});

const at = (time: string) => Date.parse(`2026-01-01T${time}Z`);

describe('longestWaitingFirst', () => {
  it('puts the queue first by age, then chats whose customer waits longest, answered ones last', () => {
    const answered = chat('answered', { startedAt: '2026-01-01T08:00:00Z' });
    const waitingLong = chat('waiting-long', {
      status: 'waiting',
      agent: null,
      startedAt: '2026-01-01T09:00:00Z',
    });
    const waitingNew = chat('waiting-new', {
      status: 'waiting',
      agent: null,
      startedAt: '2026-01-01T09:30:00Z',
    });
    const customerWaits = chat('customer-waits', { awaitingAgentSince: '2026-01-01T09:10:00Z' });
    const customerJustWrote = chat('just-wrote', { awaitingAgentSince: '2026-01-01T09:40:00Z' });
    const order = longestWaitingFirst([
      answered,
      customerJustWrote,
      waitingNew,
      customerWaits,
      waitingLong,
    ]).map((s) => s.id);
    expect(order).toEqual([
      'waiting-long',
      'waiting-new',
      'customer-waits',
      'just-wrote',
      'answered',
    ]);
  });
});

describe('teamChatWait', () => {
  it('says how long a waiting chat has been in the queue', () => {
    const waiting = chat('w', {
      status: 'waiting',
      agent: null,
      startedAt: '2026-01-01T09:00:00Z',
    });
    expect(teamChatWait(waiting, at('09:04:00'))).toBe('Waiting 4 min');
  });

  it("says how long an active chat's customer has waited for a reply", () => {
    const active = chat('a', { awaitingAgentSince: '2026-01-01T09:10:00Z' });
    expect(teamChatWait(active, at('09:12:30'))).toBe('Customer waiting 2 min');
  });

  it('says how long ago the last message was once the customer is answered', () => {
    const active = chat('a', { lastMessageAt: '2026-01-01T09:20:00Z' });
    expect(teamChatWait(active, at('09:50:00'))).toBe('Answered, last message 30 min ago');
    const silent = chat('b', { startedAt: '2026-01-01T09:00:00Z' });
    expect(teamChatWait(silent, at('09:00:40'))).toBe('Answered, last message 40 s ago');
  });
});
