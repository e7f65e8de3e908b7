import { describe, expect, it } from 'vitest';
import { isUnansweredInTime, isUnattended, unansweredChatLine } from './unattendedChats.js';

const waiting = {
  status: 'waiting' as const,
  assigned_agent_id: null,
  first_assigned_at: null,
  ticket_id: null,
  started_at: 1_000,
};

describe('unattended chats', () => {
  it('is a waiting chat no agent ever had and that has no ticket', () => {
    expect(isUnattended(waiting)).toBe(true);
    expect(isUnattended({ ...waiting, status: 'active', assigned_agent_id: 'a' })).toBe(false);
    expect(isUnattended({ ...waiting, status: 'ended' })).toBe(false);
    // Requeued: an agent had it once.
    expect(isUnattended({ ...waiting, first_assigned_at: 500 })).toBe(false);
    // An agent made its ticket already.
    expect(isUnattended({ ...waiting, ticket_id: 't' })).toBe(false);
  });

  it('is unanswered in time once it has waited the whole delay, never when off', () => {
    expect(isUnansweredInTime(waiting, 1_000 + 59_999, 60_000)).toBe(false);
    expect(isUnansweredInTime(waiting, 1_000 + 60_000, 60_000)).toBe(true);
    expect(isUnansweredInTime(waiting, 1_000 + 10 ** 9, 0)).toBe(false);
    expect(isUnansweredInTime({ ...waiting, ticket_id: 't' }, 10 ** 9, 60_000)).toBe(false);
  });

  it('tells the customer the request number', () => {
    expect(unansweredChatLine(42)).toBe(
      "No one could answer in time — we've made request #42; we'll reply there",
    );
  });
});
