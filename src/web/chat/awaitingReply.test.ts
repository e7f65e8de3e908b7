import { describe, expect, it } from 'vitest';
import { activeSession, ama, chatMessage, yaw } from '../testing/chatFixtures.js';
import { awaitingAgentSince, overdueReplyLabel } from './awaitingReply.js';
import { initialConversation, type ConversationState } from './conversation.js';

const at = (minute: number) => `2026-01-01T09:${String(minute).padStart(2, '0')}:00.000Z`;
const ms = (minute: number) => Date.parse(at(minute));

function conversation(
  messages: ConversationState['messages'],
  changes: Partial<ConversationState> = {},
): ConversationState {
  return {
    ...initialConversation('ama'),
    session: activeSession(),
    messages,
    ...changes,
  };
}

describe('awaitingAgentSince', () => {
  it('runs from the oldest customer message after the last reply from the desk', () => {
    const state = conversation([
      chatMessage(1, yaw, { createdAt: at(1) }),
      chatMessage(2, ama, { createdAt: at(2) }),
      chatMessage(3, yaw, { createdAt: at(3) }),
      chatMessage(4, null, { type: 'system', createdAt: at(4) }),
      chatMessage(5, yaw, { createdAt: at(5) }),
    ]);
    expect(awaitingAgentSince(state)).toBe(at(3));
  });

  it('is null once the agent has answered', () => {
    const state = conversation([
      chatMessage(1, yaw, { createdAt: at(1) }),
      chatMessage(2, ama, { createdAt: at(2) }),
    ]);
    expect(awaitingAgentSince(state)).toBeNull();
  });

  it('keeps the session’s own value when the wait began before the messages on screen', () => {
    const state = conversation([chatMessage(40, yaw, { createdAt: at(30) })], {
      hasEarlier: true,
      session: activeSession({ awaitingAgentSince: at(10) }),
    });
    expect(awaitingAgentSince(state)).toBe(at(10));
    expect(awaitingAgentSince({ ...state, hasEarlier: false })).toBe(at(30));
  });
});

describe('overdueReplyLabel', () => {
  const active = { status: 'active' } as const;
  const TWO_MIN = 120_000;

  it('says how long the customer has waited once the threshold is reached', () => {
    expect(overdueReplyLabel(active, at(0), TWO_MIN, ms(2) - 1)).toBeNull();
    expect(overdueReplyLabel(active, at(0), TWO_MIN, ms(2))).toBe('Waiting for reply 2 min');
    expect(overdueReplyLabel(active, at(0), TWO_MIN, ms(3) + 30_000)).toBe(
      'Waiting for reply 3 min',
    );
  });

  it('says nothing for a chat that waits for nobody, is not active, or before the threshold is known', () => {
    expect(overdueReplyLabel(active, null, TWO_MIN, ms(30))).toBeNull();
    expect(overdueReplyLabel({ status: 'waiting' }, at(0), TWO_MIN, ms(30))).toBeNull();
    expect(overdueReplyLabel({ status: 'ended' }, at(0), TWO_MIN, ms(30))).toBeNull();
    expect(overdueReplyLabel(active, at(0), null, ms(30))).toBeNull();
  });
});
