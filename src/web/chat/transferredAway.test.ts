import { describe, expect, it } from 'vitest';
import type { Person } from '../../shared/api.js';
import { activeSession, ama, chatMessage, yaw } from '../testing/chatFixtures.js';
import { transferredAwayFrom } from './transferredAway.js';

const esi: Person = { id: 'esi', name: 'Esi', email: null, role: 'admin' };
const ada: Person = { id: 'ada', name: 'Ada', email: null, role: 'super_admin' };
const withEsi = activeSession({ agent: esi });

describe('transferredAwayFrom', () => {
  it('holds for an agent who can still see a chat a colleague has now', () => {
    expect(transferredAwayFrom(withEsi, [], ama)).toBe(true);
  });

  it('does not hold for the chat’s agent, its customer, or a chat no longer active', () => {
    expect(transferredAwayFrom(activeSession(), [], ama)).toBe(false);
    expect(transferredAwayFrom(withEsi, [], yaw)).toBe(false);
    expect(transferredAwayFrom({ ...withEsi, status: 'ended' }, [], ama)).toBe(false);
  });

  it('holds for a super admin only if they wrote in the chat, as its agent', () => {
    expect(transferredAwayFrom(withEsi, [chatMessage(1, yaw)], ada)).toBe(false);
    expect(transferredAwayFrom(withEsi, [chatMessage(1, yaw), chatMessage(2, ada)], ada)).toBe(
      true,
    );
  });

  it("holds for the lead of the chat's team only if they wrote in it as its agent", () => {
    expect(transferredAwayFrom(withEsi, [chatMessage(1, yaw)], ama, true)).toBe(false);
    const note = { ...chatMessage(2, ama), type: 'note' as const };
    expect(transferredAwayFrom(withEsi, [chatMessage(1, yaw), note], ama, true)).toBe(false);
    expect(
      transferredAwayFrom(withEsi, [chatMessage(1, yaw), chatMessage(2, ama)], ama, true),
    ).toBe(true);
  });
});
